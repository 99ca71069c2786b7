/**
 * Shortcuts heard while nothing on the page has focus: clicking Play, Stop or a track's Remove
 * leaves focus on the page itself (the button is disabled or gone), and a musician's next key is
 * Space to stop or Ctrl+Z to take the removal back. Likewise after a mouse click on a button or
 * checkbox (Metronome, then Space to play, must not untick it). Only transport, history and the
 * sheet: note edits and arrows stay with the focused piano roll.
 */
import { keyAction, type KeyAction, type KeyInput } from "@/app/_components/piano-roll/keyboard";

const PAGE_KINDS: ReadonlySet<KeyAction["kind"]> = new Set(["play-toggle", "undo", "redo", "shortcuts"]);
const HISTORY_KINDS: ReadonlySet<KeyAction["kind"]> = new Set(["undo", "redo"]);

/**
 * Which of the page's shortcuts a key may run, given what has focus: all of them, only undo and redo (a control
 * with no undo of its own: Ctrl+Z after picking a key signature from its list takes that change back), or none
 * (text keeps its own undo; the roll runs its keys itself).
 */
export type PageKeys = "all" | "history" | "none";

export function pageKeyAction(e: KeyInput, keys: PageKeys): KeyAction | null {
  if (keys === "none") return null;
  const action = keyAction(e);
  if (!action || !PAGE_KINDS.has(action.kind)) return null;
  return keys === "all" || HISTORY_KINDS.has(action.kind) ? action : null;
}

export interface FocusedElement {
  tagName: string;
  type?: string; // an input's type
  focusVisible: boolean; // reached from the keyboard (the browser's :focus-visible)
}

const CLICKABLE_INPUTS = new Set(["checkbox", "radio", "range", "button", "submit"]);

/**
 * What the page's shortcuts may take from what has focus: everything from nothing (the body), or from a button,
 * checkbox or slider that a mouse click left focused; from one reached from the keyboard (Space is its own) or a
 * list, undo and redo only; from text fields and the roll, nothing.
 */
export function pageKeysFor(el: FocusedElement | null): PageKeys {
  if (!el || el.tagName === "BODY" || el.tagName === "HTML") return "all";
  const clickable = el.tagName === "BUTTON" || (el.tagName === "INPUT" && CLICKABLE_INPUTS.has(el.type ?? ""));
  if (clickable) return el.focusVisible ? "history" : "all";
  return el.tagName === "SELECT" ? "history" : "none";
}
