/**
 * Musical typing, laid out as in Ableton: the computer keyboard's home row plays the white keys from A (the
 * octave's C) and the row above it the black keys; Z and X move the octave, C and V the velocity. Pure: key
 * events in, the note messages a MIDI keyboard would send out (use-musical-typing.ts plays them).
 */
import { pitchName } from "@/app/_components/piano-roll/geometry";
import type { NoteMessage } from "./midi-message";

/** By physical key (KeyboardEvent.code), so the piano keeps its shape on AZERTY or QWERTZ: semitones above the octave's C. */
export const KEY_SEMITONES: Readonly<Record<string, number>> = {
  KeyA: 0, KeyW: 1, KeyS: 2, KeyE: 3, KeyD: 4, KeyF: 5, KeyT: 6, KeyG: 7, KeyY: 8, KeyH: 9,
  KeyU: 10, KeyJ: 11, KeyK: 12, KeyO: 13, KeyL: 14, KeyP: 15, Semicolon: 16,
};

export const TOGGLE_CODE = "KeyM"; // Ableton's key for its computer MIDI keyboard; no roll shortcut uses M

/** The octave of the A key's C, named as the roll names pitches (C4 = 60). The top key, E of the next octave, stays below 128. */
export const MIN_OCTAVE = -1;
export const MAX_OCTAVE = 8;

/** Ableton's velocity steps for C and V. */
export const VELOCITY_STEPS: readonly number[] = [1, 20, 40, 60, 80, 100, 120, 127];

export interface TypingState {
  on: boolean;
  octave: number;
  velocity: number;
  /** Keys down now -> the pitch each started, so a key let go after an octave change ends its own note. */
  held: ReadonlyMap<string, number>;
}

export const TYPING_START: TypingState = { on: false, octave: 4, velocity: 100, held: new Map() };

export interface TypingKey {
  code: string;
  repeat: boolean; // the browser's auto-repeat of a key held down
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface TypingResult {
  state: TypingState;
  notes: NoteMessage[];
  /** The key is musical typing's: no shortcut may run it as well. */
  handled: boolean;
}

const pass = (state: TypingState): TypingResult => ({ state, notes: [], handled: false });
const taken = (state: TypingState, notes: NoteMessage[] = []): TypingResult => ({ state, notes, handled: true });

export function typingKeyDown(s: TypingState, e: TypingKey): TypingResult {
  // Ctrl+Z, Ctrl+C and the like stay the editor's while typing.
  if (e.ctrlKey || e.metaKey || e.altKey) return pass(s);
  if (e.code === TOGGLE_CODE) return e.repeat ? taken(s) : setTypingOn(s, !s.on);
  if (!s.on) return pass(s);
  if (e.code === "Escape") return setTypingOn(s, false);
  const semitones = KEY_SEMITONES[e.code];
  if (semitones !== undefined) {
    if (e.repeat || s.held.has(e.code)) return taken(s); // a held key sounds once
    const pitch = 12 * (s.octave + 1) + semitones;
    return taken({ ...s, held: new Map(s.held).set(e.code, pitch) }, [{ type: "on", pitch, velocity: s.velocity }]);
  }
  if (e.repeat) return isLetter(e.code) ? taken(s) : pass(s);
  if (e.code === "KeyZ" || e.code === "KeyX") return taken({ ...s, octave: clamp(s.octave + (e.code === "KeyX" ? 1 : -1), MIN_OCTAVE, MAX_OCTAVE) });
  if (e.code === "KeyC" || e.code === "KeyV") return taken({ ...s, velocity: stepVelocity(s.velocity, e.code === "KeyV" ? 1 : -1) });
  // The other letters do nothing while typing, rather than switch a tool in the middle of a phrase.
  return isLetter(e.code) ? taken(s) : pass(s);
}

/** A key let go ends the note it started, wherever focus went meanwhile. */
export function typingKeyUp(s: TypingState, code: string): TypingResult {
  const pitch = s.held.get(code);
  if (pitch === undefined) return pass(s);
  const held = new Map(s.held);
  held.delete(code);
  return taken({ ...s, held }, [{ type: "off", pitch }]);
}

/** Every held note ends: typing turned off, or the window lost focus and will never hear those keys come up. */
export function releaseAll(s: TypingState): TypingResult {
  const notes = [...s.held.values()].map((pitch): NoteMessage => ({ type: "off", pitch }));
  return taken({ ...s, held: new Map() }, notes);
}

export function setTypingOn(s: TypingState, on: boolean): TypingResult {
  if (on) return taken({ ...s, on });
  const released = releaseAll(s);
  return taken({ ...released.state, on }, released.notes);
}

/** The next velocity step up or down from wherever the velocity is. */
export function stepVelocity(velocity: number, by: 1 | -1): number {
  if (by > 0) return VELOCITY_STEPS.find((v) => v > velocity) ?? VELOCITY_STEPS.at(-1)!;
  return VELOCITY_STEPS.findLast((v) => v < velocity) ?? VELOCITY_STEPS[0];
}

/** "C4": the note the A key plays. */
export const octaveName = (s: TypingState): string => pitchName(12 * (s.octave + 1));

export interface FocusedField {
  tagName: string;
  type?: string; // an input's type
  editable: boolean; // contenteditable
  inDialog: boolean; // inside an open dialog (the shortcuts sheet, a question): its keys, Escape first, are its own
}

const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "range", "button", "submit", "reset", "color", "file", "image"]);

/** Whether musical typing may take keys from what has focus: never from a text field, a list, editable text or a dialog. */
export function typingMayTake(el: FocusedField | null): boolean {
  if (!el) return true;
  if (el.editable || el.inDialog || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return false;
  return el.tagName !== "INPUT" || NON_TEXT_INPUTS.has(el.type ?? "text");
}

const isLetter = (code: string) => /^Key[A-Z]$/.test(code);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
