/** The ruler's marks (see ruler-marks.ts): a filled band per mark, its label where it fits, the selected one outlined. */
import { markBoxes } from "./ruler-marks";
import type { Scene } from "./scene";

export function drawRulerMarks(ctx: CanvasRenderingContext2D, s: Scene): void {
  const boxes = markBoxes(s.viewport, s.meter, s.rulerMarks);
  if (boxes.length === 0) return;
  ctx.font = "8px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  for (const { mark, x, y, w, h } of boxes) {
    ctx.globalAlpha = 0.85;
    ctx.fillStyle = mark.colour;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = 1;
    // The whole label where it fits, else its initial where that fits.
    const text = ctx.measureText(mark.label).width <= w - 6 ? mark.label : w > 10 ? mark.label.charAt(0) : "";
    if (text) {
      ctx.fillStyle = "#111318";
      ctx.fillText(text, x + 3, y + h / 2);
    }
    if (mark.id === s.selectedMark) {
      ctx.strokeStyle = "#ffffff";
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x + 0.75, y + 0.75, w - 1.5, h - 1.5);
    }
  }
}
