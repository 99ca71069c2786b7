/** Figures as the report shows them: beats rather than ticks, whole percentages, 1-based bars (colours: lib/authorship/author-colours.ts). */
import { TICKS_PER_BEAT } from "@/lib/time";
import { plural } from "@/lib/plural";

export const beats = (ticks: number): string => {
  const b = ticks / TICKS_PER_BEAT;
  return `${Number.isInteger(b) ? b : b.toFixed(1)} ${plural(b, "beat")}`;
};

export const percent = (fraction: number | null): string => (fraction === null ? "–" : `${Math.round(fraction * 100)}%`);

/** Bars are 0-based in the data and 1-based for people. */
export const barRange = (bars: readonly number[]): string => {
  if (bars.length === 0) return "none";
  const runs: string[] = [];
  let start = bars[0];
  let prev = bars[0];
  for (const b of [...bars.slice(1), Number.NaN]) {
    if (b === prev + 1) {
      prev = b;
      continue;
    }
    runs.push(start === prev ? `${start + 1}` : `${start + 1}–${prev + 1}`);
    start = prev = b;
  }
  return runs.join(", ");
};
