/**
 * Jams across real app processes (issue 15): three child processes running the real server on this machine's Redis
 * and PostgreSQL, and one inference worker (a jam needs a model). Bo's jam starts on A and is played through B; then A
 * is killed (SIGKILL) before a bar of it is done: calls for its jam fail at once saying so, its claim holds the piece
 * until its lease lapses, then a new jam starts through B and the dead jam's view leaves the piece. A jam killed on C
 * after a whole pass is taken over by B (adopt.ts): shown stopped, and kept through B with each note credited to who
 * played it. Several processes cannot share an embedded PGlite, so this runs only against PostgreSQL;
 * cluster-hub.db.test.ts runs the rest on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "../../db";
import { docMaps, type Note } from "../../lib/doc-schema";
import { downbeat } from "../../lib/jam/plan";
import { readLedgerRows } from "../authorship/load-report";
import { startProcessCluster, type ProcessCluster } from "../testing/process-cluster";
import { connect, signUp, trpc, until, type Client } from "../testing/real-server";
import { JAM_LEASE_MS } from "./claims";

const settings = { mode: "accompaniment" as const, startBar: 0, bars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["bass"] };

describe.skipIf(process.env.TANDEM_TEST_DB !== "postgres")("jams across real app processes", () => {
  let cluster: ProcessCluster;
  const clients: Client[] = [];
  let ann: string, bo: string;
  let db: DbHandle;

  beforeAll(async () => {
    cluster = await startProcessCluster(3);
    ann = await signUp(cluster.apps[0].base, "Ann");
    bo = await signUp(cluster.apps[0].base, "Bo");
    db = await createDb(cluster.databaseUrl);
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await db?.close();
    await cluster?.stop();
  });

  it("a jam whose process is killed: calls fail at once, its claim lapses after the lease, and its view goes", async () => {
    const [a, b] = cluster.apps;
    const { id: pieceId } = await trpc<{ id: string }>(a.base, ann, "piece.create", { title: "Killed mid-jam" });
    const { token } = await trpc<{ token: string }>(a.base, ann, "piece.createInvite", { pieceId, role: "editor" });
    await trpc(a.base, bo, "piece.acceptInvite", { token });
    const onB = connect(b.base, pieceId, ann); // Ann has the piece open on B
    clients.push(onB);
    await onB.synced;
    const notes: Note[] = [0, 1].map((bar) => ({ track: "melody", pitch: 60, start: bar * 1920, duration: 480, velocity: 90 }));
    notes.forEach((n, i) => docMaps(onB.doc).notes.set(`n${i}`, n)); // the loop's bars exist
    const views = () => [...docMaps(onB.doc).jams.values()];
    await new Promise((r) => setTimeout(r, 500)); // her notes reach the stream, and A
    const { jamId, clock } = await trpc<{ jamId: string; clock: { startAt: number } }>(a.base, bo, "jam.start", { pieceId, settings });
    await until(() => views().some((v) => v.id === jamId && v.status === "playing"));
    const played = [{ pitch: 64, velocity: 90, at: clock.startAt, ms: 300 }];
    expect(await trpc(b.base, bo, "jam.play", { pieceId, jamId, notes: played })).toEqual({ played: 1 });
    await until(() => views().find((v) => v.id === jamId)?.played.length === 1);

    await a.stop("SIGKILL");
    const killedAt = Date.now();
    await expect(trpc(b.base, bo, "jam.play", { pieceId, jamId, notes: played })).rejects.toThrow(
      "jam.play: The server process running this jam is gone; if it has stopped, the jam ends within seconds and another can start",
    );
    await expect(trpc(b.base, ann, "jam.start", { pieceId, settings })).rejects.toThrow("jam.start: Bo is leading a jam in this piece");

    let next: { jamId: string } | undefined;
    while (!next) {
      next = await trpc<{ jamId: string }>(b.base, ann, "jam.start", { pieceId, settings }).catch((e: Error) => {
        if (!e.message.includes("Bo is leading a jam") || Date.now() - killedAt > JAM_LEASE_MS + 2_000) throw e;
        return new Promise<undefined>((r) => setTimeout(r, 200));
      });
    }
    expect(Date.now() - killedAt).toBeGreaterThan(1_000); // held for a while after the kill: by the lease, not at once
    const started = next.jamId;
    await until(() => views().map((v) => v.id).join() === started, 10_000); // the dead process's jam has gone from the piece
    await trpc(b.base, ann, "jam.discard", { pieceId, jamId: next.jamId });
  }, 60_000);

  it("a jam whose process is killed after a whole pass is taken over by another: shown stopped, and Keep writes its take, credited", async () => {
    const [, b, c] = cluster.apps;
    const { id: pieceId } = await trpc<{ id: string }>(c.base, ann, "piece.create", { title: "Kept after a kill" });
    const { token } = await trpc<{ token: string }>(c.base, ann, "piece.createInvite", { pieceId, role: "editor" });
    await trpc(c.base, bo, "piece.acceptInvite", { token });
    const onB = connect(b.base, pieceId, ann);
    clients.push(onB);
    await onB.synced;
    const drawn: Note[] = [0, 1].map((bar) => ({ track: "melody", pitch: 60, start: bar * 1920, duration: 480, velocity: 90 }));
    drawn.forEach((n, i) => docMaps(onB.doc).notes.set(`n${i}`, n));
    const view = (jamId: string) => docMaps(onB.doc).jams.get(jamId);
    await new Promise((r) => setTimeout(r, 500));
    const { jamId, clock } = await trpc<{ jamId: string; clock: { startAt: number; barMs: number; beatMs: number } }>(c.base, bo, "jam.start", { pieceId, settings });
    await until(() => view(jamId)?.status === "playing");

    // The first pass, through B: Bo leads, Ann plays along on the chords.
    const phrase = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({ pitch: 60 + i, velocity: 90, at: clock.startAt + i * clock.beatMs, ms: clock.beatMs * 0.9 }));
    await trpc(b.base, bo, "jam.play", { pieceId, jamId, notes: phrase });
    await trpc(b.base, ann, "jam.join", { pieceId, jamId, track: "chords" });
    const chords = [0, 1].map((bar) => ({ pitch: 48 + bar * 5, velocity: 70, at: downbeat(clock, bar), ms: clock.barMs * 0.9 }));
    await trpc(b.base, ann, "jam.play", { pieceId, jamId, notes: chords });
    // Into the second pass (the first is whole), where Bo plays on; C dies once the piece shows it.
    await new Promise((r) => setTimeout(r, downbeat(clock, 2) + 200 - Date.now()));
    await trpc(b.base, bo, "jam.play", { pieceId, jamId, notes: [{ pitch: 72, velocity: 90, at: downbeat(clock, 2) + 100, ms: 200 }] });
    await until(() => view(jamId)?.played.some((n) => n.pitch === 72) === true);
    const modelNotes = view(jamId)!.bars.filter((bar) => bar.takeBar < 2).flatMap((bar) => bar.notes.filter((n) => n.track === "bass"));
    expect(modelNotes.length).toBeGreaterThan(0); // the model answered in the kept pass
    await c.stop("SIGKILL");
    const killedAt = Date.now();

    // Once its lease lapses, B (the one process left) takes the jam over: stopped, its take waiting for Keep.
    await until(() => view(jamId)?.status !== "playing", JAM_LEASE_MS + 6_000);
    expect(view(jamId)).toMatchObject({ status: "stopped", leaderName: "Bo" });
    expect(view(jamId)!.endedAt).toBeGreaterThan(downbeat(clock, 2));
    expect(view(jamId)!.endedAt).toBeLessThanOrEqual(killedAt);
    const kept = await trpc<{ pass: number; generationId: string; playerNoteIds: string[]; alongNoteIds: Record<string, string[]>; modelNoteIds: string[] }>(
      b.base,
      bo,
      "jam.keep",
      { pieceId, jamId },
    );
    expect(kept.pass).toBe(0);
    const [annId, boId] = [await userId(b.base, ann), await userId(b.base, bo)];
    expect([kept.playerNoteIds.length, kept.alongNoteIds[annId]?.length, kept.modelNoteIds.length]).toEqual([8, 2, modelNotes.length]);
    await until(() => view(jamId) === undefined);

    // Credited once each, to who played them: Bo's to Bo, Ann's to Ann, the model's to the model (answering Bo).
    const expected = [
      ...kept.playerNoteIds.map((id) => [id, "human", boId]),
      ...kept.alongNoteIds[annId].map((id) => [id, "human", annId]),
      ...kept.modelNoteIds.map((id) => [id, "model", boId]),
    ].sort();
    const creates = async () =>
      (await readLedgerRows(db.db, pieceId)).filter((r) => r.generationId === kept.generationId && r.action === "create").map((r) => [r.noteId, r.authorKind, r.actorId]);
    await expect.poll(async () => (await creates()).sort(), { timeout: 10_000 }).toEqual(expected);
    expect(await trpc(b.base, ann, "authorship.consistency", { pieceId }, "query")).toMatchObject({ ok: true });
  }, 60_000);
});

const userId = async (base: string, cookie: string) => ((await (await fetch(`${base}/api/auth/get-session`, { headers: { cookie } })).json()) as { user: { id: string } }).user.id;
