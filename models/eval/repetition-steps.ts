/** The repetition expert walked along a teacher-forced region: per region token, the model's and the expert's view. */
import {
  advance,
  createRepetition,
  describe,
  initialGrammar,
  MAX_POS,
  MID,
  mixedLogProb,
  predictRepetition,
  recordRepetition,
  repetitionContext,
  REPETITION_STATES,
  type RepetitionStateKind,
  type RepetitionWeights,
} from "../tokenizer";

export interface RepetitionStep {
  index: number; // position of the token in the sequence
  kind: RepetitionStateKind | null; // the grammar state it was predicted in (null: no expert there, e.g. after MID)
  modelLogProb: number; // nats
  prediction: number | null;
  hit: boolean;
}

/** `logProb(i, id)`: the model's log-probability (nats) of `id` at sequence position i (row i - 1). */
export function repetitionSteps(tokens: readonly number[], promptLength: number, logProb: (i: number, id: number) => number): RepetitionStep[] {
  if (tokens[promptLength - 1] !== MID) throw new Error("the prompt must end with MID");
  const ctx = repetitionContext(tokens.slice(0, promptLength));
  const rep = createRepetition(ctx);
  const g = initialGrammar({ startBar: ctx.region.startBar, endBar: ctx.region.endBar, tracks: ctx.region.tracks }, MAX_POS);
  const steps: RepetitionStep[] = [];
  for (let i = promptLength; i < tokens.length; i++) {
    const state = g.last;
    const kind = state === "mid" || state === "eos" ? null : state;
    const prediction = kind ? predictRepetition(rep, g) : null;
    steps.push({ index: i, kind, modelLogProb: logProb(i, tokens[i]), prediction, hit: prediction === tokens[i] });
    const note = advance(g, tokens[i]);
    if (note) recordRepetition(rep, note);
    if (describe(tokens[i]).kind === "eos") break;
  }
  return steps;
}

/** Natural log-likelihood of the steps of one kind under mixing weight λ. */
export function mixedLikelihood(steps: readonly RepetitionStep[], kind: RepetitionStateKind, lambda: number): number {
  let ll = 0;
  for (const s of steps) {
    if (s.kind !== kind) continue;
    ll += mixedLogProb(s.modelLogProb, s.prediction === null ? null : s.hit, lambda);
  }
  return ll;
}

/** The λ in [0, 0.99] (steps of 0.01) that maximises the steps' likelihood, per grammar state. */
export function fitLambdas(steps: readonly RepetitionStep[]): RepetitionWeights {
  const out = {} as RepetitionWeights;
  for (const kind of REPETITION_STATES) {
    let best = { lambda: 0, ll: mixedLikelihood(steps, kind, 0) };
    for (let k = 1; k <= 99; k++) {
      const ll = mixedLikelihood(steps, kind, k / 100);
      if (ll > best.ll) best = { lambda: k / 100, ll };
    }
    out[kind] = best.lambda;
  }
  return out;
}

/** Bits over the steps, with (`weights`) or without (null) the expert. */
export function stepBits(steps: readonly RepetitionStep[], weights: RepetitionWeights | null): number {
  let nats = 0;
  for (const s of steps) {
    const lambda = weights && s.kind ? weights[s.kind] : 0;
    nats -= mixedLogProb(s.modelLogProb, s.prediction === null ? null : s.hit, lambda);
  }
  return nats / Math.LN2;
}
