"use client";
/** One thread of the comments panel: the comment (its bars pick it on the roll), its replies, Reply and Resolve. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type Ref } from "react";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { TEXT_LIMITS } from "@/lib/text-limits";
import { barsOf, describeBars } from "./comment-filter";
import type { Thread } from "./comment-threads";

export type Comment = RouterOutputs["comments"]["list"][number];

export interface CommentThreadProps {
  pieceId: string;
  thread: Thread<Comment>;
  canComment: boolean;
  selected: boolean;
  /** Set on the selected thread's button, to bring it into view. */
  buttonRef?: Ref<HTMLButtonElement>;
  onSelect(): void;
}

/** Who wrote it, and "New" when it is new to the reader. */
function Byline({ c }: { c: Comment }) {
  return (
    <>
      <span className="status">{c.authorName}</span>
      {c.isNew && <span className="badge badge-new">New</span>}
    </>
  );
}

export function CommentThread({ pieceId, thread, canComment, selected, buttonRef, onSelect }: CommentThreadProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey({ pieceId }) });
  const resolve = useMutation(trpc.comments.resolve.mutationOptions({ onSuccess: refresh }));
  const reply = useMutation(trpc.comments.reply.mutationOptions({ onSuccess: refresh }));
  const [draft, setDraft] = useState<string | null>(null); // null: no reply box open
  const { root: c, replies } = thread;
  const open = c.resolvedAt === null;
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    if (draft !== null) reply.mutate({ pieceId, commentId: c.id, body: draft }, { onSuccess: () => setDraft(null) });
  };

  return (
    <li className={[open ? "" : "resolved", selected ? "selected" : ""].join(" ").trim() || undefined} aria-current={selected ? "true" : undefined} data-testid="comment">
      <button type="button" className="link" ref={buttonRef} onClick={onSelect}>
        {c.noteId ? "Note in " : ""}
        {describeBars(barsOf(c))}
      </button>{" "}
      <Byline c={c} />
      <p className="comment-body">{c.body}</p>
      {replies.length > 0 && (
        <ul className="comment-replies" aria-label={`Replies to ${c.authorName}`}>
          {replies.map((r) => (
            <li key={r.id} data-testid="comment-reply">
              <Byline c={r} />
              <p className="comment-body">{r.body}</p>
            </li>
          ))}
        </ul>
      )}
      {!open && <span className="status">Resolved by {c.resolvedByName}</span>}
      {open && canComment && draft !== null && (
        <form className="stack" onSubmit={send}>
          <textarea value={draft} onChange={(e) => setDraft(e.target.value)} aria-label={`Reply to ${c.authorName}`} rows={2} maxLength={TEXT_LIMITS.comment} autoFocus />
          <div className="row">
            <button type="submit" disabled={reply.isPending || draft.trim() === ""}>
              Send reply
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
          <ErrorAlert error={reply.error} />
        </form>
      )}
      {open && canComment && draft === null && (
        <div className="row">
          <button type="button" onClick={() => setDraft("")}>
            Reply
          </button>
          <button type="button" onClick={() => resolve.mutate({ pieceId, commentId: c.id })} disabled={resolve.isPending}>
            Resolve
          </button>
        </div>
      )}
      <ErrorAlert error={resolve.error} />
    </li>
  );
}
