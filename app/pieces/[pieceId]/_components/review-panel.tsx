"use client";
/** Review mode: filter the roll by author, replay the piece's history, and (for editors) undo by author. */
import { modelOfKey } from "@/lib/authorship/author-key";
import type { Review } from "./use-review";
import { ReviewUndo } from "./review-undo";
import type { PersonalHistory } from "@/app/_components/piano-roll/history";
import type { ChangeGuard } from "./use-change-guard";
import { ErrorAlert } from "@/app/_components/error-alert";
import { countOf } from "@/lib/plural";

export interface ReviewPanelProps {
  pieceId: string;
  review: Review;
  canEdit: boolean;
  history: PersonalHistory | null;
  confirmChanges: ChangeGuard["confirmChanges"];
}

export function ReviewPanel({ pieceId, review, canEdit, history, confirmChanges }: ReviewPanelProps) {
  const { changes, index } = review;
  const current = index >= 0 ? changes[index] : null;
  return (
    <section aria-labelledby="review-heading" data-testid="review-panel">
      <h2 id="review-heading">Review</h2>
      <label className="field">
        <span>Show notes by</span>
        <select value={review.filter} onChange={(e) => review.setFilter(e.target.value)} data-testid="author-filter">
          <option value="all">Everyone</option>
          {review.authors.map((a) => (
            <option key={a.key} value={a.key}>
              {a.name}
              {modelOfKey(a.key) !== null ? " (model)" : ""}
            </option>
          ))}
        </select>
      </label>
      <p className="status" data-testid="review-shown">
        Showing {review.notes.length} of {countOf(review.total, "note")}
      </p>
      <label className="row">
        <input type="checkbox" checked={review.replaying} onChange={(e) => review.setReplaying(e.target.checked)} data-testid="replay-toggle" />
        <span>Replay the history</span>
      </label>
      {review.replaying && (
        <div className="stack">
          {review.loading && <p className="status">Loading the history…</p>}
          <ErrorAlert error={review.error} />
          {!review.loading && changes.length === 0 && <p className="status">Nothing has happened yet.</p>}
          {changes.length > 0 && (
            <>
              <input
                type="range"
                min={-1}
                max={changes.length - 1}
                value={index}
                onChange={(e) => review.setPosition(Number(e.target.value))}
                aria-label="Replay position"
                aria-valuetext={current ? `Change ${index + 1} of ${changes.length}` : "Before anything was written"}
                data-testid="replay-scrubber"
              />
              <p className="status" role="status" data-testid="replay-position">
                {current ? `Change ${index + 1} of ${changes.length} · ${current.at.toLocaleString()} · by ${current.by}` : "Before anything was written"}
              </p>
              <p className="status">The roll shows the piece at this moment, coloured by who wrote each note; it is read-only while replaying.</p>
            </>
          )}
        </div>
      )}
      {canEdit && <ReviewUndo pieceId={pieceId} authors={review.authors} history={history} confirmChanges={confirmChanges} />}
    </section>
  );
}
