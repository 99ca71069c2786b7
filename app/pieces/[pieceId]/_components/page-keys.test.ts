import { describe, expect, it } from "vitest";
import { pageKeyAction } from "./page-keys";

const key = (k: string, m: { shift?: boolean; ctrl?: boolean } = {}) => ({ key: k, shiftKey: !!m.shift, ctrlKey: !!m.ctrl, metaKey: false, altKey: false });

describe("page keys", () => {
  it("plays, undoes, redoes and opens the sheet while nothing has focus", () => {
    expect(pageKeyAction(key(" "), true)).toEqual({ kind: "play-toggle" });
    expect(pageKeyAction(key("z", { ctrl: true }), true)).toEqual({ kind: "undo" });
    expect(pageKeyAction(key("Z", { ctrl: true, shift: true }), true)).toEqual({ kind: "redo" });
    expect(pageKeyAction(key("?", { shift: true }), true)).toEqual({ kind: "shortcuts" });
  });

  it("leaves note edits and arrows to the piano roll", () => {
    expect(pageKeyAction(key("Delete"), true)).toBeNull();
    expect(pageKeyAction(key("ArrowUp"), true)).toBeNull();
    expect(pageKeyAction(key("v", { ctrl: true }), true)).toBeNull();
    expect(pageKeyAction(key("q"), true)).toBeNull();
  });

  it("does nothing when a control has focus (Space presses a button, Ctrl+Z undoes typing)", () => {
    expect(pageKeyAction(key(" "), false)).toBeNull();
    expect(pageKeyAction(key("z", { ctrl: true }), false)).toBeNull();
  });
});
