/**
 * Jams across real app processes (issue 15): two child processes running the real server on this machine's Redis and
 * PostgreSQL, and one inference worker (a jam needs a model). Bo's jam starts on A and is played through B; then A is
 * killed (SIGKILL): calls for its jam fail at once saying so, its claim holds the piece until its lease lapses, then a
 * new jam starts through B and the dead jam's view leaves the piece. Several processes cannot share an embedded
 * PGlite, so this runs only against PostgreSQL; cluster-hub.db.test.ts runs the rest on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docMaps, type Note } from "../../lib/doc-schema";
import { startProcessCluster, type ProcessCluster } from "../testing/process-cluster";
import { connect, signUp, trpc, until, type Client } from "../testing/real-server";
import { JAM_LEASE_MS } from "./claims";

const settings = { mode: "accompaniment" as const, startBar: 0, bars: 2, bpm: 120, playerTrack: "melody", modelTracks: ["bass"] };

describe.skipIf(process.env.TANDEM_TEST_DB !== "postgres")("jams across real app processes", () => {
  let cluster: ProcessCluster;
  const clients: Client[] = [];
  let ann: string, bo: string;

  beforeAll(async () => {
    cluster = await startProcessCluster(2);
    ann = await signUp(cluster.apps[0].base, "Ann");
    bo = await signUp(cluster.apps[0].base, "Bo");
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
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
});
