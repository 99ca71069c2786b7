/**
 * Shortcuts heard while nothing on the page has focus: clicking Play, Stop or a track's Remove
 * leaves focus on the page itself (the button is disabled or gone), and a musician's next key is
 * Space to stop or Ctrl+Z to take the removal back. Only transport, history and the sheet: note
 * edits and arrows stay with the focused piano roll.
 */
import { keyAction, type KeyAction, type KeyInput } from "@/app/_components/piano-roll/keyboard";

const PAGE_KINDS: ReadonlySet<KeyAction["kind"]> = new Set(["play-toggle", "undo", "redo", "shortcuts"]);

export function pageKeyAction(e: KeyInput, focusOnPage: boolean): KeyAction | null {
  if (!focusOnPage) return null;
  const action = keyAction(e);
  return action && PAGE_KINDS.has(action.kind) ? action : null;
}
