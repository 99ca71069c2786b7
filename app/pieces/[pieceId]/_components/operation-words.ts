/** What an undo-by-author operation did, in a sentence: the panel and the undo history say it the same way. */
import { countOf } from "@/lib/plural";

export interface OperationDone {
  label: string;
  applied: number;
  skipped: readonly unknown[];
}

export const operationSummary = (r: OperationDone): string =>
  `${r.label}: ${countOf(r.applied, "note")} changed${r.skipped.length ? `, ${r.skipped.length} left alone (changed by someone since)` : ""}.`;
