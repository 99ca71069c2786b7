/**
 * Whether the roll must draw again: only when something a frame shows has changed. The page re-renders the roll for
 * many reasons that change nothing on it (a query answered, presence, the sounds loaded, the provenance arriving after
 * the notes), and each used to cost a full redraw right after the piece opened.
 */
import type { FrameInput } from "./draw-roll";
import type { EditorState } from "./editor-state";

/** Every field of FrameInput: the type checker makes a new field be listed here, so that a change of it draws. */
const FRAME_FIELDS: { [K in keyof FrameInput]-?: true } = {
  meter: true,
  notes: true,
  styleOf: true,
  ghost: true,
  peers: true,
  rulerMarks: true,
  getPlayhead: true,
  track: true,
  grid: true,
  drumTrack: true,
  scale: true,
};

/** The editor state a frame shows (draw-roll.ts); the rest (the pointer's cell, the live line, menus) draws nothing. */
const DRAWN_STATE = ["viewport", "selection", "region", "transport", "commentId", "keyCursor"] as const satisfies readonly (keyof EditorState)[];

/** The same value, or arrays or plain objects whose items are the same values (a list rebuilt by each render). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && Object.getPrototypeOf(x) === Object.prototype;

/** Whether a render brought the roll anything new to draw (`index`: the notes' sorted index, rebuilt with the notes). */
export function frameInputChanged(a: FrameInput, b: FrameInput): boolean {
  return (Object.keys(FRAME_FIELDS) as (keyof FrameInput)[]).some((k) => !same(a[k], b[k]));
}

/** Whether a change of the editor's state shows on the roll. */
export const drawnStateChanged = (state: EditorState, previous: EditorState): boolean => DRAWN_STATE.some((k) => state[k] !== previous[k]);
