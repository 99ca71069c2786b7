import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { CloseCode } from "../lib/collab-protocol";
import type { Note, Provenance } from "../lib/doc-schema";
import { connect, createServerStorage, signUp, startChildServer, synced, trpc, until, type ChildServer } from "./testing/real-server";

// The real server (auth, tRPC, collaboration, inference, persistence) in a child process on a free port.

const note = (start: number, pitch = 60): Note => ({ track: "melody", pitch, start, duration: 240, velocity: 90 });

describe("the real server", () => {
  let storage: Awaited<ReturnType<typeof createServerStorage>>;
  let server: ChildServer;
  let ann: string;
  let bob: string;
  let pieceId: string;
  const idOf = new Map<string, string>(); // name -> user id: provenance names people by id

  beforeAll(async () => {
    storage = await createServerStorage();
    server = await startChildServer(storage.env);
    ann = await signUp(server.base, "Ann");
    bob = await signUp(server.base, "Bob");
    ({ id: pieceId } = await trpc<{ id: string }>(server.base, ann, "piece.create", { title: "Integration" }));
    const { token } = await trpc<{ token: string }>(server.base, ann, "piece.createInvite", { pieceId, role: "editor" });
    await trpc(server.base, bob, "piece.acceptInvite", { token });
    const { members } = await trpc<{ members: { userId: string; name: string }[] }>(server.base, ann, "piece.get", { pieceId }, "query");
    for (const m of members) idOf.set(m.name, m.userId);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await storage?.drop();
  });

  it("reports the database and the model on /api/health", async () => {
    const health = await (await fetch(`${server.base}/api/health`)).json();
    expect(health.ok).toBe(true);
    expect(health.database.kind).toBe(process.env.TANDEM_TEST_DB === "postgres" ? "postgres" : "pglite");
    expect(health.models[0]).toMatchObject({ name: "tandem-fim", provider: "cpu" });
  });

  it("refuses a socket without a session", async () => {
    const stranger = connect(server.base, pieceId, null);
    expect(await stranger.closed).toBe(CloseCode.unauthenticated);
    stranger.destroy();
  });

  it("converges two clients and attributes each note to the connection that wrote it", async () => {
    const a = connect(server.base, pieceId, ann);
    const b = connect(server.base, pieceId, bob);
    await Promise.all([synced(a), synced(b)]);
    a.doc.getMap<Note>("notes").set("n-ann", note(0));
    b.doc.getMap<Note>("notes").set("n-bob", note(480, 64));
    await until(() => a.doc.getMap("notes").size === 2 && b.doc.getMap("notes").size === 2);
    await until(() => a.doc.getMap<Provenance>("provenance").has("n-bob"));
    const prov = a.doc.getMap<Provenance>("provenance");
    expect(prov.get("n-ann")).toEqual({ kind: "human", userId: idOf.get("Ann") });
    expect(prov.get("n-bob")).toEqual({ kind: "human", userId: idOf.get("Bob") });
    a.destroy();
    b.destroy();
  });

  it("writes an accepted infill into the piece with the model's authorship", async () => {
    const a = connect(server.base, pieceId, ann);
    await synced(a);
    const notes = a.doc.getMap<Note>("notes");
    a.doc.transact(() => {
      for (let bar = 0; bar < 8; bar++) if (bar < 2 || bar > 4) for (let i = 0; i < 4; i++) notes.set(`ctx-${bar}-${i}`, note(bar * 1920 + i * 480, 60 + ((bar + i) % 5) * 2));
    });
    notes.set("old-in-region", note(2 * 1920 + 240, 62)); // replaced by the accepted candidate
    notes.set("other-track", { ...note(2 * 1920, 40), track: "bass" }); // outside the region's tracks: stays
    await new Promise((r) => setTimeout(r, 300));
    const region = { startBar: 2, endBar: 4, pitchLo: 48, pitchHi: 84, trackIds: ["melody"] };
    const gen = await trpc<{ generationId: string; candidates: Note[][] }>(server.base, bob, "generation.request", {
      pieceId, mode: "infill", region, candidates: 3, temperature: 1, seed: 7,
    });
    const pick = gen.candidates.findIndex((c) => c.length > 0);
    expect(pick).toBeGreaterThanOrEqual(0);
    const before = notes.size;
    const { noteIds } = await trpc<{ noteIds: string[] }>(server.base, bob, "generation.accept", { pieceId, generationId: gen.generationId, candidateIndex: pick });
    expect(noteIds).toHaveLength(gen.candidates[pick].length);
    await until(() => notes.size === before - 1 + noteIds.length);
    expect(notes.has("old-in-region")).toBe(false);
    expect(notes.has("other-track")).toBe(true);
    for (const id of noteIds) {
      const n = notes.get(id)!;
      expect(n.start).toBeGreaterThanOrEqual(2 * 1920);
      expect(n.start).toBeLessThan(4 * 1920);
      expect(a.doc.getMap<Provenance>("provenance").get(id)).toMatchObject({ kind: "model", model: "tandem-fim", generationId: gen.generationId, acceptedBy: idOf.get("Bob") });
    }
    const ledger = await trpc<{ noteId: string; authorKind: string; generationId: string | null; actorName: string }[]>(
      server.base, ann, "authorship.ledger", { pieceId }, "query",
    );
    const modelRows = ledger.filter((r) => r.authorKind === "model");
    expect(modelRows.map((r) => r.noteId).sort()).toEqual([...noteIds].sort());
    expect(modelRows.every((r) => r.generationId === gen.generationId && r.actorName === "Bob")).toBe(true);
    const removal = ledger.find((r) => r.noteId === "old-in-region" && (r as { action?: string }).action === "delete");
    expect(removal).toMatchObject({ authorKind: "human", actorName: "Bob", generationId: gen.generationId });
    a.destroy();
  });

  it("keeps every edit older than the persistence interval through a SIGKILL, and the ledger through a restart", async () => {
    const a = connect(server.base, pieceId, ann);
    await synced(a);
    a.doc.getMap<Note>("notes").set("n-before-kill", note(7 * 1920, 72));
    await new Promise((r) => setTimeout(r, 1500)); // well past PERSIST_DEBOUNCE_MS=100
    const expected = a.doc.getMap("notes").size;
    a.destroy();
    await server.stop("SIGKILL");

    server = await startChildServer(storage.env);
    const b = connect(server.base, pieceId, bob);
    await synced(b);
    expect(b.doc.getMap("notes").size).toBe(expected);
    expect(b.doc.getMap<Note>("notes").get("n-before-kill")).toMatchObject({ pitch: 72 });
    expect(b.doc.getMap<Provenance>("provenance").get("n-before-kill")).toMatchObject({ kind: "human", userId: idOf.get("Ann") });
    const ledger = await trpc<{ noteId: string; actorName: string }[]>(server.base, bob, "authorship.ledger", { pieceId }, "query");
    expect(ledger.find((r) => r.noteId === "n-before-kill")?.actorName).toBe("Ann");
    b.destroy();
  });

  it("lets a collaborator who was shown an edit just before a SIGKILL come back with it, not refused, and credits it to its writer", async () => {
    const ledgerOf = () => trpc<{ noteId: string; actorName: string }[]>(server.base, bob, "authorship.ledger", { pieceId }, "query");
    const a = connect(server.base, pieceId, ann);
    const b = connect(server.base, pieceId, bob);
    await Promise.all([synced(a), synced(b)]);
    // Ann's client id is bound to her, and saved: an edit of hers that Bob brings back later cannot be taken as his.
    a.doc.getMap<Note>("notes").set("n-ann-saved", note(5 * 1920, 65));
    for (let saved = false; !saved; await new Promise((r) => setTimeout(r, 50))) saved = (await ledgerOf()).some((r) => r.noteId === "n-ann-saved");
    a.doc.getMap<Note>("notes").set("n-ann-shown", note(5 * 1920 + 480, 67));
    await until(() => b.doc.getMap("notes").has("n-ann-shown"));
    await server.stop("SIGKILL"); // inside PERSIST_DEBOUNCE_MS of Ann's edit
    const held = Y.encodeStateAsUpdate(b.doc); // what Bob's browser holds
    a.destroy();
    b.destroy();

    server = await startChildServer(storage.env);
    const again = connect(server.base, pieceId, bob);
    let refused: number | null = null;
    void again.closed.then((code) => (refused = code));
    Y.applyUpdate(again.doc, held);
    await synced(again);
    again.doc.getMap<Note>("notes").set("n-bob-after", note(6 * 1920, 62));
    let ledger: { noteId: string; actorName: string }[] = [];
    for (const end = Date.now() + 10_000; !ledger.some((r) => r.noteId === "n-bob-after") && refused === null && Date.now() < end; ) {
      await new Promise((r) => setTimeout(r, 100));
      ledger = await ledgerOf();
    }
    expect(refused).toBeNull();
    expect(ledger.find((r) => r.noteId === "n-bob-after")?.actorName).toBe("Bob");
    // Bob was shown Ann's note only once it was saved: it is hers in the ledger, not his.
    expect(ledger.filter((r) => r.noteId === "n-ann-shown").map((r) => r.actorName)).toEqual(["Ann"]);
    again.destroy();
  });
});
