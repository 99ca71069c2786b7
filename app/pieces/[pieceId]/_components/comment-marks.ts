/** Open review threads as marks on the piano roll's bar ruler, in their author's colour with their name (replies share their thread's mark). */
import { colourForId } from "@/lib/authorship/author-colours";
import type { RulerMark } from "@/app/_components/piano-roll/ruler-marks";
import type { RouterOutputs } from "@/app/_trpc/client";

/** What a mark shows of a comment as the piece's list has it (resolvedAt: null while open; parentId: null for a thread). */
export type MarkedComment = Pick<RouterOutputs["comments"]["list"][number], "id" | "authorId" | "authorName" | "startBar" | "endBar" | "resolvedAt" | "parentId">;

export function commentMarks(comments: readonly MarkedComment[]): RulerMark[] {
  return comments
    .filter((c) => c.resolvedAt === null && c.parentId === null)
    .map((c) => ({ id: c.id, startBar: c.startBar, endBar: c.endBar, label: c.authorName, colour: colourForId(c.authorId) }));
}
