/** The `generate(req)` of the Inference service: validate, window, encode, decode in lockstep, map back. */
import { GENERATION_LIMITS } from "../../lib/generation";
import { ticksPerBar } from "../../lib/time";
import { isDrumTrack, type Note } from "../../lib/doc-schema";
import {
  GRID_PER_BEAT,
  MAX_POS,
  createRepetition,
  encodePrompt,
  REPETITION_STATES,
  repetitionContext,
  type RepetitionWeights,
  fromTokNote,
  initialGrammar,
  quarterBeatsPerBar,
  speaksControls,
  toTokNotes,
} from "../../models/tokenizer";
import type { InferenceRequest, InferenceResult } from "./types";
import { createCandidate } from "./candidate";
import { openStyleMemory } from "./adaptation/style-memory";
import { createStyleState } from "./adaptation/style-mix";
import { createConstraintState, type ConstraintSpec } from "./constraints";
import { energyVelocity, regionControls } from "./controls";
import { decodeLockstep } from "./decode";
import { contextHarmony, createRepetitionGate } from "./repetition-gate";
import { InferenceInputError } from "./errors";
import type { ModelManifest } from "./manifest";
import type { InferenceLog, ModelRunner } from "./ort-session";
import { validateRequest, type ValidRequest } from "./request";
import { candidateRng } from "./sampler";
import { candidateSpread } from "./spread";
import { HARMONY_BIAS, harmonyMask } from "./harmony-bias";
import { polyphonyCap, steeringOf, withSilenceFloor, withStyleDensity } from "./steer";
import { inDocRegion, planSlots, slotPolyphony, slotVelocities, stayingNotes } from "./slots";
import { planWindow, regionBudget } from "./window";
import { generateInParts, regionParts, type PartOptions } from "./region-parts";

export interface GenerateDeps {
  runner: ModelRunner;
  manifest: ModelManifest;
  log: InferenceLog;
}

export async function generate(deps: GenerateDeps, req: InferenceRequest): Promise<InferenceResult> {
  const v = validateRequest(req); // the whole request first, so that an error names the bars asked for
  const parts = regionParts(v.region, deps.manifest.maxWindowBars);
  if (parts.length === 1) return generateWindow(deps, req, v, { lastPart: true });
  return generateInParts((r, part) => generateWindow(deps, r, validateRequest(r), part), req, parts);
}

/** One window: the region (or one part of it) with the context the window leaves around it. */
async function generateWindow(deps: GenerateDeps, req: InferenceRequest, v: ValidRequest, part: PartOptions): Promise<InferenceResult> {
  const t0 = performance.now();
  const { manifest: m } = deps;
  const { region, meta } = v;
  const beats = quarterBeatsPerBar(meta);
  const barLen = beats * GRID_PER_BEAT; // grid ticks a bar
  if (barLen > MAX_POS) throw new InferenceInputError(`a ${meta.beatsPerBar}/${meta.beatUnit} bar is longer than the model's 8 beats`);
  const barTicks = ticksPerBar(meta);
  const notes: Note[] = v.notes;

  const slots = planSlots(region.trackIds, v.tracks, notes, region.pitchLo, region.pitchHi);
  const lastEnd = notes.reduce((x, n) => Math.max(x, n.start + n.duration), 0);
  const pieceBars = Math.max(region.endBar, Math.ceil(lastEnd / barTicks));
  const nBars = region.endBar - region.startBar;
  const onRegionTracks = notes.filter((n) => region.trackIds.includes(n.track)).length;
  const silent = !notes.some((n) => region.trackIds.includes(n.track) && !inDocRegion(n, region, barTicks));
  const drumsOnly = region.trackIds.every((id) => isDrumTrack(v.tracks.find((t) => t.id === id)));
  const steering = req.steer === false ? steeringOf(undefined, barLen) : steeringOf(withSilenceFloor(withStyleDensity(v.controls, drumsOnly, m.styles), silent, drumsOnly), barLen, m.styles, nBars);
  // room for the density asked (held or not: a model asked by its tokens alone needs the room too), else for a little
  // more than the context's
  const asked = req.steer === false ? steeringOf(v.controls, barLen).notesPerBar : steering.notesPerBar;
  const expected = asked ? Math.min(asked.hi, asked.lo + 4) : Math.ceil((1.5 * onRegionTracks) / pieceBars / region.trackIds.length) + 2;
  const budget = regionBudget({
    bars: nBars,
    tracks: slots.modelTracks.length,
    notesPerBarPerTrack: Math.min(v.maxNotesPerBar ?? Infinity, expected),
    maxSeqLen: m.maxSeqLen,
  });
  const windowRegion = (fromBar: number) => ({
    startBar: region.startBar - fromBar,
    endBar: region.endBar - fromBar,
    pitchLo: region.pitchLo,
    pitchHi: region.pitchHi,
    tracks: slots.modelTracks,
  });
  const controls = speaksControls(m.tokenizer) ? regionControls(v.controls, slots.modelTracks) : undefined;
  const encode = (fromBar: number, bars: number, asked: typeof controls) =>
    encodePrompt({
      notes: toTokNotes(notes.filter((n) => n.start < (fromBar + bars) * barTicks), v.tracks, meta, fromBar),
      beatsPerBar: beats,
      windowBars: bars,
      region: windowRegion(fromBar),
      controls: asked,
    });
  const win = planWindow({
    startBar: region.startBar,
    endBar: region.endBar,
    barsBefore: region.startBar,
    barsAfter: v.mode === "infill" && part.lastPart ? pieceBars - region.endBar : 0,
    maxSeqLen: m.maxSeqLen,
    maxBars: m.maxWindowBars,
    budget,
    encode: (fromBar, bars) => encode(fromBar, bars, controls),
  });
  // Guidance: the same window without its controls, decoded beside it (decode.ts Guidance).
  const weight = v.guidance ?? GENERATION_LIMITS.guidance.default;
  const free = weight !== 1 && controls ? encode(win.fromBar, win.bars, undefined) : null;
  const guidance = free && free.length !== win.prompt.length ? { prompt: free, weight } : undefined;

  const winStart = win.fromBar * barTicks;
  const winEnd = (win.fromBar + win.bars) * barTicks;
  const context = notes.filter((n) => n.start >= winStart && n.start < winEnd && !inDocRegion(n, region, barTicks));
  const energy = energyVelocity(v.controls); // an energy asked for sets the velocity, on any model
  const velocity = slotVelocities(context, region.trackIds).map((vel) => energy ?? vel);
  const spec: ConstraintSpec = {
    barLen,
    startTick: (region.startBar - win.fromBar) * barLen,
    endTick: (region.endBar - win.fromBar) * barLen,
    assign: slots.assign,
    slots: region.trackIds.length,
    staying: stayingNotes(notes, region, barTicks, win.fromBar),
    maxPolyphony: v.maxPolyphony,
    contextPolyphony: slotPolyphony(context, region.trackIds).map((p) => polyphonyCap(v.controls?.polyphony, p, req.steer !== false)),
    maxNotesPerBar: v.maxNotesPerBar,
    scale: v.scale,
    steering,
    mustPlay: req.steer === false || v.controls?.density === 0 ? undefined : region.trackIds.map((id) => context.some((n) => n.track === id)),
    harmony: {
      mask: harmonyMask({ notes: context, regionTrackIds: region.trackIds, tracks: v.tracks, fromTick: winStart, gridTicks: win.bars * barLen }),
      bias: HARMONY_BIAS,
    },
  };

  const strength = v.repetition ?? GENERATION_LIMITS.repetition.default;
  const repContext = m.repetition && strength > 0 ? repetitionContext(win.prompt) : null;
  const harmony = repContext && contextHarmony({ notes: context, region, tracks: v.tracks, fromTick: winStart, barTicks, bars: win.bars });
  const expert = repContext && harmony && { context: repContext, gate: createRepetitionGate(repContext, harmony) };
  const style = req.style ? openStyleMemory(req.style) : null;
  const results: Note[][] = Array.from({ length: v.candidates }, () => []);
  const likelihoods = results.map(() => ({ logProb: 0, tokens: 0 }));
  const candidates = results.map((out, c) => {
    const index = part.candidate?.index ?? c;
    const spread = candidateSpread(index, part.candidate?.of ?? v.candidates);
    const lambda = scaledRepetition(m.repetition?.sampling ?? m.repetition?.lambda, strength * spread.repetition);
    return createCandidate({
      vocabSize: m.vocabSize,
      likelihood: likelihoods[c],
      repetition: lambda && expert ? { state: createRepetition(expert.context), lambda, gate: expert.gate } : undefined,
      style: style ? createStyleState(style) : undefined,
      grammar: initialGrammar(windowRegion(win.fromBar), barLen),
      constraints: createConstraintState(spec),
      sample: { temperature: Math.min(GENERATION_LIMITS.temperature.max, v.temperature * spread.temperature), topP: v.topP },
      rng: candidateRng(v.seed, index),
      onNote(n, slot) {
        const tok = { track: n.track, pitch: n.pitch, start: n.bar * barLen + n.pos, duration: n.duration };
        const note = fromTokNote(tok, region.trackIds[slot], meta, win.fromBar, velocity[slot]);
        out.push(note);
        try {
          req.onNote?.(c, note);
        } catch (e) {
          deps.log.warn(`inference: an onNote listener threw (${(e as Error).message})`);
        }
      },
    });
  });

  const stats = await decodeLockstep({
    runner: deps.runner,
    kv: { layers: m.layers, heads: m.heads, headDim: m.headDim },
    vocabSize: m.vocabSize,
    maxSeqLen: m.maxSeqLen,
    prompt: win.prompt,
    candidates,
    guidance,
    timeoutMs: v.timeoutMs ?? GENERATION_LIMITS.timeoutMs.default,
    signal: req.signal,
  });
  for (const r of results) r.sort((a, b) => a.start - b.start || a.pitch - b.pitch || a.track.localeCompare(b.track));
  return {
    candidates: results,
    bitsPerToken: likelihoods.map((l) => (l.tokens > 0 ? -l.logProb / l.tokens / Math.LN2 : 0)),
    model: { name: m.name, version: m.version },
    latencyMs: Math.round(performance.now() - t0),
    tokens: stats.tokens,
  };
}

/** The manifest's weights scaled by the request's repetition (0: the transformer alone, 1: as fitted). */
export function scaledRepetition(fitted: RepetitionWeights | undefined, strength: number): RepetitionWeights | null {
  if (!fitted || strength <= 0) return null;
  const out = {} as RepetitionWeights;
  for (const k of REPETITION_STATES) out[k] = Math.min(0.95, fitted[k] * strength);
  return out;
}
