/**
 * The server's inference thread (thread.ts) against the shipped model: the same candidates as on the caller's thread,
 * notes streamed across, errors of the same classes, and a dead thread that fails its work plainly and is replaced.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, beforeAll, expect, it } from "vitest";
import { scaledPatch, shippedModel } from "./adaptation/test-network";
import { InferenceCancelledError, InferenceInputError, InferenceTimeoutError, ModelManifestError, NetworkPatchError } from "./errors";
import { createInference } from "./index";
import { createInferenceThread, type InferenceThread } from "./thread";
import { testRequest } from "./test-piece";
import { DEFAULT_MODEL_DIR } from "./default-model";

const SHIPPED = path.resolve(import.meta.dirname, "../..", DEFAULT_MODEL_DIR);
const logs: string[] = [];
const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(`WARN ${m}`) };
const small = () => testRequest({ candidates: 2, region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["melody", "chords"] }, seed: 11, timeoutMs: 60_000 });

let threaded: InferenceThread;
beforeAll(async () => {
  threaded = await createInferenceThread({ modelDir: SHIPPED, provider: "cpu", threads: 1, log });
});
afterAll(() => threaded?.close());

it("opens the model on another thread and relays its log", () => {
  expect(threaded.models()[0]).toMatchObject({ name: "tandem-fim", provider: "cpu" });
  expect(logs.some((l) => l.startsWith("inference: tandem-fim"))).toBe(true);
  expect(threadId).toBe(0); // this file runs on a main thread: the model's is another
});

it("writes what the caller's own thread writes with the same seed, and streams each note as it comes", async () => {
  const here = await createInference({ modelDir: SHIPPED, provider: "cpu", threads: 1, log });
  try {
    const streamed: { candidate: number; pitch: number; start: number }[] = [];
    // The router passes onRestart too (for the queue's retries): only data crosses to the thread.
    const there = await threaded.generate({ ...small(), onNote: (candidate, n) => streamed.push({ candidate, pitch: n.pitch, start: n.start }), onRestart: () => {} });
    const local = await here.generate(small());
    expect(there.candidates).toEqual(local.candidates);
    expect(there.candidates.flat().length).toBeGreaterThan(0);
    expect(streamed).toHaveLength(there.candidates.flat().length);
    for (const [c, notes] of there.candidates.entries())
      expect(streamed.filter((s) => s.candidate === c).map(({ pitch, start }) => `${start}:${pitch}`).sort()).toEqual(notes.map((n) => `${n.start}:${n.pitch}`).sort());
  } finally {
    await here.close();
  }
});

it("carries a network patch across: what the caller's thread writes with it, not what it writes without", async () => {
  const { onnx, sha256 } = await shippedModel();
  const network = scaledPatch(onnx, sha256, 2);
  const here = await createInference({ modelDir: SHIPPED, provider: "cpu", threads: 1, log });
  try {
    const there = await threaded.generate({ ...small(), network });
    expect(network.patch.byteLength).toBeGreaterThan(0); // copied, not transferred: the caller keeps its bytes
    expect(there.candidates).toEqual((await here.generate({ ...small(), network })).candidates);
    expect(there.candidates).not.toEqual((await threaded.generate(small())).candidates);
    const other = threaded.generate({ ...small(), network: scaledPatch(onnx, "d".repeat(64), 2) });
    await expect(other).rejects.toBeInstanceOf(NetworkPatchError);
    await expect(other).rejects.toMatchObject({ problem: "other-base", code: "BAD_INPUT" });
  } finally {
    await here.close();
  }
});

it("gives back the service's errors as the same classes", async () => {
  await expect(threaded.generate(testRequest({ timeoutMs: 5 }))).rejects.toBeInstanceOf(InferenceTimeoutError);
  const bad = threaded.generate(testRequest({ region: { startBar: 4, endBar: 6, pitchLo: 0, pitchHi: 127, trackIds: ["no-such-track"] } }));
  await expect(bad).rejects.toBeInstanceOf(InferenceInputError);
  await expect(bad).rejects.toThrow(/no-such-track/);
});

it("cancels at once when the caller aborts, and goes on serving", async () => {
  const ac = new AbortController();
  const p = threaded.generate({ ...testRequest({ candidates: 8, timeoutMs: 60_000 }), signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  await expect(p).rejects.toBeInstanceOf(InferenceCancelledError);
  expect((await threaded.generate(small())).candidates).toHaveLength(2);
});

it("refuses to open a model folder that is wrong, with the loader's error", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "tandem-thread-"));
  try {
    await writeFile(path.join(dir, "manifest.json"), "{}");
    await expect(createInferenceThread({ modelDir: dir, provider: "cpu", log })).rejects.toBeInstanceOf(ModelManifestError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

it("fails the work of a thread that dies with a plain message, and starts a new one for the next request", async () => {
  const own = await createInferenceThread({ modelDir: SHIPPED, provider: "cpu", threads: 1, log });
  try {
    const p = own.generate(testRequest({ candidates: 8, timeoutMs: 60_000 }));
    await new Promise((r) => setTimeout(r, 100));
    // A thread that throws between two steps dies as a crash would. (Not worker.terminate(): ending a thread inside
    // one of onnxruntime's steps aborts the whole process, this test's included.)
    own.worker()!.postMessage({ type: "no-such-message" });
    await expect(p).rejects.toThrow("The model's worker thread stopped while it was writing; try again");
    expect(logs.some((l) => /WARN inference: the model's worker thread stopped: inference thread: unknown message "no-such-message"; 1 generation\(s\) failed/.test(l))).toBe(true);
    expect((await own.generate(small())).candidates).toHaveLength(2);
  } finally {
    await own.close();
  }
});
