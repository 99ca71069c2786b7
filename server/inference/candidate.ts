/** One candidate's token choice: grammar, then musical constraints, then the seeded sampler. */
import {
  advance,
  allowedNext,
  predictRepetition,
  recordRepetition,
  repetitionBias,
  type DecodedNote,
  type GrammarState,
  type Repetition,
  type RepetitionWeights,
} from "../../models/tokenizer";
import { chordOwed, constrain, owedNotes, recordNote, type ConstraintState } from "./constraints";
import { holdChord, holdOpen, isCloser } from "./steer";
import type { RepetitionGate } from "./repetition-gate";
import type { CandidateDecoder } from "./decode";
import type { StyleState } from "./adaptation/style-mix";
import { logSumExp, sampleToken, type Rng, type SampleOptions } from "./sampler";

export interface CandidateParts {
  grammar: GrammarState;
  constraints: ConstraintState;
  sample: SampleOptions;
  rng: Rng;
  onNote(note: DecodedNote, slot: number): void;
  vocabSize: number; // the width of a logits row
  /** Filled while decoding: the model's own log-probability (nats) of the ids chosen, over its whole vocabulary. */
  likelihood?: { logProb: number; tokens: number };
  /** The repetition expert mixed into the model's distribution (models/tokenizer/repetition.ts). */
  repetition?: { state: Repetition; lambda: RepetitionWeights; gate?: RepetitionGate };
  /** A style memory multiplied in after the repetition expert (server/inference/adaptation/). */
  style?: StyleState;
}

/**
 * Onsets, durations and where a bar or track ends are sampled at this share of the request's temperature. At full
 * temperature an onset drawn from the tail jumps ahead in the bar and the notes it skips cannot come back, so the
 * model wrote 40% fewer notes than the originals; at half, 94% as many (models/tandem-fim-v1/README.md).
 */
export const RHYTHM_TEMPERATURE = 0.5;

/** The most ids a note in progress still needs (after TRACK: POS DUR PITCH). */
const NOTE_TAIL = 3;

export function createCandidate(p: CandidateParts): CandidateDecoder {
  const g = p.grammar;
  const owed = owedNotes(p.constraints);
  return {
    choose(logits, offset, room) {
      const masked = constrain(p.constraints, g, allowedNext(g));
      let ids = holdChord(g, holdOpen(g, masked.allowed, owed), chordOwed(p.constraints, g));
      // Close the region in time: the remaining BARs and EOS must still fit after any note in progress.
      if (room <= g.nBars - g.barsOpened + 1 + NOTE_TAIL) {
        const closers = masked.allowed.filter(isCloser);
        if (closers.length > 0) ids = closers;
      }
      if (ids.length === 0) throw new Error(`no token is allowed after ${g.last} in bar ${g.bar}`);
      // The temperature applies in full to the choice of pitch; rhythm and structure are sampled cooler.
      const opts = g.last === "dur" ? p.sample : { ...p.sample, temperature: p.sample.temperature * RHYTHM_TEMPERATURE };
      let logZ: number | undefined; // the row's log-normalizer, computed once and only if needed
      const logProb = (token: number) => logits[offset + token] - (logZ ??= logSumExp(logits, offset, p.vocabSize));
      const bias = withRepetition(p.repetition, g, logProb, ids, masked.bias);
      const id = sampleToken(logits, offset, ids, opts, p.rng, p.style ? p.style.bias(g, ids, bias) : bias);
      if (p.likelihood) {
        p.likelihood.logProb += logProb(id);
        p.likelihood.tokens++;
      }
      return id;
    },
    accept(id) {
      p.style?.accept(id);
      const note = advance(g, id);
      if (note) {
        if (p.repetition) recordRepetition(p.repetition.state, note);
        p.onNote(note, recordNote(p.constraints, note));
      }
      return g.last === "eos";
    },
  };
}

/** The constraint biases plus the repetition expert's: its predicted token, when allowed, moves up by the mixture. */
function withRepetition(
  r: CandidateParts["repetition"],
  g: GrammarState,
  logProb: (token: number) => number,
  allowed: readonly number[],
  bias: ReadonlyMap<number, number> | undefined,
): ReadonlyMap<number, number> | undefined {
  if (!r || g.last === "mid" || g.last === "eos") return bias;
  const lambda = r.lambda[g.last];
  const prediction = predictRepetition(r.state, g);
  if (prediction === null || lambda <= 0 || !allowed.includes(prediction)) return bias;
  if (r.gate && !r.gate(g, prediction, r.state)) return bias;
  const out = new Map(bias);
  out.set(prediction, (out.get(prediction) ?? 0) + repetitionBias(logProb(prediction), lambda));
  return out;
}
