import { describe, expect, it } from "vitest";
import { keyAction } from "@/app/_components/piano-roll/keyboard";
import { octaveName, releaseAll, stepVelocity, TYPING_START, typingKeyDown, typingKeyUp, typingMayTake, type TypingResult, type TypingState } from "./musical-typing";

const key = (code: string, more: Partial<{ repeat: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({
  code,
  repeat: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...more,
});
const on: TypingState = { ...TYPING_START, on: true };

/** Presses and releases in order (a code with "↑" lets it go), collecting every note message. */
function play(s: TypingState, ...codes: string[]): TypingResult {
  const notes: TypingResult["notes"] = [];
  for (const c of codes) {
    const r = c.endsWith("↑") ? typingKeyUp(s, c.slice(0, -1)) : typingKeyDown(s, key(c));
    s = r.state;
    notes.push(...r.notes);
  }
  return { state: s, notes, handled: true };
}

describe("typingKeyDown", () => {
  it("plays the home row as white keys and the row above as black keys, A = C4 at first", () => {
    const codes = ["KeyA", "KeyW", "KeyS", "KeyE", "KeyD", "KeyF", "KeyT", "KeyG", "KeyY", "KeyH", "KeyU", "KeyJ", "KeyK", "KeyO", "KeyL", "KeyP", "Semicolon"];
    const r = play(on, ...codes);
    expect(r.notes.map((n) => n.pitch)).toEqual(codes.map((_, i) => 60 + i));
    expect(r.notes.every((n) => n.type === "on" && n.velocity === 100)).toBe(true);
  });

  it("plays nothing and takes no key while off, except M, which turns it on", () => {
    expect(typingKeyDown(TYPING_START, key("KeyA"))).toEqual({ state: TYPING_START, notes: [], handled: false });
    const r = typingKeyDown(TYPING_START, key("KeyM"));
    expect(r).toMatchObject({ handled: true, notes: [], state: { on: true } });
    expect(keyAction({ key: "m", shiftKey: false, ctrlKey: false, metaKey: false, altKey: false })).toBeNull(); // M is no roll shortcut
  });

  it("sounds a held key once: the browser's auto-repeat and a second key-down are taken but play nothing", () => {
    const first = typingKeyDown(on, key("KeyA"));
    expect(first.notes).toEqual([{ type: "on", pitch: 60, velocity: 100 }]);
    expect(typingKeyDown(first.state, key("KeyA", { repeat: true }))).toMatchObject({ handled: true, notes: [] });
    expect(typingKeyDown(first.state, key("KeyA"))).toMatchObject({ handled: true, notes: [] });
    const up = typingKeyUp(first.state, "KeyA");
    expect(up.notes).toEqual([{ type: "off", pitch: 60 }]);
    expect(typingKeyDown(up.state, key("KeyA")).notes).toEqual([{ type: "on", pitch: 60, velocity: 100 }]);
  });

  it("moves the octave with Z and X within the MIDI range, and a key let go after the move ends its own note", () => {
    const r = play(on, "KeyA", "KeyX", "KeyA↑", "KeyA");
    expect(r.notes).toEqual([
      { type: "on", pitch: 60, velocity: 100 },
      { type: "off", pitch: 60 },
      { type: "on", pitch: 72, velocity: 100 },
    ]);
    expect(octaveName(r.state)).toBe("C5");
    const low = play(on, ...Array(12).fill("KeyZ"), "KeyA");
    expect(octaveName(low.state)).toBe("C-1");
    expect(low.notes).toEqual([{ type: "on", pitch: 0, velocity: 100 }]);
    const high = play(on, ...Array(12).fill("KeyX"), "Semicolon");
    expect(octaveName(high.state)).toBe("C8");
    expect(high.notes).toEqual([{ type: "on", pitch: 124, velocity: 100 }]);
  });

  it("steps the velocity with C and V as Ableton does, from 1 to 127", () => {
    expect(play(on, "KeyC").state.velocity).toBe(80);
    expect(play(on, "KeyV", "KeyV").state.velocity).toBe(127);
    expect(play(on, "KeyV", "KeyV", "KeyV").state.velocity).toBe(127);
    expect(play(on, ...Array(9).fill("KeyC")).state.velocity).toBe(1);
    expect(play(on, "KeyC", "KeyD").notes).toEqual([{ type: "on", pitch: 64, velocity: 80 }]);
    expect(stepVelocity(90, 1)).toBe(100); // set elsewhere between steps: the next step each way
    expect(stepVelocity(90, -1)).toBe(80);
  });

  it("takes the other letters (no tool switch mid-phrase) but leaves modified keys, arrows and Space to the editor", () => {
    expect(typingKeyDown(on, key("KeyB"))).toMatchObject({ handled: true, notes: [] });
    expect(typingKeyDown(on, key("KeyQ", { repeat: true }))).toMatchObject({ handled: true });
    expect(typingKeyDown(on, key("KeyZ", { ctrlKey: true })).handled).toBe(false); // undo
    expect(typingKeyDown(on, key("KeyC", { metaKey: true })).handled).toBe(false); // copy
    expect(typingKeyDown(on, key("KeyA", { altKey: true })).handled).toBe(false);
    expect(typingKeyDown(on, key("Space")).handled).toBe(false);
    expect(typingKeyDown(on, key("ArrowUp")).handled).toBe(false);
  });

  it("turns off with Escape or M, ending every held note", () => {
    const holding = play(on, "KeyA", "KeyD").state;
    for (const off of ["Escape", "KeyM"]) {
      const r = typingKeyDown(holding, key(off));
      expect(r.handled).toBe(true);
      expect(r.state).toMatchObject({ on: false, held: new Map() });
      expect(r.notes).toEqual([
        { type: "off", pitch: 60 },
        { type: "off", pitch: 64 },
      ]);
    }
    expect(typingKeyDown(TYPING_START, key("Escape")).handled).toBe(false); // off, Escape clears the selection as ever
  });
});

describe("typingKeyUp and releaseAll", () => {
  it("ends only notes typing started; releaseAll ends them all", () => {
    expect(typingKeyUp(on, "KeyA")).toMatchObject({ handled: false, notes: [] });
    const holding = play(on, "KeyA", "KeyH").state;
    const r = releaseAll(holding);
    expect(r.notes.map((n) => n.pitch)).toEqual([60, 69]);
    expect(r.state.held.size).toBe(0);
    expect(r.state.on).toBe(true);
  });
});

describe("typingMayTake", () => {
  it("never takes keys from a text field, a list, editable text or a dialog; does from the page, the roll and buttons", () => {
    expect(typingMayTake(null)).toBe(true);
    expect(typingMayTake({ tagName: "BODY", editable: false, inDialog: false })).toBe(true);
    expect(typingMayTake({ tagName: "CANVAS", editable: false, inDialog: false })).toBe(true);
    expect(typingMayTake({ tagName: "BUTTON", editable: false, inDialog: false })).toBe(true);
    expect(typingMayTake({ tagName: "INPUT", type: "checkbox", editable: false, inDialog: false })).toBe(true);
    expect(typingMayTake({ tagName: "INPUT", type: "text", editable: false, inDialog: false })).toBe(false);
    expect(typingMayTake({ tagName: "INPUT", type: "number", editable: false, inDialog: false })).toBe(false);
    expect(typingMayTake({ tagName: "INPUT", editable: false, inDialog: false })).toBe(false);
    expect(typingMayTake({ tagName: "TEXTAREA", editable: false, inDialog: false })).toBe(false);
    expect(typingMayTake({ tagName: "SELECT", editable: false, inDialog: false })).toBe(false);
    expect(typingMayTake({ tagName: "DIV", editable: true, inDialog: false })).toBe(false);
    expect(typingMayTake({ tagName: "BUTTON", editable: false, inDialog: true })).toBe(false); // Escape closes the dialog
  });
});
