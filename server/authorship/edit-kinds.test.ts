import { describe, expect, it } from "vitest";
import type { Note } from "../../lib/doc-schema";
import { changedFields, classifyEdit } from "./edit-kinds";

const n: Note = { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 80 };

describe("classifyEdit", () => {
  it("names each kind of change", () => {
    expect(classifyEdit(n, { ...n, pitch: 62, start: 480 })).toEqual(["moved"]);
    expect(classifyEdit(n, { ...n, pitch: 62 })).toEqual(["re-pitched"]);
    expect(classifyEdit(n, { ...n, start: 960 })).toEqual(["re-timed"]);
    expect(classifyEdit(n, { ...n, duration: 240 })).toEqual(["re-sized"]);
    expect(classifyEdit(n, { ...n, velocity: 100 })).toEqual(["re-velocitied"]);
    expect(classifyEdit(n, { ...n, track: "bass" })).toEqual(["moved-track"]);
  });

  it("lists every change of a compound edit, and nothing for no change", () => {
    expect(classifyEdit(n, { ...n, start: 960, duration: 960, velocity: 1 })).toEqual(["re-timed", "re-sized", "re-velocitied"]);
    expect(classifyEdit(n, { ...n })).toEqual([]);
  });

  it("reports the fields with their old and new values", () => {
    expect(changedFields(n, { ...n, pitch: 64, velocity: 90 })).toEqual([
      { field: "pitch", from: 60, to: 64 },
      { field: "velocity", from: 80, to: 90 },
    ]);
  });
});
