/** Keyboard shortcuts of the focused piano roll, as data (the component carries them out). */
export type KeyAction =
  | { kind: "delete" }
  | { kind: "clear-selection" }
  | { kind: "select-all" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "move"; grid: number; pitch: number }; // grid steps and semitones

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function keyAction(e: KeyInput): KeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (e.key === "Delete" || e.key === "Backspace") return { kind: "delete" };
  if (e.key === "Escape") return { kind: "clear-selection" };
  if (mod && k === "a") return { kind: "select-all" };
  if (mod && k === "z") return e.shiftKey ? { kind: "redo" } : { kind: "undo" };
  if (mod && k === "y") return { kind: "redo" };
  if (mod || e.altKey) return null;
  if (e.key === "ArrowUp") return { kind: "move", grid: 0, pitch: e.shiftKey ? 12 : 1 };
  if (e.key === "ArrowDown") return { kind: "move", grid: 0, pitch: e.shiftKey ? -12 : -1 };
  if (e.key === "ArrowRight") return { kind: "move", grid: e.shiftKey ? 4 : 1, pitch: 0 };
  if (e.key === "ArrowLeft") return { kind: "move", grid: e.shiftKey ? -4 : -1, pitch: 0 };
  return null;
}
