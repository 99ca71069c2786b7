/** Who did what and when: runs of ledger rows by one actor doing one thing, plus the model requests. */
import { barOfTick, type Meter } from "../../lib/time";
import { humanKey, modelKey } from "../../lib/authorship/author-key";
import type { ReportGeneration, ReportLedgerRow, TimelineEvent, TimelineKind } from "../../lib/authorship/report-types";
import { jamAnswerTo } from "./jam-words";
import { originOfRow } from "./note-origins";

/** Rows further apart than this start a new event even when the same person keeps doing the same thing. */
export const TIMELINE_GAP_MS = 60_000;

export function timelineOf(
  ledger: readonly ReportLedgerRow[],
  generations: ReadonlyMap<string, ReportGeneration>,
  meter: Meter,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const firstCreate = new Set<string>();
  let last: TimelineEvent | null = null;
  let lastGroup = "";
  for (const row of ledger) {
    const restored = row.action === "create" && firstCreate.has(row.noteId);
    if (row.action === "create") firstCreate.add(row.noteId);
    const jam = row.generationId ? generations.get(row.generationId) : undefined;
    const kind = kindOf(row, restored, jam?.mode === "jam");
    const isModel = row.authorKind === "model" && (kind === "accepted" || kind === "jammed" || kind === "restored");
    const model = isModel ? originOfRow(row, generations).name : null;
    const actor = model !== null ? modelKey(model) : humanKey(row.actorId);
    const style = jam?.adaptation ? `; ${jam.adaptation}` : ""; // `jam` is the row's generation, whatever its mode
    const by = kind === "jammed" ? jamAnswerTo(jam?.requestedByName ?? "a person") : `accepted by ${row.actorName}${style}`;
    const actorName = model !== null ? `${model} (${by})` : row.actorName;
    const group = [actor, row.actorId, kind, row.generationId, row.operationId].join("|");
    const note = row.after ?? row.before;
    const bar = note ? barOfTick(note.start, meter) : null;
    if (last && lastGroup === group && row.at.getTime() - last.at.getTime() <= TIMELINE_GAP_MS) {
      last.notes++;
      last.until = row.at;
      if (bar !== null) last.bars = last.bars ? [Math.min(last.bars[0], bar), Math.max(last.bars[1], bar)] : [bar, bar];
      continue;
    }
    lastGroup = group;
    last = { at: row.at, until: row.at, actor, actorName, kind, model, notes: 1, bars: bar === null ? null : [bar, bar], operationId: row.operationId };
    events.push(last);
  }
  for (const g of generations.values()) {
    if (g.mode === "jam") continue; // a kept take, not a request: its notes' events say "jam"
    events.push({
      at: g.createdAt,
      until: g.createdAt,
      actor: humanKey(g.requestedBy),
      actorName: g.requestedByName,
      kind: "requested",
      model: g.model,
      notes: 0,
      bars: null,
      operationId: null,
    });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function kindOf(row: ReportLedgerRow, restored: boolean, fromJam: boolean): TimelineKind {
  if (row.operationId) return "operation";
  if (row.action === "update") return "edited";
  if (row.action === "delete") return "deleted";
  if (restored) return "restored";
  if (fromJam) return "jammed";
  return row.authorKind === "model" ? "accepted" : "wrote";
}
