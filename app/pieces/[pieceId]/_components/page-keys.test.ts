import { describe, expect, it } from "vitest";
import { pageKeyAction, pageMayTakeKeys } from "./page-keys";

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

describe("pageMayTakeKeys", () => {
  it("takes keys from the page, and from a button or checkbox a mouse click left focused", () => {
    expect(pageMayTakeKeys(null)).toBe(true);
    expect(pageMayTakeKeys({ tagName: "BODY", focusVisible: false })).toBe(true);
    expect(pageMayTakeKeys({ tagName: "BUTTON", focusVisible: false })).toBe(true);
    expect(pageMayTakeKeys({ tagName: "INPUT", type: "checkbox", focusVisible: false })).toBe(true);
    expect(pageMayTakeKeys({ tagName: "INPUT", type: "range", focusVisible: false })).toBe(true);
  });

  it("leaves keys to a control reached from the keyboard, and to text fields and lists always", () => {
    expect(pageMayTakeKeys({ tagName: "BUTTON", focusVisible: true })).toBe(false);
    expect(pageMayTakeKeys({ tagName: "INPUT", type: "checkbox", focusVisible: true })).toBe(false);
    expect(pageMayTakeKeys({ tagName: "INPUT", type: "number", focusVisible: false })).toBe(false);
    expect(pageMayTakeKeys({ tagName: "INPUT", type: "text", focusVisible: false })).toBe(false);
    expect(pageMayTakeKeys({ tagName: "SELECT", focusVisible: false })).toBe(false);
    expect(pageMayTakeKeys({ tagName: "TEXTAREA", focusVisible: false })).toBe(false);
    expect(pageMayTakeKeys({ tagName: "CANVAS", focusVisible: false })).toBe(false);
  });
});
