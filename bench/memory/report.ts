/** bench:memory's tables: every server's readings, ratios against the baselines, and the issue's targets. */
import type { MemoryRun } from "./run";

/** Idle RSS of the embedded default must stay under this, and come back within RETURN_RATIO of it once idle again. */
export const IDLE_TARGET_MB = 400;
export const RETURN_RATIO = 1.1;

const mb = (v: number | undefined) => (v === undefined ? "" : v.toFixed(0));
const ratio = (a?: number, b?: number) => (a === undefined || b === undefined ? "" : `${(a / b).toFixed(2)}x`);
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map((_, i) => (i === 0 ? "---" : "--:"))), ...rows.map(row)];

export function memoryTable(runs: MemoryRun[]): string {
  const head = ["server", "idle", "peak, pieces", "after pieces", "peak, generations", "after generations", "idle again", "idle again / idle"];
  const lines = table(
    head,
    runs.map((r) => [r.name, mb(r.idleMb), mb(r.piecesPeakMb), mb(r.afterPiecesMb), mb(r.generationsPeakMb), mb(r.afterGenerationsMb), mb(r.idleAgainMb), ratio(r.idleAgainMb, r.idleMb)]),
  );
  const [subject, ...baselines] = runs;
  if (!subject) return lines.join("\n");
  const against = baselines.map((b) => [
    `${subject.name} / ${b.name}`,
    ratio(subject.idleMb, b.idleMb),
    ratio(subject.afterPiecesMb, b.afterPiecesMb),
    ratio(subject.afterGenerationsMb, b.afterGenerationsMb),
    ratio(subject.idleAgainMb, b.idleAgainMb),
  ]);
  lines.push("", ...table(["ratio", "idle", "after pieces", "after generations", "idle again"], against));
  const took = runs.filter((r) => r.generationSeconds !== undefined);
  if (took.length > 0) lines.push("", `Generations took: ${took.map((r) => `${r.name} ${r.generationSeconds!.toFixed(0)} s (${r.failedGenerations} failed)`).join("; ")}.`);
  return lines.join("\n");
}

export function verdictTable(runs: MemoryRun[]): string {
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  const rows: string[][] = [];
  const [subject] = runs;
  if (subject) rows.push([`${subject.name}: idle under ${IDLE_TARGET_MB} MB`, `${mb(subject.idleMb)} MB`, verdict(subject.idleMb < IDLE_TARGET_MB)]);
  for (const r of runs) {
    if (r.idleAgainMb === undefined) continue;
    const back = r.idleAgainMb / r.idleMb;
    rows.push([`${r.name}: idle again within 10% of idle`, `${back.toFixed(2)}x`, verdict(back <= RETURN_RATIO)]);
  }
  return table(["target", "value", "verdict"], rows).join("\n");
}
