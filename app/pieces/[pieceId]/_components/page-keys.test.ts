import { describe, expect, it } from "vitest";
import { pageKeyAction, pageKeysFor } from "./page-keys";

const key = (k: string, m: { shift?: boolean; ctrl?: boolean } = {}) => ({ key: k, shiftKey: !!m.shift, ctrlKey: !!m.ctrl, metaKey: false, altKey: false });

describe("page keys", () => {
  it("plays, undoes, redoes and opens the sheet while nothing has focus", () => {
    expect(pageKeyAction(key(" "), "all")).toEqual({ kind: "play-toggle" });
    expect(pageKeyAction(key("z", { ctrl: true }), "all")).toEqual({ kind: "undo" });
    expect(pageKeyAction(key("Z", { ctrl: true, shift: true }), "all")).toEqual({ kind: "redo" });
    expect(pageKeyAction(key("?", { shift: true }), "all")).toEqual({ kind: "shortcuts" });
  });

  it("leaves note edits and arrows to the piano roll", () => {
    expect(pageKeyAction(key("Delete"), "all")).toBeNull();
    expect(pageKeyAction(key("ArrowUp"), "all")).toBeNull();
    expect(pageKeyAction(key("v", { ctrl: true }), "all")).toBeNull();
    expect(pageKeyAction(key("q"), "all")).toBeNull();
  });

  it("does nothing when text or the roll has focus (Ctrl+Z undoes typing; the roll runs its own keys)", () => {
    expect(pageKeyAction(key(" "), "none")).toBeNull();
    expect(pageKeyAction(key("z", { ctrl: true }), "none")).toBeNull();
  });
});

it("undoes and redoes from a list or a control reached from the keyboard, which have no undo of their own, and leaves them every other key", () => {
  expect(pageKeyAction(key("z", { ctrl: true }), "history")).toEqual({ kind: "undo" });
  expect(pageKeyAction(key("Z", { ctrl: true, shift: true }), "history")).toEqual({ kind: "redo" });
  expect(pageKeyAction(key(" "), "history")).toBeNull();
  expect(pageKeyAction(key("?", { shift: true }), "history")).toBeNull();
});

describe("pageKeysFor", () => {
  it("takes keys from the page, and from a button or checkbox a mouse click left focused", () => {
    expect(pageKeysFor(null)).toBe("all");
    expect(pageKeysFor({ tagName: "BODY", focusVisible: false })).toBe("all");
    expect(pageKeysFor({ tagName: "BUTTON", focusVisible: false })).toBe("all");
    expect(pageKeysFor({ tagName: "INPUT", type: "checkbox", focusVisible: false })).toBe("all");
    expect(pageKeysFor({ tagName: "INPUT", type: "range", focusVisible: false })).toBe("all");
  });

  it("leaves a control reached from the keyboard, and a list, their keys but undo and redo; text fields and the roll all of them", () => {
    expect(pageKeysFor({ tagName: "BUTTON", focusVisible: true })).toBe("history");
    expect(pageKeysFor({ tagName: "INPUT", type: "checkbox", focusVisible: true })).toBe("history");
    expect(pageKeysFor({ tagName: "INPUT", type: "number", focusVisible: false })).toBe("none");
    expect(pageKeysFor({ tagName: "INPUT", type: "text", focusVisible: false })).toBe("none");
    expect(pageKeysFor({ tagName: "SELECT", focusVisible: false })).toBe("history");
    expect(pageKeysFor({ tagName: "TEXTAREA", focusVisible: false })).toBe("none");
    expect(pageKeysFor({ tagName: "CANVAS", focusVisible: false })).toBe("none");
  });
});
