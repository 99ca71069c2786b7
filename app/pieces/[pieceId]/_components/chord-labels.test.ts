import { expect, it } from "vitest";
import { shownLabels } from "./chord-labels";

const row = (symbols: (string | null)[], w: number) => symbols.map((symbol, i) => ({ symbol, x: i * w, w }));

it("writes every symbol when the bars are wide enough", () => {
  expect(shownLabels(row(["C", "C", "F", null, "G"], 120))).toEqual([true, true, true, false, true]);
});

it("zoomed out, writes a chord where it changes, with room between, and again far on", () => {
  // 7 px a bar: 60 bars of C, then F for 2 bars (14 px: no room to write G after it), then A 28 px after F.
  const symbols = [...Array(60).fill("C"), "F", "F", "G", "G", "A", "A"];
  const shown = shownLabels(row(symbols, 7));
  const at = shown.flatMap((s, i) => (s ? [i] : []));
  expect(at[0]).toBe(0);
  expect(at).toContain(60); // F, 420 px on
  expect(at).not.toContain(62); // G, 14 px after F
  expect(at).toContain(64); // A, 28 px after F
  expect(at.filter((i) => i < 60).length).toBe(Math.floor((59 * 7) / 160) + 1); // C repeated every 160 px
});
