/** The gestures bench/piano-roll.ts times in the page, frame by frame: scrolling, and dragging a selection. */
import type { Page } from "@playwright/test";
import type { Note } from "../../lib/doc-schema";
import { percentile, type FrameStats } from "./report";

/**
 * What the page under test reads to time its draws. `noCull` switches an older commit's build to its previous
 * renderer (every note each frame); this build has no such switch and ignores it.
 */
interface RollProbe {
  drawMs: number[];
  noCull?: boolean;
  /** The view of the last frame drawn (builds since the whole-piece zoom; older ones assume the default view). */
  viewport?: { keysWidth: number; rulerHeight: number; pxPerTick: number; rowHeight: number; scrollTick: number; topPitch: number };
}
type ProbedWindow = Window & { __tandemRollProbe?: RollProbe };

const setProbe = (page: Page, noCull: boolean) =>
  page.evaluate((nc) => ((window as ProbedWindow).__tandemRollProbe = { drawMs: [], noCull: nc }), noCull);

/** Shift+wheel (time) and wheel (pitch) each frame, dispatched in the page so every frame gets one. */
export async function scroll(page: Page, { noCull }: { noCull: boolean }, frames: number): Promise<FrameStats> {
  await setProbe(page, noCull);
  const intervals = await page.evaluate(async (n) => {
    const canvas = document.querySelector('[data-testid="piano-roll"]')!;
    const out: number[] = [];
    let last = await new Promise<number>((r) => requestAnimationFrame(r));
    for (let i = 0; i < n; i++) {
      const horizontal = i % 4 !== 3;
      const back = Math.floor(i / 40) % 2 === 1;
      canvas.dispatchEvent(
        new WheelEvent("wheel", { deltaY: (back ? -1 : 1) * (horizontal ? 60 : 40), shiftKey: horizontal, bubbles: true, cancelable: true }),
      );
      const now = await new Promise<number>((r) => requestAnimationFrame(r));
      out.push(now - last);
      last = now;
    }
    return out;
  }, frames);
  return stats(page, intervals);
}

/**
 * Selects every note of the melody track (Ctrl+A: 1/5 of the piece) and drags one of them with the
 * mouse in a circle, one step per move, the way a person drags a phrase around.
 */
export async function dragSelection(page: Page, { noCull }: { noCull: boolean }, pxPerTick: number, frames: number): Promise<FrameStats> {
  const canvas = page.getByTestId("piano-roll");
  await canvas.focus();
  await setProbe(page, noCull);
  await page.keyboard.press("Control+a");
  // The view as the roll last drew it; a build that does not say is in the default view: keys 56 px wide, ruler
  // 24 px, rows 10 px, C6 (84) at the top, scrolled to 0, `pxPerTick`.
  const v = (await page.evaluate(
    () => new Promise<RollProbe["viewport"]>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r((window as ProbedWindow).__tandemRollProbe?.viewport)))),
  )) ?? { keysWidth: 56, rulerHeight: 24, pxPerTick, rowHeight: 10, scrollTick: 0, topPitch: 84 };
  const box = (await canvas.boundingBox())!;
  const note = await page.evaluate(
    ({ from, top }) => {
      const notes = [...window.__tandem!.doc.getMap<Note>("notes").values()];
      return notes.find((n) => n.track === "melody" && n.start >= from && n.start < from + 1920 * 2 && n.pitch >= top - 22 && n.pitch <= top - 4) ?? null;
    },
    { from: v.scrollTick, top: v.topPitch },
  );
  if (!note) throw new Error("no melody note in view to drag");
  const x = box.x + v.keysWidth + (note.start - v.scrollTick) * v.pxPerTick + 1.5;
  const y = box.y + v.rulerHeight + (v.topPitch - note.pitch) * v.rowHeight + v.rowHeight / 2;
  await setProbe(page, noCull);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number[]; __benchStop: boolean };
    w.__benchFrames = [];
    w.__benchStop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__benchFrames.push(now - last);
      last = now;
      if (!w.__benchStop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  for (let i = 0; i < frames; i++) {
    const phase = (i % 60) / 60;
    await page.mouse.move(x + Math.sin(phase * Math.PI * 2) * 150, y + (1 - Math.cos(phase * Math.PI * 2)) * 40);
  }
  const intervals = await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number[]; __benchStop: boolean };
    w.__benchStop = true;
    return w.__benchFrames.slice(1);
  });
  await page.mouse.move(x, y); // back where it started: the drop moves nothing
  await page.mouse.up();
  return stats(page, intervals);
}

async function stats(page: Page, intervals: number[]): Promise<FrameStats> {
  const draws = await page.evaluate(() => (window as ProbedWindow).__tandemRollProbe?.drawMs ?? []);
  await page.evaluate(() => delete (window as ProbedWindow).__tandemRollProbe);
  return {
    drawP50: percentile(draws, 50),
    drawP95: percentile(draws, 95),
    frameP50: percentile(intervals, 50),
    frameP95: percentile(intervals, 95),
    frames: draws.length,
  };
}
