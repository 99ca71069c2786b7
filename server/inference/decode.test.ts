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

  describe("with guidance (the prompt without its controls beside it)", () => {
    const free = prompt.slice(0, 36); // as if the asked prompt's last 4 ids were control tokens
    /** A candidate that keeps the first logits row it is given, then picks freely. */
    const firstRow = (rows: Float32Array[], out: number[]): CandidateDecoder => {
      const inner = freeCandidate(3, 0, 6, out);
      return {
        choose(logits, offset, room) {
          if (rows.length === 0) rows.push(logits.slice(offset, offset + VOCAB_SIZE));
          return inner.choose(logits, offset, room);
        },
        accept: inner.accept,
      };
    };

    it("mixes the two prompts' logits: u + weight * (c - u)", async () => {
      const [c, u, g]: Float32Array[][] = [[], [], []];
      await decodeLockstep({ ...base, runner: createFakeRunner(), candidates: [firstRow(c, [])] });
      await decodeLockstep({ ...base, prompt: free, runner: createFakeRunner(), candidates: [firstRow(u, [])] });
      await decodeLockstep({ ...base, runner: createFakeRunner(), guidance: { prompt: free, weight: 3 }, candidates: [firstRow(g, [])] });
      for (const v of [0, 7, 500]) expect(g[0][v]).toBeCloseTo(u[0][v] + 3 * (c[0][v] - u[0][v]), 4);
    });

    it("at weight 1 writes what the asked prompt alone writes, running both prompts each step", async () => {
      const run = async (guidance?: { prompt: number[]; weight: number }) => {
        const runner = createFakeRunner();
        const outs: number[][] = [[], [], []];
        await decodeLockstep({ ...base, runner, guidance, candidates: outs.map((o, c) => freeCandidate(6, c, [5, 12, 8][c], o)) });
        return { outs, calls: runner.calls };
      };
      const plain = await run();
      const guided = await run({ prompt: free, weight: 1 });
      expect(guided.outs).toEqual(plain.outs);
      expect(guided.calls).toBe(2 + 2 * 11); // both prefills, then both prompts at each of the 11 steps
      const strong = await run({ prompt: free, weight: 4 });
      expect(strong.outs).not.toEqual(plain.outs);
    });

    it("runs only what the second prompt does not share with the first", async () => {
      const long = Array.from({ length: 300 }, (_, i) => 11 + (i % 90));
      const runner = createFakeRunner();
      const outs: number[][] = [[]];
      await decodeLockstep({ ...base, maxSeqLen: 1024, prompt: long, runner, guidance: { prompt: long.slice(0, 297), weight: 2 }, candidates: [freeCandidate(2, 0, 4, outs[0])] });
      expect(runner.calls).toBe(3 + 1 + 2 * 3); // 128 + 128 + 44 ids, then the free prompt's last id alone, then 3 steps of two
    });
  });
});
