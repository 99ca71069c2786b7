/**
 * Generations across real app processes (issue 15): two child processes running the real server on this machine's
 * Redis and PostgreSQL, and one inference worker with the shipped model. Ann's generation is asked through A and
 * watched through B; once B shows its ghost notes streaming, A is killed (SIGKILL). Within a lease and an upkeep B's
 * clients see it failed, saying why, with its streamed notes gone, its row is failed, and a new generation through B
 * runs. generation-cluster.db.test.ts runs the rest on both databases, with a process's death simulated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { docMaps, type Note } from "../../../lib/doc-schema";
import { readPartKey } from "../../../lib/candidate-parts";
import { PROCESS_GONE } from "../../collab/stale-generations";
import { startProcessCluster, type ProcessCluster } from "../../testing/process-cluster";
import { connect, signUp, trpc, until, type Client } from "../../testing/real-server";
import { GENERATION_LEASE_MS } from "../generation-homes";
import { GENERATION_CHECK_MS } from "../generation-upkeep";

// Three tracks over sixteen bars, eight candidates: the shipped model on this machine's CPU writes them for about
// 14 s, and its first notes stream within half a second.
const longRegion = { startBar: 2, endBar: 18, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "chords", "bass"] };
const shortRegion = { startBar: 2, endBar: 3, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };

describe.skipIf(process.env.TANDEM_TEST_DB !== "postgres")("generations across real app processes", () => {
  let cluster: ProcessCluster;
  const clients: Client[] = [];
  let ann: string;

  beforeAll(async () => {
    cluster = await startProcessCluster(2);
    ann = await signUp(cluster.apps[0].base, "Ann");
  }, 120_000);

  afterAll(async () => {
    clients.forEach((c) => c.destroy());
    await cluster?.stop();
  });

  const rowOf = async (id: string) => {
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      return (await db.query<{ outcome: string; error: string | null }>("select outcome, error from generations where id = $1", [id])).rows[0];
    } finally {
      await db.end();
    }
  };

  it("a generation whose process is killed fails for B's clients within a lease, row and view, and the next through B runs", async () => {
    const [a, b] = cluster.apps;
    const { id: pieceId } = await trpc<{ id: string }>(a.base, ann, "piece.create", { title: "Killed mid-generation" });
    const onB = connect(b.base, pieceId, ann); // Ann has the piece open on B
    clients.push(onB);
    await onB.synced;
    const melody = [60, 64, 67, 72, 67, 64, 60, 55, 60, 64, 67, 72, 67, 64, 60, 55].map((pitch, i) => ({ track: "melody", pitch, start: i * 240, duration: 240, velocity: 80 }));
    const bass = [36, 43, 41, 43].map((pitch, i) => ({ track: "bass", pitch, start: i * 480, duration: 480, velocity: 80 }));
    const chords = [48, 52, 55].map((pitch) => ({ track: "chords", pitch, start: 0, duration: 1920, velocity: 70 }));
    const around = [...melody, ...chords, ...bass]; // bars 1-2, and again after the region
    const notes: Note[] = [...around, ...around.map((n) => ({ ...n, start: n.start + 18 * 1920 }))];
    notes.forEach((n, i) => docMaps(onB.doc).notes.set(`n${i}`, n));
    await new Promise((r) => setTimeout(r, 500)); // her notes reach the stream, and A
    const generations = docMaps(onB.doc).generations;
    const partsOf = (id: string) => [...docMaps(onB.doc).candidateParts.keys()].filter((k) => readPartKey(k)?.generationId === id).length;

    const asked = trpc(a.base, ann, "generation.request", { pieceId, mode: "infill", region: longRegion, candidates: 8, temperature: 1, seed: 7 });
    asked.catch(() => undefined); // its process dies: its caller hears only that
    let id = "";
    await until(() => {
      const running = [...generations.values()].find((g) => g.status === "running");
      id = running?.id ?? "";
      return running !== undefined && partsOf(id) > 0;
    }, 60_000);

    await a.stop("SIGKILL");
    const killedAt = Date.now();
    await expect(asked).rejects.toThrow();
    expect(generations.get(id)?.status).toBe("running"); // nothing failed it yet: its lease still holds
    await until(() => generations.get(id)?.status !== "running", GENERATION_LEASE_MS + 2 * GENERATION_CHECK_MS + 2_000);
    expect(Date.now() - killedAt).toBeGreaterThan(GENERATION_LEASE_MS - GENERATION_CHECK_MS); // by the lapsed lease, not at once
    expect(generations.get(id)).toMatchObject({ status: "failed", error: PROCESS_GONE, candidates: [] });
    expect(partsOf(id)).toBe(0);
    expect(await rowOf(id)).toEqual({ outcome: "failed", error: PROCESS_GONE });

    const late = connect(b.base, pieceId, ann); // and a page opening the piece now sees the same
    clients.push(late);
    await late.synced;
    expect(docMaps(late.doc).generations.get(id)).toMatchObject({ status: "failed", error: PROCESS_GONE });

    const nextAt = Date.now();
    const next = await trpc<{ generationId: string; candidates: Note[][] }>(b.base, ann, "generation.request", {
      pieceId,
      mode: "infill",
      region: shortRegion,
      candidates: 1,
      temperature: 1,
      seed: 3,
    });
    expect(next.candidates.length).toBe(1);
    expect(Date.now() - nextAt).toBeLessThan(3_000); // the dead process's model run, seconds from its end, does not hold it
    await until(() => generations.get(next.generationId)?.status === "ready");
    expect(await rowOf(next.generationId)).toMatchObject({ outcome: "ready" });
  }, 120_000);
});
