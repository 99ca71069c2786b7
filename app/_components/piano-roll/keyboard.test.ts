import { describe, expect, it } from "vitest";
import { keyAction } from "./keyboard";

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  keyAction({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyAction", () => {
  it("maps editing keys", () => {
    expect(key("Delete")).toEqual({ kind: "delete" });
    expect(key("Backspace")).toEqual({ kind: "delete" });
    expect(key("Escape")).toEqual({ kind: "clear-selection" });
    expect(key("a", { metaKey: true })).toEqual({ kind: "select-all" });
    expect(key("z", { ctrlKey: true })).toEqual({ kind: "undo" });
    expect(key("Z", { ctrlKey: true, shiftKey: true })).toEqual({ kind: "redo" });
    expect(key("y", { ctrlKey: true })).toEqual({ kind: "redo" });
  });

  it("moves by grid steps and semitones, octaves and beats with Shift", () => {
    expect(key("ArrowUp")).toEqual({ kind: "move", grid: 0, pitch: 1 });
    expect(key("ArrowDown", { shiftKey: true })).toEqual({ kind: "move", grid: 0, pitch: -12 });
    expect(key("ArrowLeft", { shiftKey: true })).toEqual({ kind: "move", grid: -4, pitch: 0 });
    expect(key("ArrowRight", { altKey: true })).toBeNull();
    expect(key("q")).toBeNull();
  });
});
