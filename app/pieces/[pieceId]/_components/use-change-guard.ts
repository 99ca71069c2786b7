"use client";
/** Asks before an action removes or changes other people's notes (change-question.ts); your own notes go at once. */
import type { ReactNode } from "react";
import type { GenerationView } from "@/lib/doc-schema";
import type { PeopleNames } from "@/lib/authorship/people-names";
import { replacedByAccept } from "@/lib/accept-match";
import { countOf } from "@/lib/plural";
import { useConfirm } from "@/app/_components/confirm-dialog";
import { changeQuestion, removalQuestion, type PlannedChange } from "./change-question";
import type { PieceSnapshot } from "./use-piece-doc";

export interface ChangeGuard {
  /** Runs `remove` at once when the notes are all the person's own, else once they confirm. `action`: what is removed, when more than notes. */
  confirmRemoval(noteIds: Iterable<string>, remove: () => void, action?: { title: string; confirm: string }): void;
  /** Whether to go ahead with an operation's planned changes: true at once when they touch only the person's own notes. */
  confirmChanges(title: string, confirm: string, planned: readonly PlannedChange[]): Promise<boolean>;
  /** Whether to accept a candidate: asked when it would replace other people's notes in its region. */
  confirmAccept(g: GenerationView, candidateIndex: number): Promise<boolean>;
  /** The question, while one waits: render it once. */
  dialog: ReactNode;
}

export function useChangeGuard(me: string, piece: Pick<PieceSnapshot, "notes" | "provenance" | "meta">, names: PeopleNames): ChangeGuard {
  const { ask, dialog } = useConfirm();
  const asker = { me, provenance: piece.provenance, names };
  const confirmChanges = async (title: string, confirm: string, planned: readonly PlannedChange[]) => {
    const q = changeQuestion(title, confirm, planned, asker);
    return q ? ask(q) : true;
  };
  return {
    confirmRemoval(noteIds, remove, action) {
      const q = removalQuestion([...noteIds], asker, action);
      if (!q) return remove();
      void ask(q).then((yes) => yes && remove());
    },
    confirmChanges,
    confirmAccept(g, candidateIndex) {
      const replaced = replacedByAccept(g.candidates[candidateIndex] ?? [], piece.notes, g.region, piece.meta);
      const n = countOf(replaced.length, "note");
      const planned = replaced.map((noteId): PlannedChange => ({ noteId, change: "remove" }));
      return confirmChanges(`Accept this candidate in place of ${n}?`, `Accept and replace ${n}`, planned);
    },
    dialog,
  };
}
