"use client";
/**
 * Review comments: anchored to bars or a note; reviewers and editors write and resolve them, everyone
 * reads. A bar filter narrows the list to the comments on some bars; picking a mark on the ruler while
 * it is on moves it to that comment's bars.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { TEXT_LIMITS } from "@/lib/text-limits";
import { CommentBarFilter } from "./comment-bar-filter";
import { barsOf, commentsInBars, describeBars, type BarRange } from "./comment-filter";
import { useComments } from "./use-comments";

export interface CommentsPanelProps {
  pieceId: string;
  canComment: boolean;
  /** 0-based bar the editor is at (the default anchor). */
  currentBar: number;
  selectedNoteId: string | null;
  /** The comment picked here or on the roll's ruler (its bars are shown on the roll). */
  selectedId: string | null;
  onSelect(commentId: string): void;
}

export function CommentsPanel({ pieceId, canComment, currentBar, selectedNoteId, selectedId, onSelect }: CommentsPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useComments(pieceId);
  const selectedRef = useRef<HTMLButtonElement>(null);
  const [bars, setBars] = useState<BarRange | null>(null);
  // A comment picked on the ruler that the bar filter hides: the filter moves to its bars (once, when it is picked).
  const [seenSelected, setSeenSelected] = useState(selectedId);
  if (selectedId !== seenSelected) {
    setSeenSelected(selectedId);
    const picked = list.data?.find((c) => c.id === selectedId);
    if (picked && bars && commentsInBars([picked], bars).length === 0) setBars(barsOf(picked));
  }
  // Picked on the ruler: bring it into view. Focus stays on the roll, where the person is working.
  useEffect(() => selectedRef.current?.scrollIntoView({ block: "nearest" }), [selectedId]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey({ pieceId }) });
  const add = useMutation(trpc.comments.add.mutationOptions({ onSuccess: refresh }));
  const resolve = useMutation(trpc.comments.resolve.mutationOptions({ onSuccess: refresh }));
  const [body, setBody] = useState("");
  const [onNote, setOnNote] = useState(false);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const fromBar = from ?? currentBar + 1;
  const toBar = Math.max(fromBar, to ?? fromBar);

  const all = list.data ?? [];
  const comments = commentsInBars(all, bars).sort((a, b) => Number(a.resolvedAt !== null) - Number(b.resolvedAt !== null));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const anchor = onNote && selectedNoteId ? { noteId: selectedNoteId, startBar: 0, endBar: 1 } : { startBar: fromBar - 1, endBar: toBar };
    add.mutate({ pieceId, body, ...anchor }, { onSuccess: () => setBody("") });
  };

  return (
    <section aria-labelledby="comments-heading" data-testid="comments-panel">
      <h2 id="comments-heading">Comments</h2>
      {list.error && <p className="alert">{errorMessage(list.error)}</p>}
      {all.length > 0 && <CommentBarFilter range={bars} defaultRange={{ from: currentBar + 1, to: currentBar + 1 }} onChange={setBars} />}
      {bars && all.length > 0 && (
        <p className="status" data-testid="comments-shown">
          {comments.length === 0 ? `No comments on ${describeBars(bars)}` : `Showing ${comments.length} of ${all.length} comments`}
        </p>
      )}
      {all.length === 0 && <p className="status">No comments yet.</p>}
      <ul className="comments" aria-label="Comments">
        {comments.map((c) => (
          <li
            key={c.id}
            className={[c.resolvedAt ? "resolved" : "", c.id === selectedId ? "selected" : ""].join(" ").trim() || undefined}
            aria-current={c.id === selectedId ? "true" : undefined}
            data-testid="comment"
          >
            <button type="button" className="link" ref={c.id === selectedId ? selectedRef : undefined} onClick={() => onSelect(c.id)}>
              {c.noteId ? "Note in " : ""}
              {describeBars(barsOf(c))}
            </button>{" "}
            <span className="status">{c.authorName}</span>
            <p className="comment-body">{c.body}</p>
            {c.resolvedAt ? (
              <span className="status">Resolved by {c.resolvedByName}</span>
            ) : (
              canComment && (
                <button type="button" onClick={() => resolve.mutate({ pieceId, commentId: c.id })} disabled={resolve.isPending}>
                  Resolve
                </button>
              )
            )}
          </li>
        ))}
      </ul>
      {resolve.error && <p className="alert">{errorMessage(resolve.error)}</p>}
      {canComment && (
        <form className="stack" onSubmit={submit}>
          <textarea value={body} onChange={(e) => setBody(e.target.value)} aria-label="Comment" rows={2} maxLength={TEXT_LIMITS.comment} placeholder="Leave a comment…" />
          <div className="row">
            <label>
              <input type="checkbox" checked={onNote} disabled={!selectedNoteId} onChange={(e) => setOnNote(e.target.checked)} /> on the selected note
            </label>
            {!(onNote && selectedNoteId) && (
              <>
                <label>
                  bar <input type="number" min={1} value={fromBar} onChange={(e) => setFrom(Number(e.target.value))} aria-label="Comment from bar" style={{ width: 56 }} />
                </label>
                <label>
                  to <input type="number" min={fromBar} value={toBar} onChange={(e) => setTo(Number(e.target.value))} aria-label="Comment to bar" style={{ width: 56 }} />
                </label>
              </>
            )}
          </div>
          <button type="submit" disabled={add.isPending || body.trim() === ""}>
            Add comment
          </button>
          {add.error && <p className="alert">{errorMessage(add.error)}</p>}
        </form>
      )}
    </section>
  );
}
