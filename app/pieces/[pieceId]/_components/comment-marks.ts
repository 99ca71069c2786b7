/** Open review comments as marks on the piano roll's bar ruler, in their author's colour with their name. */
import { colourForId } from "@/lib/authorship/author-colours";
import type { RulerMark } from "@/app/_components/piano-roll/ruler-marks";

export interface MarkedComment {
  id: string;
  authorId: string;
  authorName: string;
  startBar: number;
  endBar: number;
  resolvedAt: unknown; // null while open
}

export function commentMarks(comments: readonly MarkedComment[]): RulerMark[] {
  return comments
    .filter((c) => c.resolvedAt === null)
    .map((c) => ({ id: c.id, startBar: c.startBar, endBar: c.endBar, label: c.authorName, colour: colourForId(c.authorId) }));
}
