/**
 * This person's presence, published from the editor store (the store is the selection's one home;
 * presence is only what others see of it): the notes selected, or the AI region when one was just
 * picked (whichever changed last; the notes again once the region is cleared), and the pointer's cell.
 */
import type { Presence } from "@/app/_collab/presence";
import type { EditorState } from "@/app/_components/piano-roll/editor-state";

export type PresencePatch = Partial<Pick<Presence, "selection" | "cursor">>;

/** The presence fields a change of the store alters; empty when others would see nothing new. */
export function presenceChanges(state: EditorState, previous: EditorState): PresencePatch {
  const patch: PresencePatch = {};
  if (state.selection !== previous.selection) patch.selection = { noteIds: [...state.selection] };
  const range = state.region.range;
  if (range && range !== previous.region.range) patch.selection = { region: range };
  // A cleared region must leave the others' rolls too: what stays selected is the notes.
  if (!range && previous.region.range) patch.selection = { noteIds: [...state.selection] };
  if (state.pointer !== previous.pointer) patch.cursor = state.pointer;
  return patch;
}
