// Creates an embedded database in the directory given as the first argument, then exits. pglite-server.ts runs it as a
// process of its own: PGlite runs initdb in a second PGlite instance, and the two leave ~500 MB resident after they
// close (much of it kept by the allocator even once their thread has ended), which only the process's end gives back.
import { PGlite } from "@electric-sql/pglite";
import { syncTree } from "./pglite-durable.mjs";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: node db/pglite-init.mjs <dataDir>");
const db = await PGlite.create(dataDir);
await db.close();
// initdb's files went to the page cache only (PGlite's Node file system drops fsync): on disk before anyone saves.
syncTree(dataDir);
