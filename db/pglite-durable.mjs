// How the embedded database keeps an acknowledged save through a power cut. PGlite ships with fsync off ("-F"), and
// under Node its file system (Emscripten's NODEFS) drops every fsync Postgres makes, while fdatasync is a no-op in
// Emscripten's libc whatever the file system: a commit was written to the OS's page cache, not to the disk, and a
// power cut could lose saves already acknowledged, or leave data files ahead of their WAL. Here fsync reaches the
// disk, Postgres runs with fsync on, and it syncs its WAL with fsync. About 2-4 ms more a save on this host's disk
// (200 saves, db/pglite-durable.db.test.ts and README); saves come at most every 250 ms a piece, off the event loop.
// Plain JavaScript: the worker (pglite-worker.mjs) and the database's creation (pglite-init.mjs) run it under node.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

// PGlite's initdb sets 128 MB of shared buffers, and Postgres touches all of them at start: 128 MB of resident memory
// in an idle server. Pages it evicts are still in the OS's page cache (PGlite reads and writes files in `dataDir`),
// so a small pool costs a read call, not a disk read.
const SMALL_POOL = ["-c", "shared_buffers=16MB"];
const DURABLE = ["-c", "fsync=on", "-c", "wal_sync_method=fsync", "-c", "synchronous_commit=on", "-c", "full_page_writes=on"];
export const START_PARAMS = [...PGlite.defaultStartParams.filter((p) => p !== "-F"), ...SMALL_POOL, ...DURABLE];

/** PGlite's Node file system on `dataDir`, with fsync passed to the disk (a failure reaches Postgres as EIO). */
export function durableNodeFs(dataDir) {
  return new (class extends NodeFS {
    async init(pg, opts) {
      const { emscriptenOpts } = await super.init(pg, opts);
      const passFsync = (mod) => {
        // Every NODEFS stream shares these ops; a stream's `nfd` is the real descriptor (directories have one too).
        mod.NODEFS.stream_ops.fsync = (stream) => mod.NODEFS.tryFSOperation(() => fs.fsyncSync(stream.nfd));
      };
      return { emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), passFsync] } };
    }
  })(dataDir);
}

/** Syncs every file and folder below `dir`, and `dir` in its parent: a newly created database reaches the disk whole. */
export function syncTree(dir) {
  const sync = (p) => {
    const fd = fs.openSync(p, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // parentPath from Node 20.12; `path` before it (package.json allows 20.9).
    if (entry.isFile() || entry.isDirectory()) sync(path.join(entry.parentPath ?? entry.path, entry.name));
  }
  sync(dir);
  sync(path.dirname(path.resolve(dir)));
}
