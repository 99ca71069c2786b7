/**
 * Jams across app processes (issue 15) on this machine's Redis: A and B here are two app instances, each with its own
 * relay, collab server, jam hub and process id, over the one test database (so this runs on PGlite and PostgreSQL
 * alike), with the real tRPC router, real auth and the fake model. A jam started through A is played, joined, played
 * along, stopped and kept through B; Di, whose socket is on B, sees it all; one jam a piece holds across both. A process
 * killed for real, and its claim lapsing, is cluster-processes.db.test.ts.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { noteLedger } from "../../db/schema";
import { docMaps, type Note } from "../../lib/doc-schema";
import { downbeat } from "../../lib/jam/plan";
import { WATCH_ONLY } from "../api/jam-access";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../api/collab-test-world";
import { dropRedisKeys } from "../testing/redis-keys";
import { openYClient, type YClient } from "../testing/y-client";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;

const BAR = 1920;
const settings = { mode: "accompaniment" as const, startBar: 2, bars: 2, bpm: 140, playerTrack: "melody", modelTracks: ["bass"] };
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
const until = (fn: () => unknown, timeout = 5000) => vi.waitFor(fn, { timeout, interval: 20 });
const redis = { url: REDIS_URL, leaseMs: 1_500, times: { check: 200 } };

let a: CollabTestWorld, b: CollabTestWorld;
// Through A and through B: the same person, signed in once, whose calls a load balancer sends to either process.
let ada: Record<"a" | "b", Person>, bo: Record<"a" | "b", Person>, cy: Record<"a" | "b", Person>, di: Record<"a" | "b", Person>;
let pieceId: string;
let listener: YClient; // Di, a reviewer, with the piece open on B
const viewOnB = (jamId: string) => docMaps(listener.doc).jams.get(jamId);

beforeAll(async () => {
  a = await createCollabTestWorld({ redis });
  b = await createCollabTestWorld({ redis: { ...redis, sameDatabaseAs: a } });
  const both = async (name: string) => {
    const p = await a.signUp(name);
    return { a: p, b: await b.as(p) };
  };
  [ada, bo, cy, di] = [await both("Ada"), await both("Bo"), await both("Cy"), await both("Di")];
  ({ id: pieceId } = await ada.a.api.piece.create({ title: "Jam across processes" }));
  for (const [who, role] of [[bo, "editor"], [cy, "editor"], [di, "reviewer"]] as const) {
    await who.a.api.piece.acceptInvite(await ada.a.api.piece.createInvite({ pieceId, role }));
  }
  const notes: Note[] = [0, 1, 2, 3, 4, 5].map((bar) => ({ track: "melody", pitch: 60 + bar, start: bar * BAR, duration: 480, velocity: 90 }));
  await a.drawNotes(pieceId, ada.a, notes);
  listener = openYClient(b.url, pieceId, di.b.cookie);
  await listener.synced;
});

afterAll(async () => {
  listener?.destroy();
  await b?.close();
  await a?.close();
  await dropRedisKeys(REDIS_URL, prefix);
});

it("a jam started through A is played, joined, played along, stopped and kept through B, and Di on B sees it all", async () => {
  const { jamId, clock } = await bo.a.api.jam.start({ pieceId, settings });
  await until(() => expect(viewOnB(jamId)).toMatchObject({ leaderName: "Bo", status: "playing" }));

  // Who may do what is decided by B, which knows the caller; the jam's process only does it.
  const note = { pitch: 60, velocity: 90, at: clock.startAt, ms: 200 };
  await expect(di.b.api.jam.play({ pieceId, jamId, notes: [note] })).rejects.toMatchObject({ code: "FORBIDDEN", message: WATCH_ONLY });
  await expect(ada.b.api.jam.play({ pieceId, jamId, notes: [note] })).rejects.toMatchObject({
    code: "FORBIDDEN",
    message: "Bo leads this jam; to play in it, play along on a track of your own",
  });
  await expect(bo.b.api.jam.join({ pieceId, jamId, track: "chords" })).rejects.toMatchObject({ code: "CONFLICT", message: "You lead this jam: you play its leader's track" });

  const phrase = [60, 62, 64, 65, 67, 65, 64, 62].map((pitch, i) => ({ pitch, velocity: 90, at: clock.startAt + i * clock.beatMs, ms: clock.beatMs * 0.9 }));
  await sleepUntil(clock.startAt - 100);
  expect(await bo.b.api.jam.play({ pieceId, jamId, notes: phrase })).toEqual({ played: 8 });
  expect(await cy.b.api.jam.join({ pieceId, jamId, track: "chords" })).toEqual({ track: "chords" });
  const chords = [0, 1].map((bar) => ({ pitch: 48 + bar * 5, velocity: 70, at: downbeat(clock, bar), ms: clock.barMs * 0.9 }));
  expect(await cy.b.api.jam.play({ pieceId, jamId, notes: chords })).toEqual({ played: 2 });
  await until(() => expect(viewOnB(jamId)).toMatchObject({ played: phrase, alongs: [{ userId: cy.a.user.id, name: "Cy", track: "chords", played: chords }] }));

  await sleepUntil(downbeat(clock, 2) + 200); // into the second pass: the first is whole
  await until(() => expect(viewOnB(jamId)!.bars.filter((bar) => bar.takeBar < 2).map((bar) => bar.pieceBar)).toEqual([2, 3])); // the model's, from A
  const stopped = await bo.b.api.jam.stop({ pieceId, jamId });
  expect(stopped.endedAt).toBeGreaterThan(downbeat(clock, 2)); // as the jam's process stopped it
  await until(() => expect(viewOnB(jamId)?.status).toBe("stopped"));

  const kept = await bo.b.api.jam.keep({ pieceId, jamId });
  expect(kept).toMatchObject({ jamId, pass: 0 });
  expect([kept.playerNoteIds.length, kept.alongNoteIds[cy.a.user.id]?.length, kept.modelNoteIds.length]).toEqual([8, 2, 2]);
  await until(() => expect(viewOnB(jamId)).toBeUndefined());
  // Credited once each, to who played them: Bo's to Bo, Cy's to Cy, the model's to the model.
  await until(async () => {
    const rows = await b.handle.db.select().from(noteLedger).where(eq(noteLedger.generationId, kept.generationId));
    const creates = rows.filter((r) => r.action === "create").map((r) => [r.noteId, r.authorKind, r.actorId]);
    expect(creates.sort()).toEqual(
      [
        ...kept.playerNoteIds.map((id) => [id, "human", bo.a.user.id]),
        ...kept.alongNoteIds[cy.a.user.id].map((id) => [id, "human", cy.a.user.id]),
        ...kept.modelNoteIds.map((id) => [id, "model", bo.a.user.id]),
      ].sort(),
    );
  });
}, 30_000);

it("holds one jam a piece across the processes: a second start is refused either way; a stopped take frees the piece", async () => {
  const first = await bo.a.api.jam.start({ pieceId, settings });
  await expect(ada.b.api.jam.start({ pieceId, settings })).rejects.toMatchObject({
    code: "CONFLICT",
    message: "Bo is leading a jam in this piece; join in by listening, or wait for it to stop",
  });
  await bo.b.api.jam.stop({ pieceId, jamId: first.jamId });

  // Bo's take waits on A for Keep; Ada may start a jam through B meanwhile, and it holds the piece against A.
  const second = await ada.b.api.jam.start({ pieceId, settings });
  await expect(bo.a.api.jam.start({ pieceId, settings })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Ada is leading a jam") });
  await until(() => expect([first.jamId, second.jamId].map((id) => viewOnB(id)?.status)).toEqual(["stopped", "playing"]));

  // Each is ended through the other process: Discard reaches the process holding the take.
  expect(await ada.a.api.jam.discard({ pieceId, jamId: second.jamId })).toEqual({ jamId: second.jamId });
  expect(await bo.b.api.jam.discard({ pieceId, jamId: first.jamId })).toEqual({ jamId: first.jamId });
  await until(() => expect(docMaps(listener.doc).jams.size).toBe(0));
  await expect(bo.b.api.jam.keep({ pieceId, jamId: first.jamId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  const third = await bo.b.api.jam.start({ pieceId, settings }); // nothing holds the piece now
  await bo.a.api.jam.discard({ pieceId, jamId: third.jamId });
}, 30_000);

it("a process opening the piece while a jam plays keeps its view; the leader's socket on another process counts as his", async () => {
  const leaderOnB = openYClient(b.url, pieceId, bo.b.cookie);
  const c = await createCollabTestWorld({ redis: { ...redis, sameDatabaseAs: a } }); // a third process, started now
  let late: YClient | undefined;
  try {
    await leaderOnB.synced;
    const { jamId } = await bo.a.api.jam.start({ pieceId, settings });
    await until(() => expect(viewOnB(jamId)?.status).toBe("playing"));
    late = openYClient(c.url, pieceId, ada.a.cookie); // C loads the piece, jam and all
    await late.synced;
    expect(docMaps(late.doc).jams.get(jamId)?.status).toBe("playing");
    await new Promise((r) => setTimeout(r, 1_000)); // A learns that Bo, whose socket is on B, is in the piece
    expect([viewOnB(jamId)?.status, docMaps(late.doc).jams.get(jamId)?.status]).toEqual(["playing", "playing"]);
    leaderOnB.destroy(); // his one socket closes: the jam stops, as on one process (A never had his socket)
    await until(() => expect(viewOnB(jamId)?.status).toBe("stopped"), 10_000);
    await bo.b.api.jam.discard({ pieceId, jamId });
  } finally {
    leaderOnB.destroy();
    late?.destroy();
    await c.close();
  }
}, 20_000);
