/**
 * Credit exports from the real server in a child process: edits over y-websocket (attributed by the
 * collab server), a model infill accepted, then the exports downloaded with the session cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Note } from "../lib/doc-schema";
import { parseMidiFile } from "../lib/midi";
import { parseCsv } from "./authorship/exports/csv";
import { disclosureSchema } from "./authorship/exports/disclosure";
import { readMusicXml } from "./authorship/exports/test-musicxml-reader";
import { connect, createServerStorage, signUp, startChildServer, synced, trpc, until, type ChildServer } from "./testing/real-server";

const note = (start: number, pitch: number): Note => ({ track: "melody", pitch, start, duration: 480, velocity: 90 });

describe("credit exports from the real server", () => {
  let storage: Awaited<ReturnType<typeof createServerStorage>>;
  let server: ChildServer;
  let ann: string;
  let bob: string;
  let pieceId: string;
  let noteCount = 0;
  let aiNotes: string[] = [];
  const get = (format: string, cookie: string | null) => fetch(`${server.base}/api/pieces/${pieceId}/export/${format}`, { headers: cookie ? { cookie } : {} });

  beforeAll(async () => {
    storage = await createServerStorage();
    server = await startChildServer(storage.env);
    ann = await signUp(server.base, "Ann");
    bob = await signUp(server.base, "Bob");
    ({ id: pieceId } = await trpc<{ id: string }>(server.base, ann, "piece.create", { title: "Exported" }));
    const { token } = await trpc<{ token: string }>(server.base, ann, "piece.createInvite", { pieceId, role: "editor" });
    await trpc(server.base, bob, "piece.acceptInvite", { token });

    const a = connect(server.base, pieceId, ann);
    const b = connect(server.base, pieceId, bob);
    await Promise.all([synced(a), synced(b)]);
    const notes = a.doc.getMap<Note>("notes");
    a.doc.transact(() => {
      for (let bar = 0; bar < 6; bar++) if (bar !== 2 && bar !== 3) for (let i = 0; i < 4; i++) notes.set(`ann-${bar}-${i}`, note(bar * 1920 + i * 480, 60 + i * 2));
    });
    await until(() => b.doc.getMap("notes").size === 16);
    b.doc.getMap<Note>("notes").set("ann-0-0", note(0, 67)); // Bob re-pitches one of Ann's notes
    const gen = await trpc<{ generationId: string; candidates: Note[][] }>(server.base, bob, "generation.request", {
      pieceId, mode: "infill", region: { startBar: 2, endBar: 4, pitchLo: 48, pitchHi: 84, trackIds: ["melody"] }, candidates: 2, temperature: 1, seed: 11,
    });
    const pick = gen.candidates.findIndex((c) => c.length > 0);
    ({ noteIds: aiNotes } = await trpc<{ noteIds: string[] }>(server.base, bob, "generation.accept", { pieceId, generationId: gen.generationId, candidateIndex: pick }));
    await until(() => notes.size === 16 + aiNotes.length);
    noteCount = notes.size;
    a.destroy();
    b.destroy();
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await storage?.drop();
  });

  it("refuses a request without a session", async () => {
    expect((await get("credits-pdf", null)).status).toBe(401);
  });

  it("exports what the collab server recorded: the edit, the model's notes and who accepted them", async () => {
    expect(aiNotes.length).toBeGreaterThan(0);
    const [header, ...rows] = parseCsv(await (await get("ledger-csv", ann)).text());
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    const edit = rows.find((r) => col(r, "note_id") === "ann-0-0" && col(r, "action") === "update")!;
    expect([col(edit, "actor_name"), col(edit, "before_pitch"), col(edit, "after_pitch")]).toEqual(["Bob", "60", "67"]);
    expect(rows.filter((r) => col(r, "author_kind") === "model").map((r) => col(r, "note_id")).sort()).toEqual([...aiNotes].sort());

    const midi = parseMidiFile(new Uint8Array(await (await get("midi", bob)).arrayBuffer()));
    expect(midi.notes).toHaveLength(noteCount);
    const lines = midi.texts.flatMap((t) => t.split("\n"));
    expect(lines).toContain('Melody: note ann-0-0: human Ann, edited by Bob (pitch)');
    expect(lines.filter((l) => / AI tandem-fim \S+ gen \S+ seed 11, accepted by Bob$/.test(l)).length).toBeGreaterThan(0);

    expect(readMusicXml(await (await get("musicxml", ann)).text()).notes).toHaveLength(noteCount);
    const disclosure = disclosureSchema.parse(await (await get("ai-disclosure", ann)).json());
    expect(disclosure.contributionAreas[0]).toMatchObject({ area: "Composition", aiInvolved: true, aiNotes: aiNotes.length, notes: noteCount });
    expect(disclosure.humanOversight.acceptedBy).toEqual([{ name: "Bob", aiNotes: aiNotes.length }]);

    const pdf = await get("credits-pdf", bob); // drawn by the server's PDF worker thread, loaded through tsx
    expect([pdf.status, pdf.headers.get("content-type")]).toEqual([200, "application/pdf"]);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  });
});
