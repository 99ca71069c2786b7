import { describe, expect, it } from "vitest";
import { EOS, VOCAB_SIZE } from "../../models/tokenizer";
import { decodeLockstep, type CandidateDecoder } from "./decode";
import { InferenceCancelledError, InferenceTimeoutError } from "./errors";
import { FAKE_KV, createFakeRunner } from "./fake-runner";
import { candidateRng, sampleToken } from "./sampler";

/** A candidate that samples freely among ids 7..200 and stops with EOS after `length` ids. */
function freeCandidate(seed: number, c: number, length: number, out: number[]): CandidateDecoder {
  const rng = candidateRng(seed, c);
  const ids = Array.from({ length: 194 }, (_, i) => 7 + i);
  return {
    choose: (logits, offset) => (out.length === length - 1 ? EOS : sampleToken(logits, offset, ids, { temperature: 1, topP: 0.9 }, rng)),
    accept: (id) => (out.push(id), id === EOS),
  };
}

const prompt = Array.from({ length: 40 }, (_, i) => 11 + (i % 90));
const base = { kv: FAKE_KV, vocabSize: VOCAB_SIZE, maxSeqLen: 256, prompt, timeoutMs: 10_000 };

describe("decodeLockstep", () => {
  it("prefills once, tiles the cache to the batch and decodes candidates of different lengths", async () => {
    const runner = createFakeRunner();
    const outs: number[][] = [[], [], []];
    const stats = await decodeLockstep({ ...base, runner, candidates: outs.map((o, c) => freeCandidate(1, c, [5, 12, 8][c], o)) });
    expect(outs.map((o) => o.length)).toEqual([5, 12, 8]);
    expect(stats.tokens).toBe(25);
    expect(runner.calls).toBe(1 + 11); // prefill + one step per id fed, until the longest finishes
  });

  it("prefills a long prompt in chunks into one batch-1 cache before tiling it", async () => {
    const runner = createFakeRunner();
    const long = Array.from({ length: 300 }, (_, i) => 11 + (i % 90));
    const outs: number[][] = [[], []];
    await decodeLockstep({ ...base, maxSeqLen: 1024, prompt: long, runner, candidates: outs.map((o, c) => freeCandidate(2, c, 4, o)) });
    expect(runner.calls).toBe(3 + 3); // 128 + 128 + 44 prompt ids, then 3 steps (the 4th id is EOS)
  });

  it("gives the same ids for the same seed and different ids for another", async () => {
    const run = async (seed: number) => {
      const outs: number[][] = [[], []];
      await decodeLockstep({ ...base, runner: createFakeRunner(), candidates: outs.map((o, c) => freeCandidate(seed, c, 20, o)) });
      return outs;
    };
    const a = await run(4);
    expect(await run(4)).toEqual(a);
    expect(await run(5)).not.toEqual(a);
    expect(a[0]).not.toEqual(a[1]);
  });

  it("rejects with TIMEOUT when the time limit passes", async () => {
    const runner = createFakeRunner({ delayMs: 30 });
    const t0 = Date.now();
    const p = decodeLockstep({ ...base, runner, timeoutMs: 100, candidates: [freeCandidate(1, 0, 200, [])] });
    await expect(p).rejects.toBeInstanceOf(InferenceTimeoutError);
    await expect(p).rejects.toThrow(/TIMEOUT/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("rejects as cancelled when the signal aborts, and at once when it already has", async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 80);
    const p = decodeLockstep({ ...base, runner: createFakeRunner({ delayMs: 20 }), signal: ac.signal, candidates: [freeCandidate(1, 0, 200, [])] });
    await expect(p).rejects.toBeInstanceOf(InferenceCancelledError);
    const runner = createFakeRunner();
    await expect(decodeLockstep({ ...base, runner, signal: ac.signal, candidates: [freeCandidate(1, 0, 5, [])] })).rejects.toThrow(/cancelled/);
  });

  it("refuses a prompt that leaves no room", async () => {
    await expect(
      decodeLockstep({ ...base, maxSeqLen: 40, runner: createFakeRunner(), candidates: [freeCandidate(1, 0, 5, [])] }),
    ).rejects.toThrow(/does not fit/);
  });
});
