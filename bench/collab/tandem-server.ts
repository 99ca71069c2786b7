/**
 * Child process: Tandem's real collab server with better-auth sessions, piece membership,
 * persistence and attribution, composed the way server/app.ts does it (without Next, tRPC and
 * the model). PGlite in a temporary directory, or PostgreSQL when DATABASE_URL is set.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import * as Y from "yjs";
import { createDb } from "../../db";
import { noteLedger } from "../../db/schema/authorship";
import { pieceMembers, pieces } from "../../db/schema/pieces";
import { docMaps, type Note } from "../../lib/doc-schema";
import { AUTH_BASE_PATH, authNodeHandler, createAuth, sessionUserFromRequest } from "../../server/auth";
import { createCollabServer } from "../../server/collab";
import { loadPiece } from "../../server/collab/persistence";
import { resourceSampler } from "./resources";
import { serveApi, type BenchServerApi } from "./rpc";

const log = {
  info() {},
  warn: (msg: string, fields?: object) => console.error(`[tandem] ${msg}`, fields ?? ""),
  error: (msg: string, fields?: object) => console.error(`[tandem] ${msg}`, fields ?? ""),
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), "tandem-bench-"));
const db = await createDb(process.env.DATABASE_URL, { dataDir: path.join(dataDir, "pglite") });
const server = http.createServer();
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;
const baseURL = `http://127.0.0.1:${port}`;

const auth = createAuth({ db: db.db, secret: randomBytes(32).toString("base64url"), baseURL, trustedOrigins: [baseURL] });
const collab = createCollabServer({
  db: db.db,
  authenticate: (req) => sessionUserFromRequest(auth, req),
  log,
  persistDebounceMs: Number(process.env.PERSIST_DEBOUNCE_MS ?? 250), // the server's default
  unsavedDir: path.join(dataDir, "collab-unsaved"), // as server/app.ts
  idleUnloadMs: 1000, // short, so the load test can time a piece loaded from the database
});
const handleAuth = authNodeHandler(auth);
server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
  if ((req.url ?? "").startsWith(`${AUTH_BASE_PATH}/`)) return void handleAuth(req, res);
  res.writeHead(404).end();
});
server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));

const sampler = resourceSampler();
const notesOf = (doc: Y.Doc): Record<string, Note> => Object.fromEntries(docMaps(doc).notes.entries());

const api: BenchServerApi = {
  async createPiece(members) {
    const id = `bench-${randomUUID()}`;
    await db.db.insert(pieces).values({ id, title: "Bench piece", ownerId: members[0].userId });
    await db.db.insert(pieceMembers).values(members.map((m) => ({ pieceId: id, ...m })));
    return id;
  },
  beginSample: async () => sampler.begin(),
  endSample: async () => sampler.end(),
  notes: (pieceId) => collab.readDoc(pieceId, notesOf),
  stateVector: (pieceId) => collab.readDoc(pieceId, (doc) => [...Y.decodeStateVector(Y.encodeStateVector(doc))]),
  async persisted(pieceId) {
    await collab.flushAll();
    const doc = new Y.Doc();
    const { updates } = await loadPiece(db.db, pieceId);
    doc.transact(() => updates.forEach((u) => Y.applyUpdate(doc, u)));
    const notes = notesOf(doc);
    doc.destroy();
    const rows = await db.db
      .select({ actorId: noteLedger.actorId, n: count() })
      .from(noteLedger)
      .where(eq(noteLedger.pieceId, pieceId))
      .groupBy(noteLedger.actorId);
    return { notes, ledgerByActor: Object.fromEntries(rows.map((r) => [r.actorId, r.n])) };
  },
  isLoaded: async (pieceId) => collab.openPieces().includes(pieceId),
  async shutdown() {
    await collab.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
  },
};

serveApi(api, port);
