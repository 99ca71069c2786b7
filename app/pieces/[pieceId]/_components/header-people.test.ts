import { describe, expect, it } from "vitest";
import { foldPeople, youFirst } from "./header-people";

describe("foldPeople", () => {
  it("shows everyone who fits", () => {
    expect(foldPeople(["Ann", "Bea", "Cid"])).toEqual({ shown: ["Ann", "Bea", "Cid"], more: [] });
    expect(foldPeople([])).toEqual({ shown: [], more: [] });
  });

  it("folds four members into two names and +2", () => {
    expect(foldPeople(["Ann", "Bea", "Cid", "Dee"])).toEqual({ shown: ["Ann", "Bea"], more: ["Cid", "Dee"] });
  });

  it("keeps one place for +N with fewer places", () => {
    expect(foldPeople(["Ann", "Bea"], 1)).toEqual({ shown: [], more: ["Ann", "Bea"] });
  });

  it("refuses a number of places that is not a whole number from 1", () => {
    expect(() => foldPeople(["Ann"], 0)).toThrow(RangeError);
    expect(() => foldPeople(["Ann"], 1.5)).toThrow(RangeError);
  });
});

describe("youFirst", () => {
  it("puts the signed-in member first and keeps the others' order", () => {
    const members = [{ userId: "a" }, { userId: "b" }, { userId: "c" }];
    expect(youFirst(members, "c").map((m) => m.userId)).toEqual(["c", "a", "b"]);
    expect(youFirst(members, "z").map((m) => m.userId)).toEqual(["a", "b", "c"]);
  });
});
