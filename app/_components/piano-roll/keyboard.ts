/** Keyboard shortcuts of the focused piano roll: which key means which action (pure, tested). */

export type KeyAction =
  | { kind: "delete" }
  | { kind: "clear-selection" }
  | { kind: "select-all" }
  | { kind: "undo" }
  | { kind: "redo" }
  | { kind: "copy" }
  | { kind: "cut" }
  | { kind: "paste" }
  | { kind: "duplicate" }
  | { kind: "quantize" }
  | { kind: "velocity"; by: number }
  | { kind: "add-at-cursor" }
  | { kind: "move"; grid: number; bars: number; pitch: number } // the selection, or the keyboard cursor
  | { kind: "play-toggle" }
  | { kind: "loop-toggle" }
  | { kind: "follow-toggle" }
  | { kind: "shortcuts" }
  | { kind: "tool"; tool: "draw" | "select" | "erase" | "region" }
  | { kind: "view"; bars: number; pitch: number; zoom: number; rows?: number }; // scroll and zoom, local only

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

const MOD_KEYS: Record<string, KeyAction> = {
  a: { kind: "select-all" },
  c: { kind: "copy" },
  x: { kind: "cut" },
  v: { kind: "paste" },
  d: { kind: "duplicate" },
  y: { kind: "redo" },
};

const PLAIN_KEYS: Record<string, KeyAction> = {
  Delete: { kind: "delete" },
  Backspace: { kind: "delete" },
  Escape: { kind: "clear-selection" },
  Enter: { kind: "add-at-cursor" },
  " ": { kind: "play-toggle" },
  "?": { kind: "shortcuts" },
  q: { kind: "quantize" },
  l: { kind: "loop-toggle" },
  f: { kind: "follow-toggle" },
  d: { kind: "tool", tool: "draw" },
  s: { kind: "tool", tool: "select" },
  e: { kind: "tool", tool: "erase" },
  b: { kind: "tool", tool: "region" },
  PageUp: { kind: "view", bars: 0, pitch: 12, zoom: 1 },
  PageDown: { kind: "view", bars: 0, pitch: -12, zoom: 1 },
  "[": { kind: "view", bars: -1, pitch: 0, zoom: 1 },
  "]": { kind: "view", bars: 1, pitch: 0, zoom: 1 },
  "=": { kind: "view", bars: 0, pitch: 0, zoom: 1.25 },
  "+": { kind: "view", bars: 0, pitch: 0, zoom: 1.25 },
  "-": { kind: "view", bars: 0, pitch: 0, zoom: 0.8 },
};

export function keyAction(e: KeyInput): KeyAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (k === "z") return e.shiftKey ? { kind: "redo" } : { kind: "undo" };
    return e.shiftKey ? null : (MOD_KEYS[k] ?? null);
  }
  if (mod) return null;
  if (e.altKey) {
    // Alt+Up/Down: velocity of the selection (the keyboard's way into the velocity lane); Alt+Shift: rows zoom.
    if (e.key === "ArrowUp") return e.shiftKey ? { kind: "view", bars: 0, pitch: 0, zoom: 1, rows: 1.25 } : { kind: "velocity", by: 8 };
    if (e.key === "ArrowDown") return e.shiftKey ? { kind: "view", bars: 0, pitch: 0, zoom: 1, rows: 0.8 } : { kind: "velocity", by: -8 };
    return null;
  }
  if (e.key === "ArrowUp") return { kind: "move", grid: 0, bars: 0, pitch: e.shiftKey ? 12 : 1 };
  if (e.key === "ArrowDown") return { kind: "move", grid: 0, bars: 0, pitch: e.shiftKey ? -12 : -1 };
  if (e.key === "ArrowRight") return e.shiftKey ? { kind: "move", grid: 0, bars: 1, pitch: 0 } : { kind: "move", grid: 1, bars: 0, pitch: 0 };
  if (e.key === "ArrowLeft") return e.shiftKey ? { kind: "move", grid: 0, bars: -1, pitch: 0 } : { kind: "move", grid: -1, bars: 0, pitch: 0 };
  // Shift is part of "?" and "+"; other shifted letters are not shortcuts.
  if (e.shiftKey && k.length === 1 && /[a-z]/.test(k)) return null;
  return PLAIN_KEYS[k] ?? null;
}
