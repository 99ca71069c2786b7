"use client";
/**
 * Review comments: anchored to bars or a note, each a thread of replies; reviewers and editors write, reply and
 * resolve, everyone reads. What is new to the reader is marked, and counted by the heading until they mark it read.
 * A bar filter narrows the list to the threads on some bars; picking a mark on the ruler while it is on moves it to
 * that thread's bars.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { countOf } from "@/lib/plural";
import { TEXT_LIMITS } from "@/lib/text-limits";
import { BarRangeInputs } from "./bar-range-inputs";
import { CommentBarFilter } from "./comment-bar-filter";
import { barsOf, describeBars, touchesBars, type BarRange } from "./comment-filter";
import { CommentThread } from "./comment-thread";
import { newestCommentId, threadsOf } from "./comment-threads";
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
    if (picked && !touchesBars(picked, bars)) setBars(barsOf(picked));
  }
  // Picked on the ruler: bring it into view. Focus stays on the roll, where the person is working.
  useEffect(() => selectedRef.current?.scrollIntoView({ block: "nearest" }), [selectedId]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey({ pieceId }) });
  const add = useMutation(trpc.comments.add.mutationOptions({ onSuccess: refresh }));
  const markSeen = useMutation(trpc.comments.markSeen.mutationOptions({ onSuccess: refresh }));
  const [body, setBody] = useState("");
  const [onNote, setOnNote] = useState(false);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const fromBar = from ?? currentBar + 1;
  const toBar = Math.max(fromBar, to ?? fromBar);

  const all = threadsOf(list.data ?? []);
  const fresh = all.reduce((n, t) => n + t.newCount, 0);
  const threads = all
    .filter((t) => touchesBars(t.root, bars))
    .sort((a, b) => Number(a.root.resolvedAt !== null) - Number(b.root.resolvedAt !== null));
  const readAll = () => {
    const newest = newestCommentId(list.data ?? []);
    if (newest) markSeen.mutate({ pieceId, commentId: newest });
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const anchor = onNote && selectedNoteId ? { noteId: selectedNoteId, startBar: 0, endBar: 1 } : { startBar: fromBar - 1, endBar: toBar };
    add.mutate({ pieceId, body, ...anchor }, { onSuccess: () => setBody("") });
  };

  return (
    <section aria-labelledby="comments-heading" data-testid="comments-panel">
      <h2 id="comments-heading">
        Comments{" "}
        {fresh > 0 && (
          <span className="badge badge-new" data-testid="comments-new">
            {fresh} new
          </span>
        )}
      </h2>
      {fresh > 0 && (
        <button type="button" onClick={readAll} disabled={markSeen.isPending}>
          Mark all read
        </button>
      )}
      <ErrorAlert error={markSeen.error} />
      <ErrorAlert error={list.error} />
      {all.length > 0 && <CommentBarFilter range={bars} defaultRange={{ from: currentBar + 1, to: currentBar + 1 }} onChange={setBars} />}
      {bars && all.length > 0 && (
        <p className="status" data-testid="comments-shown">
          {threads.length === 0 ? `No comments on ${describeBars(bars)}` : `Showing ${threads.length} of ${countOf(all.length, "comment")}`}
        </p>
      )}
      {all.length === 0 && <p className="status">No comments yet.</p>}
      <ul className="comments" aria-label="Comments">
        {threads.map((t) => (
          <CommentThread
            key={t.root.id}
            pieceId={pieceId}
            thread={t}
            canComment={canComment}
            selected={t.root.id === selectedId}
            buttonRef={t.root.id === selectedId ? selectedRef : undefined}
            onSelect={() => onSelect(t.root.id)}
          />
        ))}
      </ul>
      {canComment && (
        <form className="stack" onSubmit={submit}>
          <textarea value={body} onChange={(e) => setBody(e.target.value)} aria-label="Comment" rows={2} maxLength={TEXT_LIMITS.comment} placeholder="Leave a comment…" />
          <div className="row">
            <label>
              <input type="checkbox" checked={onNote} disabled={!selectedNoteId} onChange={(e) => setOnNote(e.target.checked)} /> on the selected note
            </label>
            {!(onNote && selectedNoteId) && (
              <BarRangeInputs lead="bar" from={fromBar} to={toBar} onFrom={setFrom} onTo={setTo} fromLabel="Comment from bar" toLabel="Comment to bar" />
            )}
          </div>
          <button type="submit" disabled={add.isPending || body.trim() === ""}>
            Add comment
          </button>
          <ErrorAlert error={add.error} />
        </form>
      )}
    </section>
  );
}
