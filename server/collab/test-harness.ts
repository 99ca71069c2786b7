/**
 * Test support for the collab integration tests: the real server on port 0 behind a plain HTTP
 * server, a cookie that names a user row (instead of a better-auth session), seeded people and
 * pieces, and real y-websocket clients in Node.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { WebSocket } from "ws";
import * as Y from "yjs";
import type { Db } from "../../db";
import { users } from "../../db/schema/auth";
import { generations } from "../../db/schema/authorship";
import { docUpdates } from "../../db/schema/documents";
import { pieceMembers, pieces, type MemberRole } from "../../db/schema/pieces";
import type { SessionUser, SocketUser } from "../services";
import { openYClient, type YClient } from "../testing/y-client";
import { createCollabServer, type CollabServer, type CollabServerOptions } from "./index";

export const TEST_COOKIE = "tandem_test_user";
export const quietLog = { info() {}, warn() {}, error() {} };

export interface Harness {
  url: string;
  collab: CollabServer;
  close(): Promise<void>;
}

export async function startHarness(db: Db, opts: Partial<CollabServerOptions> = {}): Promise<Harness> {
  const collab = createCollabServer({ db, log: quietLog, authenticate: cookieAuth(db), persistDebounceMs: 50, ...opts });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    collab,
    async close() {
      await collab.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Authenticates the test cookie against the users table, as the real server does with a session (here, none to re-check). */
const cookieAuth =
  (db: Db) =>
  async (req: http.IncomingMessage): Promise<SocketUser | null> => {
    const match = (req.headers.cookie ?? "").match(new RegExp(`(?:^|;\\s*)${TEST_COOKIE}=([^;]+)`));
    if (!match) return null;
    const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, match[1]));
    return user ? { ...user, sessionId: null } : null;
  };

/** A `ws` WebSocket that sends the test cookie for `userId` (or no cookie). */
export function socketClass(userId: string | null): new (address: string, protocols?: string | string[]) => WebSocket {
  return class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, userId ? { headers: { cookie: `${TEST_COOKIE}=${userId}` } } : {});
    }
  };
}

export async function addUser(db: Db, name: string): Promise<SessionUser> {
  const user = { id: `u-${randomUUID()}`, name, email: `${name.toLowerCase()}-${randomUUID()}@example.com` };
  await db.insert(users).values(user);
  return user;
}

/** A new piece with the given members (the first one owns it). */
export async function addPiece(db: Db, members: [SessionUser, MemberRole][]): Promise<string> {
  const id = `p-${randomUUID()}`;
  await db.insert(pieces).values({ id, title: "Test piece", ownerId: members[0][0].id });
  await db.insert(pieceMembers).values(members.map(([u, role]) => ({ pieceId: id, userId: u.id, role })));
  return id;
}

/** A generation row of the "tiny" model on `pieceId`, asked for by `requestedBy`; returns its id. */
export async function addGeneration(db: Db, pieceId: string, requestedBy: SessionUser, outcome?: "accepted"): Promise<string> {
  const id = `g-${randomUUID()}`;
  await db.insert(generations).values({
    id, pieceId, requestedBy: requestedBy.id, mode: "infill", region: {}, settings: {}, model: "tiny", modelVersion: "1", candidateCount: 1, outcome,
  });
  return id;
}

export type TestClient = YClient;

/** A real y-websocket client whose upgrade carries the test cookie for `userId` (or no cookie). */
export const connectClient = (url: string, pieceId: string, userId: string | null): TestClient =>
  openYClient(url, pieceId, userId ? `${TEST_COOKIE}=${userId}` : null, { maxBackoffTime: 200 });

/** The close code the server sends a raw socket for `userId` on `pieceId`. */
export function closeCodeFor(url: string, pieceId: string, userId: string | null): Promise<number> {
  const Ws = socketClass(userId);
  const ws = new Ws(`${url}/${pieceId}`);
  ws.on("error", () => {});
  return new Promise((resolve) => ws.on("close", (code) => resolve(code)));
}

/** Opens a raw socket as `userId` and resolves once it is open. */
export function openRawSocket(url: string, pieceId: string, userId: string): Promise<WebSocket> {
  const Ws = socketClass(userId);
  const ws = new Ws(`${url}/${pieceId}`);
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

/** The piece as the database has it: every row applied to a fresh doc. */
export async function storedDoc(db: Db, pieceId: string): Promise<Y.Doc> {
  const rows = await db.select().from(docUpdates).where(eq(docUpdates.pieceId, pieceId)).orderBy(docUpdates.id);
  const doc = new Y.Doc();
  rows.forEach((r) => Y.applyUpdate(doc, r.update));
  return doc;
}
