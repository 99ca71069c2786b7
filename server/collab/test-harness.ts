/**
 * Test support for the collab integration tests: the real server on port 0 behind a plain HTTP
 * server, a cookie that names a user row (instead of a better-auth session), seeded people and
 * pieces, and real y-websocket clients in Node.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { WebSocket } from "ws";
import * as Y from "yjs";
import type { Db, DbHandle } from "../../db";
import { createTestDb } from "../../db/test-db";
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
  // As server/app.ts composes it: alone, edits wait for the database in an unsaved log (a folder of this harness's).
  const unsavedDir = mkdtempSync(path.join(os.tmpdir(), "tandem-unsaved-"));
  const collab = createCollabServer({ db, log: quietLog, authenticate: cookieAuth(db), persistDebounceMs: 50, unsavedDir, ...opts });
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

/** A person not yet in any database: ids are known up front, so a test file can name its people at the top. */
export const newUser = (name: string): SessionUser => ({ id: `u-${randomUUID()}`, name, email: `${name.toLowerCase()}-${randomUUID()}@example.com` });

export async function addUser(db: Db, name: string): Promise<SessionUser> {
  const user = newUser(name);
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

/** Waits until `fn` stops throwing, as the collab tests wait for a change to travel. */
export const until = <T>(fn: () => T | Promise<T>, timeout = 5000) => vi.waitFor(fn, { timeout, interval: 20 });

export interface CollabSuite {
  readonly db: Db;
  readonly harness: Harness;
  /** The suite's collab server (its harness's). */
  readonly collab: CollabServer;
  /** Stops the server and starts a new one over the same database, as a deploy does. */
  restart(): Promise<void>;
  /** A real client as `user` (null: no cookie) on `via` (the suite's server unless named), destroyed after the test. */
  connect(pieceId: string, user: SessionUser | null, via?: Harness): TestClient;
  /** A new piece with `members` in their roles (the suite's members unless named). */
  newPiece(members?: [SessionUser, MemberRole][]): Promise<string>;
}

export interface WithPieceOptions {
  /** People in the database who are not members of the suite's pieces. */
  outsiders?: SessionUser[];
  server?: Partial<CollabServerOptions>;
}

/**
 * The set-up the collab integration tests share, as vitest hooks for the calling file: a fresh database holding
 * `members` (and `outsiders`), one collab server over it, and the clients a test opens destroyed after it.
 */
export function withPiece(members: [SessionUser, MemberRole][], { outsiders = [], server = {} }: WithPieceOptions = {}): CollabSuite {
  let handle: DbHandle | undefined;
  let harness: Harness | undefined;
  const clients: TestClient[] = [];
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`withPiece: the ${what} is only there inside tests (after beforeAll)`);
    return value;
  };

  beforeAll(async () => {
    handle = await createTestDb();
    await handle.db.insert(users).values([...members.map(([u]) => u), ...outsiders]);
    harness = await startHarness(handle.db, server);
  });
  afterEach(() => clients.splice(0).forEach((c) => c.destroy()));
  afterAll(async () => {
    await harness?.close();
    await handle?.close();
  });

  const suite: CollabSuite = {
    get db() {
      return ready(handle, "database").db;
    },
    get harness() {
      return ready(harness, "server");
    },
    get collab() {
      return suite.harness.collab;
    },
    async restart() {
      await suite.harness.close();
      harness = await startHarness(suite.db, server);
    },
    connect(pieceId, user, via = suite.harness) {
      const c = connectClient(via.url, pieceId, user?.id ?? null);
      clients.push(c);
      return c;
    },
    newPiece: (pieceMembers = members) => addPiece(suite.db, pieceMembers),
  };
  return suite;
}
