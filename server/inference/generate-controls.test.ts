import { describe, expect, it } from "vitest";
import { TICKS_PER_BEAT } from "../../lib/time";
import { BAR, bucketOf, describe as describeToken, EOS, measureTrack, MID, tok, TOKENIZER_VOCAB, TRACK_CONTROLS, type TokNote } from "../../models/tokenizer";
import { FAKE_MANIFEST, createFakeRunner, fakeCacheIds } from "./fake-runner";
import { mulberry32 } from "./sampler";
import { generate, type GenerateDeps } from "./generate";
import type { ModelManifest } from "./manifest";
import type { ModelRunner } from "./ort-session";
import { constraintViolations, testRequest } from "./test-piece";

const silent = { info: () => {}, warn: () => {} };
const melodyBars = { startBar: 6, endBar: 10, pitchLo: 0, pitchHi: 127, trackIds: ["melody"] };

/** The fake model, recording every token the first candidate's row is fed (the prompt may come in chunks). */
function recording(vocabSize: number): { runner: ModelRunner; prompt: () => number[] } {
  const inner = createFakeRunner({ vocabSize });
  const fed: number[] = [];
  const runner: ModelRunner = {
    ...inner,
    async step(ids, batch, past, pastRows) {
      fed.push(...Array.from(ids.slice(0, ids.length / batch), Number));
      return inner.step(ids, batch, past, pastRows);
    },
  };
  return { runner, prompt: () => fed.slice(0, fed.indexOf(MID) + 1) };
}

/**
 * A fake model that does what the prompt's control tokens ask, the way a trained one should: it writes about the
 * requested density's notes a bar, at pitches in the requested register. It tells us the generator carries the
 * request all the way into the tokens the model sees. `strength` scales how much it heeds them (1: firmly; a model
 * that learned them a little is weaker).
 */
const CONTROL_KINDS = new Set<string>([...TRACK_CONTROLS, "style", "key"]);

function steerable(strength = 1): ModelRunner {
  const inner = createFakeRunner();
  const perBar = [0, 1, 2, 3, 6, 9, 14, 20];
  const registerPitch = [41, 52, 58, 65, 72, 80];
  return {
    ...inner,
    async step(ids, batch, past, pastRows) {
      const out = await inner.step(ids, batch, past, pastRows);
      const fresh = ids.length / batch;
      const V = out.logits.length / (batch * fresh);
      for (let b = 0; b < batch; b++) {
        const hist = [...fakeCacheIds(past, pastRows, batch, b), ...Array.from(ids.slice(b * fresh, (b + 1) * fresh), Number)];
        const kinds = hist.map((id) => describeToken(id));
        const density = kinds.find((k) => k.kind === "density")?.value;
        const register = kinds.find((k) => k.kind === "register")?.value;
        const mid = hist.indexOf(MID);
        const lastBar = hist.lastIndexOf(BAR);
        const inBar = mid < 0 ? 0 : kinds.slice(Math.max(mid, lastBar)).filter((k) => k.kind === "pitch").length;
        const row = out.logits.subarray((b * fresh + fresh - 1) * V, (b * fresh + fresh) * V);
        // What it would write anyway depends on the music, not on the controls: as with a trained model, the prompt
        // without them gives the same logits but for what they ask (guidance amplifies the difference).
        const music = hist.filter((_, i) => !CONTROL_KINDS.has(kinds[i].kind));
        const rng = mulberry32(music.reduce((h, id) => Math.imul(h ^ (id + 1), 0x01000193) >>> 0, 17));
        for (let v = 0; v < V; v++) row[v] = rng() * 4;
        const bias = (id: number, by: number) => (row[id] += by * strength);
        if (density !== undefined) {
          const more = inBar < perBar[density];
          const at = Math.floor((inBar * 48) / Math.max(1, perBar[density])); // evenly spaced onsets in a 4/4 bar
          for (let p = 0; p < 96; p++) bias(tok.pos(p), (more ? 20 : -20) - Math.abs(p - at));
          for (let t = 0; t < 4; t++) bias(tok.track(t), more ? 20 : -20);
          bias(BAR, more ? -20 : 20);
          bias(EOS, more ? -20 : 20);
          for (let d = 1; d <= 96; d++) bias(tok.dur(d), d === 3 ? 20 : 0);
        }
        if (register !== undefined) for (let k = 0; k < 128; k++) bias(tok.pitch(k), -Math.abs(k - registerPitch[register]) * 2);
      }
      return out;
    },
  };
}

describe("steering controls in generation", () => {
  it("reach a tandem-fim-2 model as control tokens after the region's tracks", async () => {
    const { runner, prompt } = recording(FAKE_MANIFEST.vocabSize);
    const deps: GenerateDeps = { runner, manifest: FAKE_MANIFEST, log: silent };
    await generate(deps, testRequest({ candidates: 1, region: melodyBars, controls: { density: 3, register: 4, style: "funk", key: { tonic: 9, mode: "minor" } } }));
    const header = prompt().slice(prompt().lastIndexOf(tok.rtrack(0)));
    expect(header).toEqual([tok.rtrack(0), tok.control("density", 3), tok.control("register", 4), tok.style(2), tok.key(19), MID]);
  });

  it("are left out for a tandem-fim-1 model, whose vocabulary has no such tokens", async () => {
    const v1: ModelManifest = { ...FAKE_MANIFEST, tokenizer: "tandem-fim-1", vocabSize: TOKENIZER_VOCAB["tandem-fim-1"] };
    const { runner, prompt } = recording(v1.vocabSize);
    await generate({ runner, manifest: v1, log: silent }, testRequest({ candidates: 1, region: melodyBars, controls: { density: 3, style: "funk" } }));
    expect(prompt().every((id) => id < v1.vocabSize)).toBe(true);
    expect(prompt()).not.toContain(tok.control("density", 3));
  });

  it("are followed by a model that heeds them: density, register and energy as asked, constraints met", async () => {
    const deps: GenerateDeps = { runner: steerable(), manifest: FAKE_MANIFEST, log: silent };
    for (const [density, register, energy] of [
      [1, 1, 0],
      [3, 3, 2],
      [5, 4, 3],
    ] as const) {
      const req = testRequest({ candidates: 2, seed: 7, region: melodyBars, controls: { density, register, energy } });
      const res = await generate(deps, req);
      expect(constraintViolations(req, res)).toEqual([]);
      for (const cand of res.candidates) {
        const grid: TokNote[] = cand.map((n) => ({ track: 0, pitch: n.pitch, start: n.start / (TICKS_PER_BEAT / 12), duration: 1, velocity: n.velocity }));
        const got = measureTrack(grid, 0, 4, 4);
        expect({ density: got.density, register: got.register, energy: got.energy }).toEqual({ density, register, energy });
        expect(bucketOf("energy", cand[0].velocity)).toBe(energy);
      }
    }
  });
});

describe("steer: false (measuring what a model learned)", () => {
  it("still sends the control tokens but holds nothing: a model that ignores them writes what it writes", async () => {
    const { runner, prompt } = recording(FAKE_MANIFEST.vocabSize);
    await generate({ runner, manifest: FAKE_MANIFEST, log: silent }, testRequest({ candidates: 1, region: melodyBars, controls: { density: 6 }, steer: false }));
    expect(prompt()).toContain(tok.control("density", 6));

    const densityOf = async (steer: boolean) => {
      const req = testRequest({ candidates: 1, seed: 3, region: melodyBars, controls: { density: 6 }, steer });
      const res = await generate({ runner: createFakeRunner(), manifest: FAKE_MANIFEST, log: silent }, req);
      expect(constraintViolations(req, res)).toEqual([]);
      const grid: TokNote[] = res.candidates[0].map((n) => ({ track: 0, pitch: n.pitch, start: n.start / (TICKS_PER_BEAT / 12), duration: 1, velocity: n.velocity }));
      return measureTrack(grid, 0, 4, 4).density;
    };
    expect(await densityOf(true)).toBe(6);
    expect(await densityOf(false)).not.toBe(6);
  });
});

describe("guidance", () => {
  const measured = (notes: { pitch: number; start: number; velocity: number }[]) =>
    measureTrack(notes.map((n) => ({ track: 0, pitch: n.pitch, start: n.start / (TICKS_PER_BEAT / 12), duration: 1, velocity: n.velocity })), 0, 4, 4);

  it("makes a model that learned the controls a little follow them, with the tokens alone", async () => {
    const asked = { density: 5, register: 1 };
    const got = async (guidance: number) => {
      const req = testRequest({ candidates: 2, seed: 11, region: melodyBars, controls: asked, steer: false, guidance });
      const res = await generate({ runner: steerable(0.1), manifest: FAKE_MANIFEST, log: silent }, req);
      expect(constraintViolations(req, res)).toEqual([]);
      return res.candidates.map((c) => measured(c)).map((m) => ({ density: m.density, register: m.register }));
    };
    expect(await got(1)).not.toEqual([asked, asked]);
    expect(await got(8)).toEqual([asked, asked]);
  });

  it("runs the window without its controls beside it only where controls are asked, and not at 1", async () => {
    /** How many model calls were fed a whole prompt without the controls (the second prompt). */
    const withoutControls = async (req: Parameters<typeof testRequest>[0]) => {
      const inner = createFakeRunner();
      let free = 0;
      const runner: ModelRunner = {
        ...inner,
        async step(ids, batch, past, pastRows) {
          const hist = [...fakeCacheIds(past, pastRows, batch, 0), ...Array.from(ids.slice(0, ids.length / batch), Number)];
          if (hist.includes(MID) && !hist.some((id) => CONTROL_KINDS.has(describeToken(id).kind))) free++;
          return inner.step(ids, batch, past, pastRows);
        },
      };
      await generate({ runner, manifest: FAKE_MANIFEST, log: silent }, testRequest({ candidates: 1, seed: 2, region: melodyBars, ...req }));
      return free;
    };
    expect(await withoutControls({ controls: { activity: 2 }, guidance: 3 })).toBeGreaterThan(3); // every step
    expect(await withoutControls({ controls: { activity: 2 }, guidance: 1.5 })).toBeGreaterThan(3);
    expect(await withoutControls({ controls: { activity: 2 } })).toBe(0); // the default: as learned
    expect(await withoutControls({ controls: { activity: 2 }, guidance: 1 })).toBe(0);
  });
});
