"use client";
/** Who wrote how much of the piece: from the server's ledger, else counted from provenance here. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { MODEL_COLOUR, colourForId } from "@/lib/authorship/author-colours";
import { authorTag } from "@/lib/authorship/author-labels";
import { rowsFromShares, type Shares } from "@/lib/authorship/shares";
import { useTRPC } from "@/app/_trpc/client";

export interface SharesPanelProps {
  pieceId: string;
  docVersion: number;
  /** The doc has synced: the server's tally (a pass over the piece's ledger) is asked for only then, so it never delays the sync. */
  synced: boolean;
  /** The shares counted from the doc's provenance, shown until (or unless) the server's arrive. */
  fallback(): Shares;
  /** Each person's label on their notes (authorLabels), shown as the key to the roll's letters. */
  people: ReadonlyMap<string, string>;
}

const REFRESH_DEBOUNCE_MS = 800;

export function SharesPanel({ pieceId, docVersion, synced, fallback, people }: SharesPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const shares = useQuery({ ...trpc.authorship.shares.queryOptions({ pieceId }), enabled: synced });

  // The doc changed: ask again once the edits settle (the server attributes them as they arrive).
  useEffect(() => {
    const queryKey = trpc.authorship.shares.queryKey({ pieceId });
    const t = setTimeout(() => void queryClient.invalidateQueries({ queryKey }), REFRESH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [docVersion, pieceId, queryClient, trpc]);

  const rows = rowsFromShares(shares.data ?? fallback());
  return (
    <section aria-labelledby="shares-heading">
      <h2 id="shares-heading">Shares</h2>
      {shares.error && <p className="status">Counting locally: the server's tally is unavailable.</p>}
      {rows.length === 0 && <p className="status">No notes yet.</p>}
      <ul className="shares" data-testid="shares" aria-label="Share of notes by author">
        {rows.map((r) => {
          const colour = r.kind === "model" ? MODEL_COLOUR : colourForId(r.id);
          const pct = Math.round(r.share * 100);
          return (
            <li key={`${r.kind}:${r.id}`}>
              <span className={`swatch${r.kind === "model" ? " hatched" : ""}`} style={{ backgroundColor: colour }} aria-hidden />
              <span>
                <span className="author-tag" title="The label on their notes with Colour by author">
                  {authorTag(r.kind, r.id, r.name, people)}
                </span>{" "}
                {r.name}
                {r.kind === "model" && <span className="status"> (model)</span>}
              </span>
              <span className="status">
                {r.notes} · {pct}%
              </span>
              <span className="share-bar" aria-hidden>
                <span style={{ width: `${pct}%`, background: colour }} />
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
