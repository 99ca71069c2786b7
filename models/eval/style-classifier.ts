/**
 * A simple drum style classifier, trained on groove-midi's own style labels, to tell which style a drum part sounds
 * like: softmax regression on what each part plays on each sixteenth of a 4/4 bar, how much each plays, and how many
 * onsets fall off the sixteenth grid (swing and triplets). It judges the style control (style-probe.ts); its features
 * are sixteenths and part counts, not the expert's half-bar profiles, so it is not the expert grading itself.
 */
import { DRUM_CLASSES, drumClass, DRUM_TRACK, GRID_PER_BEAT, type TokNote } from "../tokenizer";

const SIXTEENTH = GRID_PER_BEAT / 4;
const C = DRUM_CLASSES.length;
export const FEATURES = C * 16 + C + 1;

/** Features of `bars` 4/4 bars of drum notes (grid ticks from the first bar's downbeat), per bar. */
export function styleFeatures(notes: readonly TokNote[], bars: number): Float64Array {
  const f = new Float64Array(FEATURES);
  const drums = notes.filter((n) => n.track === DRUM_TRACK);
  for (const n of drums) {
    const c = drumClass(n.pitch);
    const s = Math.round(n.start / SIXTEENTH) % 16;
    f[c * 16 + s] += 1 / bars;
    f[C * 16 + c] += 1 / bars;
    if (n.start % SIXTEENTH !== 0) f[C * 17] += 1 / Math.max(1, drums.length);
  }
  return f;
}

export interface StyleClassifier {
  labels: string[];
  predict(x: Float64Array): string;
}

/** Softmax regression with L2, full-batch gradient descent on standardized features; deterministic. */
export function trainStyleClassifier(data: readonly { x: Float64Array; label: string }[], opts = { epochs: 300, rate: 0.5, l2: 1e-3 }): StyleClassifier {
  const labels = [...new Set(data.map((d) => d.label))].sort();
  const K = labels.length;
  const mean = new Float64Array(FEATURES);
  const sd = new Float64Array(FEATURES);
  for (const d of data) for (let j = 0; j < FEATURES; j++) mean[j] += d.x[j] / data.length;
  for (const d of data) for (let j = 0; j < FEATURES; j++) sd[j] += (d.x[j] - mean[j]) ** 2 / data.length;
  for (let j = 0; j < FEATURES; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const z = (x: Float64Array) => x.map((v, j) => (v - mean[j]) / sd[j]);
  const xs = data.map((d) => z(d.x));
  const ys = data.map((d) => labels.indexOf(d.label));
  const w = Array.from({ length: K }, () => new Float64Array(FEATURES + 1)); // last: bias
  const scores = (x: Float64Array) => w.map((wk) => x.reduce((a, v, j) => a + v * wk[j], wk[FEATURES]));
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    const grad = w.map(() => new Float64Array(FEATURES + 1));
    xs.forEach((x, i) => {
      const s = scores(x);
      const top = Math.max(...s);
      const e = s.map((v) => Math.exp(v - top));
      const sum = e.reduce((a, b) => a + b, 0);
      for (let k = 0; k < K; k++) {
        const g = e[k] / sum - (ys[i] === k ? 1 : 0);
        for (let j = 0; j < FEATURES; j++) grad[k][j] += (g * x[j]) / xs.length;
        grad[k][FEATURES] += g / xs.length;
      }
    });
    for (let k = 0; k < K; k++) for (let j = 0; j <= FEATURES; j++) w[k][j] -= opts.rate * (grad[k][j] + (j < FEATURES ? opts.l2 * w[k][j] : 0));
  }
  return {
    labels,
    predict(x) {
      const s = scores(z(x));
      return labels[s.indexOf(Math.max(...s))];
    },
  };
}
