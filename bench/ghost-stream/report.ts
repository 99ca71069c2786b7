/** The table bench/ghost-stream.ts prints: each page while generations stream, against the same page idle. */
import { percentile } from "../piano-roll/report";
import type { PhaseFigures } from "./probe";

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : "n/a");
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const max = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : 0);
/** Streaming's figure as a multiple of idle's (a floor of 1 ms keeps a quiet idle page from dividing by nothing). */
const times = (a: number, b: number) => `${(a / Math.max(1, b)).toFixed(1)}x`;

export function phaseTable(idle: readonly PhaseFigures[], streaming: readonly PhaseFigures[]): string {
  const lines = [
    "| page | phase | clicks | click to paint p50 / p95 / max | long tasks (ms a second) | longest task | loop delay p95 / max | received | server answer p95 / max |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|",
  ];
  const row = (page: number, phase: string, f: PhaseFigures) =>
    `| ${page} | ${phase} | ${f.clicks.length} | ${ms(percentile(f.clicks, 50))} / ${ms(percentile(f.clicks, 95))} / ${ms(max(f.clicks))} | ${ms(sum(f.longTasks) / f.seconds)} | ${ms(max(f.longTasks))} | ${ms(percentile(f.loopLag, 95))} / ${ms(max(f.loopLag))} | ${(f.wsBytes / 1e6).toFixed(2)} MB in ${f.seconds.toFixed(0)} s | ${ms(percentile(f.serverMs, 95))} / ${ms(max(f.serverMs))} |`;
  idle.forEach((f, i) => {
    const s = streaming[i];
    lines.push(row(i + 1, "no generation (baseline)", f), row(i + 1, "generations streaming", s));
    lines.push(
      `| ${i + 1} | streaming / baseline | | ${times(percentile(s.clicks, 50), percentile(f.clicks, 50))} / ${times(percentile(s.clicks, 95), percentile(f.clicks, 95))} / ${times(max(s.clicks), max(f.clicks))} | ${times(sum(s.longTasks) / s.seconds, sum(f.longTasks) / f.seconds)} | | ${times(percentile(s.loopLag, 95), percentile(f.loopLag, 95))} / ${times(max(s.loopLag), max(f.loopLag))} | | ${times(percentile(s.serverMs, 95), percentile(f.serverMs, 95))} / ${times(max(s.serverMs), max(f.serverMs))} |`,
    );
  });
  return lines.join("\n");
}
