/** The comments panel's threads: each comment with its replies (one level deep, as the server keeps them). */

export interface ThreadComment {
  id: string;
  parentId: string | null;
  isNew: boolean;
}

export interface Thread<C extends ThreadComment> {
  root: C;
  replies: C[];
  /** The comments of the thread, itself included, that are new to the reader. */
  newCount: number;
}

/** The threads of a list ordered oldest first: threads in the order they were started, replies in the order written. */
export function threadsOf<C extends ThreadComment>(comments: readonly C[]): Thread<C>[] {
  const start = (c: C): Thread<C> => ({ root: c, replies: [], newCount: Number(c.isNew) });
  const threads = new Map(comments.filter((c) => c.parentId === null).map((c) => [c.id, start(c)]));
  for (const c of comments) {
    if (c.parentId === null) continue;
    const thread = threads.get(c.parentId);
    // A reply whose comment is not in the list still shows, as a thread of its own.
    if (!thread) threads.set(c.id, start(c));
    else {
      thread.replies.push(c);
      thread.newCount += Number(c.isNew);
    }
  }
  return [...threads.values()];
}

/** The comment a reader has read up to once they have seen the whole list (oldest first): its last. */
export const newestCommentId = (comments: readonly { id: string }[]): string | null => comments.at(-1)?.id ?? null;
