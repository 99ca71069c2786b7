/**
 * A scripted collaboration over the real collab server, with real y-websocket clients: the report's figures
 * have known answers, and undo by author reaches the clients and keeps the ledger consistent with the doc.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { docMaps, type Note } from "../../../lib/doc-schema";
import type { SessionUser } from "../../services";
import { openYClient, type YClient } from "../../testing/y-client";
import { createCollabTestWorld, type CollabTestWorld } from "../collab-test-world";
import { createCaller } from "../root";
import { FAKE_MODEL } from "../test-helpers";
import { createContext } from "../trpc";

const BAR = 1920;
const note = (pitch: number, start: number): Note => ({ track: "melody", pitch, start, duration: 480, velocity: 80 });
const until = (fn: () => unknown) => vi.waitFor(fn, { timeout: 5000, interval: 20 });

describe("a scripted collaboration over the real server", () => {
  let world: CollabTestWorld;
  let server: http.Server;
  let url: string;
  const clients: YClient[] = [];
  const people: Record<string, { user: SessionUser; api: ReturnType<typeof createCaller>; cookie: string }> = {};

  async function signUp(name: string) {
    const res = await world.services.auth.api.signUpEmail({ body: { name, email: `${name}-live@example.com`, password: "password123" }, asResponse: true });
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const ctx = await createContext(world.services, new Headers({ cookie }));
    people[name] = { user: ctx.user!, api: createCaller(ctx), cookie };
    return people[name];
  }
  const client = (pieceId: string, name: string) => {
    const c = openYClient(url, pieceId, people[name].cookie);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    world = await createCollabTestWorld();
    server = http.createServer((_req, res) => res.writeHead(404).end());
    server.on("upgrade", (req, socket, head) => world.collab.handleUpgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab`;
  });
  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await world.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("credits everyone as scripted, then removes, restores and reverts by author", async () => {
    const ada = await signUp("Ada");
    const bo = await signUp("Bo");
    const { id: pieceId } = await ada.api.piece.create({ title: "Scripted" });
    await bo.api.piece.acceptInvite(await ada.api.piece.createInvite({ pieceId, role: "editor" }));
    const a = client(pieceId, "Ada");
    await a.synced;
    const notes = docMaps(a.doc).notes;

    // Ada writes two notes in bar 1 and one in bar 4.
    notes.set("a1", note(60, 0));
    notes.set("a2", note(64, 480));
    notes.set("a3", note(67, 3 * BAR));
    await until(() => expect(world.collab.readDoc(pieceId, (d) => docMaps(d).notes.size)).resolves.toBe(3));
    // Bo asks for two candidates over bars 2-3 and accepts the first: one model note a bar (the fake model).
    const region = { startBar: 1, endBar: 3, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };
    const { generationId } = await bo.api.generation.request({ pieceId, mode: "infill", region, candidates: 2, temperature: 1, seed: 5 });
    const { noteIds: [m1, m2] } = await bo.api.generation.accept({ pieceId, generationId, candidateIndex: 0 });
    await until(() => expect(notes.has(m2)).toBe(true));
    // Ada re-pitches the model's first note.
    const original = notes.get(m1)!;
    notes.set(m1, { ...original, pitch: original.pitch + 1 });
    await until(() => expect(world.collab.readDoc(pieceId, (d) => docMaps(d).notes.get(m1)?.pitch)).resolves.toBe(original.pitch + 1));

    const report = await bo.api.authorship.report({ pieceId });
    expect(report.totals).toMatchObject({ notes: 5, human: { notes: 3, ticks: 1440 }, ai: { notes: 2, ticks: 960 }, aiHumanEdited: 1, bars: 4 });
    const by = (key: string) => report.contributors.find((c) => c.key === key)!;
    expect(by(`human:${ada.user.id}`)).toMatchObject({ created: { notes: 3, ticks: 1440 }, edited: { notes: 1, changes: 1 }, dominantBars: [0, 3] });
    expect(by(`human:${bo.user.id}`)).toMatchObject({ created: { notes: 0 }, accepted: { notes: 2, ticks: 960 } });
    expect(by(`model:${FAKE_MODEL.name}`)).toMatchObject({ accepted: { notes: 2 }, edited: { notes: 1 }, dominantBars: [1, 2] });
    expect(report.acceptance.overall).toMatchObject({ candidatesGenerated: 2, candidatesAccepted: 1, rate: 0.5 });
    expect(await ada.api.authorship.consistency({ pieceId })).toMatchObject({ ok: true });
    expect((await bo.api.authorship.noteHistory({ pieceId, noteId: m1 })).events.map((e) => e.summary)).toEqual([
      `Generated by ${FAKE_MODEL.name} ${FAKE_MODEL.version}, temperature 1, seed 5 at Bo's request; accepted by Bo`,
      "Re-pitched by Ada",
    ]);

    // Bo removes the model's untouched notes: only m2 goes, and Ada sees it go.
    const removal = await bo.api.review.removeModelNotes({ pieceId, model: FAKE_MODEL.name });
    expect(removal).toMatchObject({ applied: 1, skipped: [{ noteId: m1 }] });
    await until(() => expect(notes.has(m2)).toBe(false));
    expect(await ada.api.authorship.consistency({ pieceId })).toMatchObject({ ok: true });

    // Undone: m2 is back, still the model's.
    await bo.api.review.undoOperation({ pieceId, operationId: removal.operationId });
    await until(() => expect(notes.has(m2)).toBe(true));
    expect(docMaps(a.doc).provenance.get(m2)).toMatchObject({ kind: "model", model: FAKE_MODEL.name });
    expect((await bo.api.authorship.report({ pieceId })).totals.ai.notes).toBe(2);

    // Ada's changes in bars 2-3 reverted: her re-pitch of m1 is undone; her notes elsewhere stay.
    const revert = await bo.api.review.revertAuthor({ pieceId, userId: ada.user.id, startBar: 1, endBar: 3 });
    expect(revert.applied).toBe(1);
    await until(() => expect(notes.get(m1)).toEqual(original));
    expect(["a1", "a2", "a3"].every((id) => notes.has(id))).toBe(true);
    expect((await ada.api.authorship.noteHistory({ pieceId, noteId: m1 })).events.at(-1)?.summary).toBe("Re-pitched by Bo (Reverted Ada's changes in bars 2–3)");
    expect(await ada.api.authorship.consistency({ pieceId })).toMatchObject({ ok: true, drift: [] });
  });
});
