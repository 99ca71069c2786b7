/**
 * The piece's history for the review mode's scrubber, reconstructed from the ledger's before/after rows:
 * every change in order with the note's value after it and the note's author, so the roll can show the
 * notes as they were at any moment, coloured (and filtered) by who wrote them (lib/authorship/replay-frames.ts).
 */
import { UNATTRIBUTED, type ContributorKey } from "../../lib/authorship/author-key";
import type { ReplayAuthor, ReplayChange, ReplayFrames } from "../../lib/authorship/replay-frames";
import type { ReportGeneration, ReportLedgerRow } from "../../lib/authorship/report-types";
import { noteOrigins } from "./note-origins";

export function replayFrames(ledger: readonly ReportLedgerRow[], generations: readonly ReportGeneration[]): ReplayFrames {
  const rows = [...ledger].sort((a, b) => a.seq - b.seq);
  const origins = noteOrigins(rows, new Map(generations.map((g) => [g.id, g])));
  const authors = new Map<ContributorKey, ReplayAuthor>();
  const changes = rows.map((r): ReplayChange => {
    const o = origins.get(r.noteId);
    const key = o?.key ?? UNATTRIBUTED;
    if (!authors.has(key)) authors.set(key, { key, kind: o?.kind ?? "human", name: o?.name ?? "Unattributed" });
    return { seq: r.seq, at: r.at, noteId: r.noteId, after: r.action === "delete" ? null : r.after, author: key, by: r.authorKind === "model" && o?.kind === "model" ? `${r.actorName}, accepting ${o.name}` : r.actorName };
  });
  return { authors: [...authors.values()], changes };
}
