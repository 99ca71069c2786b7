import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../db";
import { readNotes, type Note, type Provenance } from "../lib/doc-schema";
import { checkConsistency } from "./authorship/consistency";
import { readLedgerRows } from "./authorship/load-report";
import { storedDoc } from "./collab/test-harness";
import { redisConnection } from "./redis";
import { connect, createServerStorage, signUp, startChildServer, synced, trpc, until, type ChildServer, type Client } from "./testing/real-server";

// Several real app processes (child processes, the real server) on this machine's Redis and one PostgreSQL database,
// as issue 15 asks: edits and presence cross processes, each edit is credited once, a process that starts later sees
// everything, and an edit acknowledged by a process that is then killed (SIGKILL) is still saved. Several processes
// cannot share an embedded PGlite, so this runs only against PostgreSQL (TANDEM_TEST_DB=postgres).

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const note = (start: number, pitch = 60): Note => ({ track: "melody", pitch, start, duration: 240, velocity: 90 });
const notesOf = (c: Client) => c.doc.getMap<Note>("notes");

describe.skipIf(process.env.TANDEM_TEST_DB !== "postgres")("several app processes on Redis and PostgreSQL", () => {
  const prefix = `tandem-test-${randomBytes(4).toString("hex")}`;
  let storage: Awaited<ReturnType<typeof createServerStorage>>;
  let db: DbHandle;
  let processes: ChildServer[] = [];
  let clients: Client[] = [];
  let ann: string, bob: string;
  let annId: string, bobId: string;

  const startApp = async (persistDebounceMs = 100) => {
    const app = await startChildServer({ ...storage.env, REDIS_URL, TANDEM_REDIS_PREFIX: prefix, PERSIST_DEBOUNCE_MS: String(persistDebounceMs) });
    processes.push(app);
    return app;
  };
  const open = (app: ChildServer, pieceId: string, cookie: string) => {
    const c = connect(app.base, pieceId, cookie);
    clients.push(c);
    return c;
  };
  /** A new piece of Ann's with Bob as an editor, made through `app`. */
  const newPiece = async (app: ChildServer) => {
    const { id } = await trpc<{ id: string }>(app.base, ann, "piece.create", { title: "Across processes" });
    const { token } = await trpc<{ token: string }>(app.base, ann, "piece.createInvite", { pieceId: id, role: "editor" });
    await trpc(app.base, bob, "piece.acceptInvite", { token });
    return id;
  };
  /** The database's ledger and document for the piece, once it holds `rows` ledger rows. */
  const saved = async (pieceId: string, rows: number) => {
    const end = Date.now() + 15_000;
    for (;;) {
      const ledger = await readLedgerRows(db.db, pieceId);
      if (ledger.length >= rows || Date.now() > end) return { ledger, notes: readNotes(await storedDoc(db.db, pieceId)) };
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    storage = await createServerStorage("postgres");
    db = await createDb(storage.env.DATABASE_URL);
    const first = await startApp();
    ann = await signUp(first.base, "Ann");
    bob = await signUp(first.base, "Bob");
    const me = async (cookie: string) => (await (await fetch(`${first.base}/api/auth/get-session`, { headers: { cookie } })).json()).user.id as string;
    [annId, bobId] = [await me(ann), await me(bob)];
  }, 120_000);

  afterEach(() => {
    clients.forEach((c) => c.destroy());
    clients = [];
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop("SIGKILL")));
    await db?.close();
    await storage?.drop();
    const redis = redisConnection(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("edits and presence cross processes; each edit is credited once, and a process started later sees them all", async () => {
    const [one, two] = [processes[0], await startApp()];
    const pieceId = await newPiece(one);
    const a = open(one, pieceId, ann);
    const b = open(two, pieceId, bob);
    await Promise.all([synced(a), synced(b)]);

    for (let i = 0; i < 10; i++) {
      notesOf(a).set(`ann-${i}`, note(i * 240, 60));
      notesOf(b).set(`bob-${i}`, note(i * 240, 72));
    }
    await until(() => notesOf(a).size === 20 && notesOf(b).size === 20);
    a.provider.awareness.setLocalStateField("user", { name: "Ann" });
    await until(() => [...b.provider.awareness.getStates().values()].some((s) => s.user?.name === "Ann"));

    const { ledger, notes } = await saved(pieceId, 20);
    expect(ledger).toHaveLength(20); // once each, by the process whose socket received it
    for (const row of ledger) expect(row.actorId).toBe(row.noteId.startsWith("ann") ? annId : bobId);
    expect(checkConsistency(ledger, notes)).toMatchObject({ ok: true });
    expect(b.doc.getMap<Provenance>("provenance").get("ann-3")).toEqual({ kind: "human", userId: annId });

    const three = await startApp();
    const c = open(three, pieceId, ann);
    await synced(c);
    expect(notesOf(c).size).toBe(20);
  }, 120_000);

  it("an edit acknowledged by a process that is killed at once is saved all the same, credited to its author", async () => {
    const slow = await startApp(5_000); // would save its own updates only after 5 s: it is killed long before
    const steady = processes[0];
    const pieceId = await newPiece(steady);
    const a = open(slow, pieceId, ann);
    const b = open(steady, pieceId, bob);
    await Promise.all([synced(a), synced(b)]);

    for (let i = 0; i < 5; i++) notesOf(a).set(`kept-${i}`, note(i * 240, 64));
    await until(() => notesOf(b).size === 5);
    await slow.stop("SIGKILL");

    // Ann comes back through the process still running, and goes on.
    const again = open(steady, pieceId, ann);
    await synced(again);
    expect(notesOf(again).size).toBe(5);
    notesOf(again).set("after", note(2400, 67));

    const { ledger, notes } = await saved(pieceId, 6);
    expect(ledger.map((r) => [r.noteId, r.action, r.actorId]).sort()).toEqual(
      [...[0, 1, 2, 3, 4].map((i) => [`kept-${i}`, "create", annId]), ["after", "create", annId]].sort(),
    );
    expect(notes).toHaveLength(6);
    expect(checkConsistency(ledger, notes)).toMatchObject({ ok: true });
  }, 120_000);
});
