/**
 * The event loop keeps turning while the worker draws a credits PDF: a timer ticking every few milliseconds is
 * held up far less than by the same sheet drawn on this thread. Ratios, not milliseconds, so a loaded machine
 * slows both sides alike. Its own file, so this thread has parsed no font before the in-thread drawing.
 */
import { describe, expect, it } from "vitest";
import { renderCreditsPdf } from "./credits-pdf";
import { createCreditsPdfRenderer } from "./credits-pdf-renderer";
import { measureLoopStall } from "./test-loop-stall";
import { cjkKoreanArabicSheet } from "./test-sheets";

describe("credits PDF off the event loop", () => {
  it("while the worker draws a sheet in Chinese, Korean and Arabic, the event loop stalls far less than drawing it here", async () => {
    const sheet = cjkKoreanArabicSheet();
    const renderer = createCreditsPdfRenderer();
    try {
      // The worker's worst case: started by this request, fonts parsed for it; then a sheet with the fonts cached.
      const first = await measureLoopStall(() => renderer.render(sheet));
      const again = await measureLoopStall(() => renderer.render(sheet));
      const here = await measureLoopStall(() => renderCreditsPdf(sheet)); // this thread's first, parsing the fonts
      console.log(`longest stall: worker ${first.stall.toFixed(0)} ms (first PDF, ${first.took.toFixed(0)} ms), ${again.stall.toFixed(0)} ms (then, ${again.took.toFixed(0)} ms); in-thread ${here.stall.toFixed(0)} ms (of ${here.took.toFixed(0)} ms)`);
      // Drawing here blocks for the whole sheet; through the worker, only for posting and receiving messages.
      expect(here.stall).toBeGreaterThan(0.8 * here.took);
      expect(Math.max(first.stall, again.stall)).toBeLessThan(here.stall / 5);
    } finally {
      await renderer.close();
    }
  });
});
