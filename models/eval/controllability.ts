/**
 * Controllability, as MMM and MusIAC measure it: for each control, over held-out regions, the share of requests
 * whose achieved bucket equals the requested one (and is within one of it), and the rank correlation (Spearman) of
 * requested with achieved.
 */
import { correlation } from "../../lib/key";
export interface ControlTrial {
  requested: number;
  achieved: number;
}

export interface ControlScore {
  trials: number;
  exact: number;
  withinOne: number;
  spearman: number;
}

/** Average ranks (ties share the mean of their positions), 1-based. */
function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) out[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

export function spearman(a: readonly number[], b: readonly number[]): number {
  return a.length < 2 ? 0 : correlation(ranks(a), ranks(b));
}

export function scoreControl(trials: readonly ControlTrial[]): ControlScore {
  const n = trials.length;
  const share = (ok: (t: ControlTrial) => boolean) => (n === 0 ? 0 : trials.filter(ok).length / n);
  return {
    trials: n,
    exact: share((t) => t.achieved === t.requested),
    withinOne: share((t) => Math.abs(t.achieved - t.requested) <= 1),
    spearman: spearman(
      trials.map((t) => t.requested),
      trials.map((t) => t.achieved),
    ),
  };
}
