/** The q-quantile (0..1) of ascending `sorted` values, nearest rank; NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: readonly number[]): number => percentile([...values].sort((a, b) => a - b), 0.5);
