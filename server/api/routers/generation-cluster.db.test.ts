/**
 * Generations across app processes (issue 15) on this machine's Redis: A, B and the others here are app instances,
 * each with its own relay, collab server and process id, over the one test database (PGlite and PostgreSQL alike),
 * with the real router and the fake model. A generation running on A is not taken for a stopped server's by a process
 * that loads the piece meanwhile or starts meanwhile; one whose process died is failed once its lease lapses.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { generations } from "../../../db/schema";
import { docMaps, type Note } from "../../../lib/doc-schema";
import { dropRedisKeys } from "../../testing/redis-keys";
import { openYClient, type YClient } from "../../testing/y-client";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "../collab-test-world";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-test-${randomUUID().slice(0, 8)}`;
process.env.TANDEM_REDIS_PREFIX = prefix;

const redis = { url: REDIS_URL, leaseMs: 1_500, times: { check: 200 } };
const region = { startBar: 2, endBar: 4, pitchLo: 60, pitchHi: 72, trackIds: ["melody"] };
const until = (fn: () => unknown, timeout = 5000) => vi.waitFor(fn, { timeout, interval: 20 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let a: CollabTestWorld, b: CollabTestWorld;
let ada: Person;
let pieceId: string;
const clients: YClient[] = [];
const open = async (world: CollabTestWorld) => {
  const client = openYClient(world.url, pieceId, ada.cookie);
  clients.push(client);
  await client.synced;
  return client;
};
const viewIn = (client: YClient, id: string) => docMaps(client.doc).generations.get(id);
const rowOf = async (id: string) => (await a.handle.db.select().from(generations).where(eq(generations.id, id)))[0];
/** The id of the generation running in the piece, once its view shows. */
const runningIn = async (client: YClient) => {
  let id = "";
  await until(() => {
    const running = [...docMaps(client.doc).generations.values()].filter((g) => g.status === "running");
    expect(running).toHaveLength(1);
    id = running[0].id;
  });
  return id;
};

beforeAll(async () => {
  a = await createCollabTestWorld({ redis });
  b = await createCollabTestWorld({ redis: { ...redis, sameDatabaseAs: a } });
  ada = await a.signUp("Ada");
  ({ id: pieceId } = await ada.api.piece.create({ title: "Generations across processes" }));
  const notes: Note[] = [0, 5].map((bar) => ({ track: "melody", pitch: 64, start: bar * 1920, duration: 480, velocity: 90 }));
  await a.drawNotes(pieceId, ada, notes);
});

afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await b?.close();
  await a?.close();
  await dropRedisKeys(REDIS_URL, prefix);
});

it("a generation running on A survives B loading the piece and a process starting, and ends ready for everyone", async () => {
  let release!: () => void;
  a.inference.gate = new Promise<void>((r) => (release = r));
  const asked = ada.api.generation.request({ pieceId, mode: "infill", region, candidates: 2, temperature: 1 });
  const onA = await open(a);
  const id = await runningIn(onA);

  const onB = await open(b); // B loads the piece while the model writes on A
  const c = await createCollabTestWorld({ redis: { ...redis, sameDatabaseAs: a } }); // and a process starts meanwhile
  try {
    const onC = await open(c);
    expect([viewIn(onB, id)?.status, viewIn(onC, id)?.status]).toEqual(["running", "running"]);
    await sleep(2 * redis.leaseMs); // several leases and upkeeps: A renews its own
    expect([viewIn(onA, id)?.status, viewIn(onB, id)?.status, viewIn(onC, id)?.status]).toEqual(["running", "running", "running"]);
    expect((await rowOf(id)).outcome).toBe("running");

    release();
    const { candidates } = await asked;
    expect(candidates).toHaveLength(2);
    for (const client of [onA, onB, onC]) await until(() => expect(viewIn(client, id)).toMatchObject({ status: "ready", candidates }));
    expect((await rowOf(id)).outcome).toBe("ready");
  } finally {
    a.inference.gate = undefined;
    await c.close();
  }
}, 30_000);

it("a generation whose process died is failed once its lease lapses: its view for everyone and its row", async () => {
  const dying = await createCollabTestWorld({ redis: { ...redis, sameDatabaseAs: a } });
  const who = await dying.as(ada);
  dying.inference.behavior = "hang";
  const asked = who.api.generation.request({ pieceId, mode: "infill", region, candidates: 2, temperature: 1 });
  asked.catch(() => undefined); // its process is "dead": nobody hears its answer
  const onB = await open(b);
  const id = await runningIn(onB);

  await dying.stopRenewing(); // what a killed process leaves: leases nobody renews
  await until(() => expect(viewIn(onB, id)).toMatchObject({ status: "failed", error: expect.stringMatching(/stopped/) }), 3 * redis.leaseMs);
  expect(await rowOf(id)).toMatchObject({ outcome: "failed", error: expect.stringMatching(/stopped/) });
  expect(docMaps(onB.doc).candidateParts.size).toBe(0);
  const onA = await open(a);
  expect(viewIn(onA, id)?.status).toBe("failed");
  await dying.close();
}, 30_000);
