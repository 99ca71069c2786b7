import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import type { Note } from "../lib/doc-schema";
import { writeMidiFile } from "../lib/midi";
import { KEYS_WIDTH, PX_PER_BAR, RULER, ROW, TOP_PITCH, connected, noteCount, signedIn } from "./people";

// Finding one's way in a long piece (issue 14, item 8), at 1440x900: a 150-bar, 4-track song comes in as a MIDI file;
// zoomed out all the way the whole piece is in view; the time scrollbar shows where the view is and moves it, and
// scrolling stops at the end (and its 4 bars of room); a box selects the selected track's notes, with Alt every track's.
// SCREENS_DIR saves long-piece-1440x900.png.

const BARS = 150;
const BAR = 1920;
const EXTENT_BARS = BARS + 4; // the piece and room to write past its end (time-extent.ts)
/** Per bar: 4 melody notes, a 4-note chord, 2 bass notes and 4 drum hits, all between C3 and C7 (in view as the roll opens). */
const PER_BAR = { melody: 4, chords: 4, bass: 2, drums: 4 };
const song = {
  meta: { bpm: 120, beatsPerBar: 4, beatUnit: 4 },
  tracks: (
    [
      ["m", "Tune", "melody", "lead"],
      ["c", "Keys", "chords", "piano"],
      ["b", "Low end", "bass", "bass"],
      ["d", "Kit", "drums", "drums"],
    ] as const
  ).map(([id, name, role, instrument], order) => ({ id, name, role, instrument, order })),
  notes: Array.from({ length: BARS }, (_, bar): Note[] => {
    const t = bar * BAR;
    return [
      ...[0, 1, 2, 3].map((i): Note => ({ track: "m", pitch: 76 + ((bar + i) % 5), start: t + i * 480, duration: 400, velocity: 90 })),
      ...[0, 4, 7, 12].map((iv): Note => ({ track: "c", pitch: 60 + iv, start: t, duration: BAR - 120, velocity: 70 })),
      ...[0, 960].map((s): Note => ({ track: "b", pitch: 52, start: t + s, duration: 900, velocity: 100 })),
      ...[0, 480, 960, 1440].map((s, i): Note => ({ track: "d", pitch: i % 2 === 0 ? 50 : 51, start: t + s, duration: 120, velocity: 100 })),
    ];
  }).flat(),
};
const NOTES = BARS * (PER_BAR.melody + PER_BAR.chords + PER_BAR.bass + PER_BAR.drums);

/** The view the roll last drew, two frames from now (the bench's probe, installed after the open: use-roll-frames.ts). */
async function drawnView(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const view = await page.evaluate(() => window.__tandemRollProbe?.viewport ?? null);
  if (!view) throw new Error("the roll drew nothing since the probe was installed");
  return view;
}

test("a long piece: the whole of it in view, a scrollbar that moves the view and stops at the end, boxes by track", async ({ browser }) => {
  const page = await signedIn(browser, "Lena", { width: 1440, height: 900 });
  await page.getByTestId("midi-import-piece").setInputFiles({ name: "Long song.mid", mimeType: "audio/midi", buffer: Buffer.from(writeMidiFile(song)) });
  await page.waitForURL("**/pieces/*");
  await connected(page);
  await expect(noteCount(page)).toHaveText(String(NOTES));
  await page.evaluate(() => (window.__tandemRollProbe = { drawMs: [] }));

  // The scrollbar: under the roll, in view, controlling the roll, at bar 1 of 154.
  const roll = page.getByTestId("piano-roll");
  const scrollbar = page.getByRole("scrollbar", { name: "Position in the piece" });
  await expect(scrollbar).toBeInViewport();
  await expect(scrollbar).toHaveAttribute("aria-controls", (await roll.getAttribute("id"))!);
  await expect(scrollbar).toHaveAttribute("aria-orientation", "horizontal");
  await expect(scrollbar).toHaveAttribute("aria-valuemin", "1");
  await expect(scrollbar).toHaveAttribute("aria-valuenow", "1");
  await expect(scrollbar).toHaveAttribute("aria-valuetext", new RegExp(`^Bars 1 to \\d+ of ${EXTENT_BARS}$`));
  const rollBox = (await roll.boundingBox())!;
  const barBox = (await scrollbar.boundingBox())!;
  expect(barBox.y).toBeGreaterThanOrEqual(rollBox.y + rollBox.height - 1);
  expect(barBox.y + barBox.height).toBeLessThanOrEqual(900);

  // A box over bars 1-2 takes the selected track's notes (the melody), as Ctrl+A and the eraser do...
  const summary = page.getByTestId("selection-summary");
  const from = { x: rollBox.x + KEYS_WIDTH + 3, y: rollBox.y + RULER + 3 };
  const to = { x: rollBox.x + KEYS_WIDTH + 2 * PX_PER_BAR - 3, y: rollBox.y + RULER + (TOP_PITCH - 48) * ROW };
  const box = async (modifier: "Shift" | "Alt") => {
    await page.keyboard.down(modifier);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
    await page.mouse.move(to.x, to.y);
    await page.mouse.up();
    await page.keyboard.up(modifier);
  };
  await box("Shift");
  await expect(summary).toHaveText(`${2 * PER_BAR.melody} notes selected: E5 to G#5, bars 1 to 2.`);
  // ...and with Alt, every track's.
  await roll.press("Escape");
  await box("Alt");
  await expect(summary).toHaveText(`${2 * (PER_BAR.melody + PER_BAR.chords + PER_BAR.bass + PER_BAR.drums)} notes selected: D3 to G#5, bars 1 to 2.`);
  await roll.press("Escape");

  // Zoomed out all the way, the whole piece is in view: all 154 bars, the piece's end within the roll's width.
  await roll.focus();
  for (let i = 0; i < 25; i++) await roll.press("-");
  await expect(scrollbar).toHaveAttribute("aria-valuetext", `Bars 1 to ${EXTENT_BARS} of ${EXTENT_BARS}`);
  await expect(scrollbar).toHaveAttribute("aria-valuemax", "1");
  const whole = await drawnView(page);
  expect(whole.scrollTick).toBe(0);
  expect(whole.keysWidth + BARS * BAR * whole.pxPerTick).toBeLessThan(rollBox.width);
  expect(whole.keysWidth + EXTENT_BARS * BAR * whole.pxPerTick).toBeCloseTo(rollBox.width, 0);
  const thumb = page.getByTestId("time-scrollbar-thumb");
  const trackWidth = barBox.width - KEYS_WIDTH;
  expect((await thumb.boundingBox())!.width).toBeGreaterThan(trackWidth - 2);
  if (process.env.SCREENS_DIR) await page.screenshot({ path: `${process.env.SCREENS_DIR}/long-piece-1440x900.png` });

  // Zoomed in again, dragging the thumb moves the view along the piece.
  for (let i = 0; i < 12; i++) await roll.press("+");
  await expect(scrollbar).toHaveAttribute("aria-valuenow", "1");
  const t = (await thumb.boundingBox())!;
  expect(t.width).toBeLessThan(trackWidth / 4);
  await page.mouse.move(t.x + t.width / 2, t.y + t.height / 2);
  await page.mouse.down();
  await page.mouse.move(t.x + t.width / 2 + trackWidth / 4, t.y + t.height / 2, { steps: 5 });
  await page.mouse.up();
  const now = Number(await scrollbar.getAttribute("aria-valuenow"));
  expect(now).toBeGreaterThan(EXTENT_BARS / 4 - 3);
  expect(now).toBeLessThan(EXTENT_BARS / 4 + 3);
  const moved = await drawnView(page);
  expect(Math.floor(moved.scrollTick / BAR) + 1).toBe(now);

  // A click on the track jumps there; End goes to the end, and scrolling on stops there: the last bar of room shows.
  await scrollbar.focus();
  await page.keyboard.press("End");
  const max = await scrollbar.getAttribute("aria-valuemax");
  await expect(scrollbar).toHaveAttribute("aria-valuenow", max!);
  await expect(scrollbar).toHaveAttribute("aria-valuetext", new RegExp(`to ${EXTENT_BARS} of ${EXTENT_BARS}$`));
  for (let i = 0; i < 5; i++) await roll.press("]");
  await roll.hover();
  await page.mouse.wheel(2000, 0);
  await expect(scrollbar).toHaveAttribute("aria-valuenow", max!);
  const end = await drawnView(page);
  expect(end.keysWidth + (EXTENT_BARS * BAR - end.scrollTick) * end.pxPerTick).toBeCloseTo(rollBox.width, 0);
  await scrollbar.press("Home");
  await expect(scrollbar).toHaveAttribute("aria-valuenow", "1");
  await page.mouse.click(barBox.x + KEYS_WIDTH + trackWidth * 0.75, barBox.y + barBox.height / 2);
  const jumped = Number(await scrollbar.getAttribute("aria-valuenow"));
  expect(jumped).toBeGreaterThan(EXTENT_BARS / 2);
});
