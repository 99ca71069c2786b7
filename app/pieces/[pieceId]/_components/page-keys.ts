/**
 * Shortcuts heard while nothing on the page has focus: clicking Play, Stop or a track's Remove
 * leaves focus on the page itself (the button is disabled or gone), and a musician's next key is
 * Space to stop or Ctrl+Z to take the removal back. Likewise after a mouse click on a button or
 * checkbox (Metronome, then Space to play, must not untick it). Only transport, history and the
 * sheet: note edits and arrows stay with the focused piano roll.
 */
import { keyAction, type KeyAction, type KeyInput } from "@/app/_components/piano-roll/keyboard";

const PAGE_KINDS: ReadonlySet<KeyAction["kind"]> = new Set(["play-toggle", "undo", "redo", "shortcuts"]);

export function pageKeyAction(e: KeyInput, focusOnPage: boolean): KeyAction | null {
  if (!focusOnPage) return null;
  const action = keyAction(e);
  return action && PAGE_KINDS.has(action.kind) ? action : null;
}

export interface FocusedElement {
  tagName: string;
  type?: string; // an input's type
  focusVisible: boolean; // reached from the keyboard (the browser's :focus-visible)
}

const CLICKABLE_INPUTS = new Set(["checkbox", "radio", "range", "button", "submit"]);

/**
 * Whether the page's shortcuts may take a key from what has focus: nothing (the body), or a button,
 * checkbox or slider that a mouse click left focused. From the keyboard, Space stays the control's own;
 * text fields and lists keep every key.
 */
export function pageMayTakeKeys(el: FocusedElement | null): boolean {
  if (!el || el.tagName === "BODY" || el.tagName === "HTML") return true;
  if (el.focusVisible) return false;
  return el.tagName === "BUTTON" || (el.tagName === "INPUT" && CLICKABLE_INPUTS.has(el.type ?? ""));
}
