/** The bench's tables (Markdown, so they paste into bench/README.md as printed). */
import type { EditRunResult } from "./edit-session";
import type { LoadRunResult } from "./load-run";

export const TARGET_P99_RATIO = 1.5;

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? "n/a" : v < 10 ? v.toFixed(1) : v.toFixed(0));
const orNa = (v: number | null) => (v === null ? "n/a" : String(v));
const row = (cells: (string | number)[]) => `| ${cells.join(" | ")} |`;

export function editTable(results: EditRunResult[]): string {
  const head = [
    "collaborators",
    "server",
    "edits/s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "missing at observers",
    "lost: server doc",
    "lost: database",
    "edits without ledger row",
    "server CPU % / ms per edit",
    "server loop delay p99 ms",
    "server RSS MB: idle / peak",
    "generator CPU % / loop p99 ms",
    "reconnects",
  ];
  const lines = [row(head), row(head.map(() => "---"))];
  for (const r of results) {
    lines.push(
      row([
        r.collaborators,
        r.kind,
        r.editsPerSecond.toFixed(0),
        ms(r.p50Ms),
        ms(r.p99Ms),
        ms(r.maxMs),
        r.missingAtObservers,
        r.lostInServerDoc,
        orNa(r.lostInDatabase),
        orNa(r.unattributed),
        `${r.server.cpuPercent.toFixed(0)} / ${r.server.cpuMsPerEdit.toFixed(2)}`,
        ms(r.server.loopDelayP99Ms),
        `${r.server.rssIdleMb.toFixed(0)} / ${r.server.rssPeakMb.toFixed(0)}`,
        `${r.generator.cpuPercent.toFixed(0)} / ${ms(r.generator.loopDelayP99Ms)}`,
        r.reconnects,
      ]),
    );
  }
  return lines.join("\n");
}

export interface Verdict {
  collaborators: number;
  ratio: number;
  lost: number;
  pass: boolean;
}

/** Tandem p99 / stock p99 per collaborator count, and whether Tandem lost anything. */
export function verdicts(results: EditRunResult[]): Verdict[] {
  const counts = [...new Set(results.map((r) => r.collaborators))];
  return counts.flatMap((n) => {
    const stock = results.find((r) => r.kind === "stock" && r.collaborators === n);
    const tandem = results.find((r) => r.kind === "tandem" && r.collaborators === n);
    if (!stock || !tandem) return [];
    const ratio = tandem.p99Ms / stock.p99Ms;
    const lost = tandem.missingAtObservers + tandem.lostInServerDoc + (tandem.lostInDatabase ?? 0) + (tandem.unattributed ?? 0);
    return [{ collaborators: n, ratio, lost, pass: ratio <= TARGET_P99_RATIO && lost === 0 }];
  });
}

export function verdictTable(vs: Verdict[]): string {
  const head = ["collaborators", "Tandem p99 / stock p99", `target`, "Tandem lost edits", "verdict"];
  return [
    row(head),
    row(head.map(() => "---")),
    ...vs.map((v) => row([v.collaborators, `${v.ratio.toFixed(2)}x`, `<= ${TARGET_P99_RATIO}x, 0 lost`, v.lost, v.pass ? "meets" : "misses"])),
  ].join("\n");
}

export function loadTable(results: LoadRunResult[]): string {
  const head = ["server", "notes", "first sync, piece open (median ms)", "first sync, piece loaded from database (median ms)"];
  return [row(head), row(head.map(() => "---")), ...results.map((r) => row([r.kind, r.notes, ms(r.warmMs), ms(r.coldMs)]))].join("\n");
}
