/**
 * Access that ends when it is taken away: open sockets follow role changes, removal, sign-out and session expiry.
 * Real better-auth sessions, the real collab server on a port, real y-websocket clients and tRPC callers.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../db";
import { pieceMembers, sessions } from "../../db/schema";
import { createTestDb } from "../../db/test-db";
import { docMaps, type Note } from "../../lib/doc-schema";
import { createGenerationLine } from "../api/generation-line";
import { createJamHub } from "../jam/hub";
import { newId } from "../api/ids";
import { createCaller } from "../api/root";
import { createFakeInference } from "../api/fake-inference";
import { createContext, type ApiServices } from "../api/trpc";
import { createAuth, sessionUserFromRequest, type Auth } from "../auth";
import type { SessionUser } from "../services";
import { openYClient, type YClient } from "../testing/y-client";
import { CloseCode } from "../../lib/collab-protocol";
import { startHarness, type Harness } from "./test-harness";

const ACCESS_CHECK_MS = 200;
const note = (pitch: number): Note => ({ track: "melody", pitch, start: 0, duration: 480, velocity: 90 });

let handle: DbHandle;
let auth: Auth;
let harness: Harness;
let services: ApiServices;
let clients: YClient[] = [];

interface Person {
  user: SessionUser;
  cookie: string;
  api: ReturnType<typeof createCaller>;
}

async function signUp(name: string): Promise<Person> {
  const email = `${name.toLowerCase()}-${newId()}@example.com`;
  const res = await auth.api.signUpEmail({ body: { name, email, password: "password123" }, asResponse: true });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const ctx = await createContext(services, new Headers({ cookie }));
  if (!ctx.user) throw new Error(`sign-up of ${name} gave no session`);
  return { user: ctx.user, cookie, api: createCaller(ctx) };
}

const connect = (pieceId: string, who: Person) => {
  const c = openYClient(harness.url, pieceId, who.cookie, { maxBackoffTime: 200 });
  clients.push(c);
  return c;
};
const until = (fn: () => void, timeout = 5000) => vi.waitFor(fn, { timeout, interval: 20 });
/** The client's first close code, or "still open" after `ms`. */
const closeCode = (c: YClient, ms = 3000) =>
  Promise.race([c.closed, new Promise<string>((r) => setTimeout(() => r("still open"), ms))]);

/**
 * Whether the server applied `writer`'s note: the writer then announces itself in awareness, which the server
 * handles after the note (one socket, in order); once the owner sees that, the note had its chance.
 */
async function writeLands(writer: YClient, owner: YClient, id: string, mark: string): Promise<boolean> {
  docMaps(writer.doc).notes.set(id, note(60));
  writer.provider.awareness.setLocalStateField("mark", mark);
  await until(() => expect(owner.provider.awareness.getStates().get(writer.doc.clientID)).toMatchObject({ mark }));
  await harness.collab.flushAll();
  return harness.collab.readDoc(writer.provider.roomname, (d) => docMaps(d).notes.has(id));
}

/** A piece owned by `owner`, joined by `member` with an invite for `role`. */
async function pieceWith(owner: Person, member: Person, role: "editor" | "viewer" | "reviewer"): Promise<string> {
  const { id: pieceId } = await owner.api.piece.create({ title: "Access" });
  await member.api.piece.acceptInvite(await owner.api.piece.createInvite({ pieceId, role }));
  return pieceId;
}

beforeAll(async () => {
  handle = await createTestDb();
  auth = createAuth({ db: handle.db, secret: "access-test-secret-access-test-secret", baseURL: "http://localhost:3000" });
  harness = await startHarness(handle.db, { authenticate: (req) => sessionUserFromRequest(auth, req), accessCheckMs: ACCESS_CHECK_MS });
  services = { db: handle.db, auth, collab: harness.collab, inference: createFakeInference(), generationLine: createGenerationLine(), jams: createJamHub({ collab: harness.collab, log: { warn() {} } }) };
  return async () => {
    await harness.close();
    await handle.close();
  };
});
afterEach(() => clients.splice(0).forEach((c) => c.destroy()));

/** Ann owns a new piece, Bea joined it as an editor; both have it open. */
async function bothOnline() {
  const [ann, bea] = [await signUp("Ann"), await signUp("Bea")];
  const pieceId = await pieceWith(ann, bea, "editor");
  const a = connect(pieceId, ann);
  const b = connect(pieceId, bea);
  await Promise.all([a.synced, b.synced]);
  return { ann, bea, pieceId, a, b };
}

describe("open sockets follow access", () => {
  it("a demoted editor's writes are dropped as soon as setRole returns; her socket reconnects (her page re-reads its role) and watches; promoted again, she writes", async () => {
    const { ann, bea, pieceId, a, b } = await bothOnline();
    const closes: number[] = [];
    b.provider.on("connection-close", (event) => closes.push(event?.code ?? 0));
    expect(await writeLands(b, a, "as-editor", "1")).toBe(true);

    for (const role of ["viewer", "reviewer"] as const) {
      await ann.api.piece.setRole({ pieceId, userId: bea.user.id, role });
      expect(await writeLands(b, a, `as-${role}`, role)).toBe(false);
    }
    // Each change closed her socket with roleChanged, and y-websocket reconnected it: she still watches.
    expect(closes).toEqual([CloseCode.roleChanged, CloseCode.roleChanged]);
    await until(() => expect(b.provider.wsconnected && b.provider.synced).toBe(true));
    docMaps(a.doc).notes.set("while-demoted", note(62));
    await until(() => expect(docMaps(b.doc).notes.has("while-demoted")).toBe(true));

    // Promoted, her socket reconnects (her dropped writes would leave a gap in her next update) and writes again.
    await ann.api.piece.setRole({ pieceId, userId: bea.user.id, role: "editor" });
    await until(() => expect(closes.at(-1)).toBe(CloseCode.roleRaised));
    await until(() => expect(b.provider.wsconnected && b.provider.synced).toBe(true));
    expect(await writeLands(b, a, "editor-again", "3")).toBe(true);
  });

  it("a role changed in the database by other means reaches the socket within the access check", async () => {
    const { bea, pieceId, a, b } = await bothOnline();
    const bea_ = and(eq(pieceMembers.pieceId, pieceId), eq(pieceMembers.userId, bea.user.id));
    const closes: number[] = [];
    b.provider.on("connection-close", (event) => closes.push(event?.code ?? 0));
    await handle.db.update(pieceMembers).set({ role: "viewer" }).where(bea_);
    await until(() => expect(closes).toEqual([CloseCode.roleChanged]), ACCESS_CHECK_MS * 10);
    expect(await writeLands(b, a, "late", "1")).toBe(false);
    await handle.db.delete(pieceMembers).where(bea_);
    await until(() => expect(closes.at(-1)).toBe(CloseCode.membershipEnded), ACCESS_CHECK_MS * 10);
  });

  it("removal closes the member's socket with 4403 at once, and she receives nothing more", async () => {
    const { ann, bea, pieceId, a, b } = await bothOnline();
    const started = Date.now();
    await ann.api.piece.removeMember({ pieceId, userId: bea.user.id });
    expect(await closeCode(b)).toBe(CloseCode.membershipEnded);
    expect(Date.now() - started).toBeLessThan(1000);
    await until(() => expect(b.provider.shouldConnect).toBe(false)); // 44xx: y-websocket does not retry
    docMaps(a.doc).notes.set("after-removal", note(64));
    await harness.collab.flushAll();
    expect(docMaps(b.doc).notes.has("after-removal")).toBe(false);
  });

  it("signing out closes the person's sockets with the session-ended code", async () => {
    const { bea, a, b: b1 } = await bothOnline();
    const b2 = connect((await bea.api.piece.create({ title: "Hers" })).id, bea);
    await b2.synced;
    await auth.api.signOut({ headers: new Headers({ cookie: bea.cookie }) });
    const started = Date.now();
    expect(await Promise.all([closeCode(b1), closeCode(b2)])).toEqual([CloseCode.sessionEnded, CloseCode.sessionEnded]);
    expect(Date.now() - started).toBeLessThan(ACCESS_CHECK_MS * 3);
    expect(a.provider.wsconnected).toBe(true); // only her sockets
  });

  it("an expired session closes the socket with the session-ended code", async () => {
    const { bea, b } = await bothOnline();
    await handle.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, bea.user.id));
    expect(await closeCode(b)).toBe(CloseCode.sessionEnded);
  });
});
