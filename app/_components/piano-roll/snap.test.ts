import { describe, expect, it } from "vitest";
import { GRID_OPTIONS, fitLength, gridOption, snapDuration, snapFloor, snapNearest, stepTicks } from "./snap";

describe("snap", () => {
  it("offers 1/4 to 1/32, triplets and off, as whole ticks", () => {
    expect(GRID_OPTIONS.map((g) => g.ticks)).toEqual([480, 240, 120, 60, 320, 160, 80, 40, 1]);
    expect(GRID_OPTIONS.every((g) => Number.isInteger(g.ticks))).toBe(true);
    expect(gridOption("1/8t").ticks).toBe(160);
    expect(gridOption("nonsense").id).toBe("1/16");
  });

  it("snaps down to the cell, or to the nearest line", () => {
    expect(snapFloor(239, 120)).toBe(120);
    expect(snapNearest(179, 120)).toBe(120);
    expect(snapNearest(181, 120)).toBe(240);
    expect(snapNearest(170, 160)).toBe(160); // triplet eighths
    expect(snapNearest(77, 1)).toBe(77); // off
  });

  it("snaps a note's end, never below one grid step", () => {
    expect(snapDuration(0, 130, 120)).toBe(120);
    expect(snapDuration(120, 10, 120)).toBe(120);
    expect(snapDuration(100, 300, 120)).toBe(260); // ends on 360, the line nearest 400
  });

  it("moves by a 1/16 when snapping is off", () => {
    expect(stepTicks(1)).toBe(120);
    expect(stepTicks(160)).toBe(160);
  });
});

describe("fitLength", () => {
  it("keeps a length that is whole grid steps, else shortens it to whole steps, never below one", () => {
    expect(fitLength(240, 120)).toBe(240); // an eighth on the 1/16 grid
    expect(fitLength(240, 1)).toBe(240); // snap off
    expect(fitLength(240, 80)).toBe(240); // three 1/16 triplets
    expect(fitLength(240, 160)).toBe(160); // on the 1/8 triplet grid: a triplet eighth
    expect(fitLength(240, 320)).toBe(320); // on the 1/4 triplet grid: one step
    expect(fitLength(240, 480)).toBe(480); // on the 1/4 grid: a quarter
    expect(fitLength(600, 160)).toBe(480);
  });
});
