import { describe, expect, it } from "vitest";
import { keyAction } from "./keyboard";

const key = (k: string, mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  keyAction({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe("keyAction", () => {
  it("maps editing keys", () => {
    expect(key("Delete")).toEqual({ kind: "delete" });
    expect(key("Backspace")).toEqual({ kind: "delete" });
    expect(key("Escape")).toEqual({ kind: "clear-selection" });
    expect(key("Enter")).toEqual({ kind: "add-at-cursor" });
    expect(key("q")).toEqual({ kind: "quantize" });
    expect(key("Q", { shiftKey: true })).toBeNull();
  });

  it("maps DAW habits for Ctrl and Cmd alike", () => {
    expect(key("a", { metaKey: true })).toEqual({ kind: "select-all" });
    expect(key("z", { ctrlKey: true })).toEqual({ kind: "undo" });
    expect(key("Z", { ctrlKey: true, shiftKey: true })).toEqual({ kind: "redo" });
    expect(key("z", { metaKey: true, shiftKey: true })).toEqual({ kind: "redo" });
    expect(key("y", { ctrlKey: true })).toEqual({ kind: "redo" });
    expect(key("c", { ctrlKey: true })).toEqual({ kind: "copy" });
    expect(key("x", { metaKey: true })).toEqual({ kind: "cut" });
    expect(key("v", { ctrlKey: true })).toEqual({ kind: "paste" });
    expect(key("d", { ctrlKey: true })).toEqual({ kind: "duplicate" });
    expect(key("d")).toEqual({ kind: "tool", tool: "draw" });
    expect(key("b")).toEqual({ kind: "tool", tool: "region" });
    expect(key("c", { ctrlKey: true, altKey: true })).toBeNull();
  });

  it("plays with space, opens the sheet with ?, toggles loop and follow", () => {
    expect(key(" ")).toEqual({ kind: "play-toggle" });
    expect(key("?", { shiftKey: true })).toEqual({ kind: "shortcuts" });
    expect(key("l")).toEqual({ kind: "loop-toggle" });
    expect(key("f")).toEqual({ kind: "follow-toggle" });
  });

  it("moves by grid steps and semitones, by bars and octaves with Shift", () => {
    expect(key("ArrowUp")).toEqual({ kind: "move", grid: 0, bars: 0, pitch: 1 });
    expect(key("ArrowDown", { shiftKey: true })).toEqual({ kind: "move", grid: 0, bars: 0, pitch: -12 });
    expect(key("ArrowLeft")).toEqual({ kind: "move", grid: -1, bars: 0, pitch: 0 });
    expect(key("ArrowRight", { shiftKey: true })).toEqual({ kind: "move", grid: 0, bars: 1, pitch: 0 });
    expect(key("ArrowUp", { altKey: true })).toEqual({ kind: "velocity", by: 8 });
    expect(key("ArrowRight", { altKey: true })).toBeNull();
  });

  it("scrolls and zooms the view with PageUp/PageDown, [ ] and + -", () => {
    expect(key("PageUp")).toEqual({ kind: "view", bars: 0, pitch: 12, zoom: 1 });
    expect(key("]")).toEqual({ kind: "view", bars: 1, pitch: 0, zoom: 1 });
    expect(key("-")).toEqual({ kind: "view", bars: 0, pitch: 0, zoom: 0.8 });
    expect(key("+", { shiftKey: true })).toEqual({ kind: "view", bars: 0, pitch: 0, zoom: 1.25 });
  });
});
