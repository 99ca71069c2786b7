/** The velocity lane under the rows, the loop band, and the keyboard cursor. */
import { gridBottom, noteRect, pitchToY, tickToX, velocityToY } from "./geometry";
import type { Scene } from "./scene";

export function drawLane(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.viewport;
  if (v.laneHeight <= 0) return;
  const top = gridBottom(v);
  ctx.fillStyle = "#111318";
  ctx.fillRect(0, top, v.width, v.laneHeight);
  ctx.fillStyle = "#4a5163";
  ctx.fillRect(0, top, v.width, 1);
  ctx.font = "10px system-ui, sans-serif";
  ctx.textBaseline = "top";
  ctx.fillStyle = "#9aa1b1";
  ctx.fillText("Velocity", 4, top + 4, v.keysWidth - 6);
  ctx.save();
  ctx.beginPath();
  ctx.rect(v.keysWidth, top + 1, v.width - v.keysWidth, v.laneHeight - 1);
  ctx.clip();
  const base = top + v.laneHeight - 4;
  for (const n of s.notes) {
    if (n.track !== s.track) continue;
    const x = noteRect(v, n).x;
    if (x < v.keysWidth - 4 || x > v.width) continue;
    const y = velocityToY(v, n.velocity);
    const selected = s.selection.has(n.id);
    ctx.fillStyle = selected ? "#ffffff" : s.styleOf(n).colour;
    ctx.fillRect(Math.round(x), y, 2, base - y);
    ctx.fillRect(Math.round(x) - 2, y - 1, 6, 3);
  }
  ctx.restore();
}

/** The loop's left and right x (a ruler drag in progress wins over the set loop), or null. */
function loopXs(s: Scene): [number, number] | null {
  const loop = s.preview.kind === "loop" ? s.preview.loop : s.loop;
  if (!loop || loop.endTick <= loop.startTick) return null;
  return [tickToX(s.viewport, loop.startTick), tickToX(s.viewport, loop.endTick)];
}

export function drawLoop(ctx: CanvasRenderingContext2D, s: Scene): void {
  const xs = loopXs(s);
  if (!xs) return;
  const [x0, x1] = xs;
  const v = s.viewport;
  ctx.fillStyle = "#6fdc8c12";
  ctx.fillRect(x0, v.rulerHeight, x1 - x0, gridBottom(v) - v.rulerHeight);
  // The ruler band is drawn later, over the ruler; here the edges run down the grid.
  ctx.fillStyle = "#6fdc8c88";
  ctx.fillRect(Math.round(x0), v.rulerHeight, 1, gridBottom(v) - v.rulerHeight);
  ctx.fillRect(Math.round(x1), v.rulerHeight, 1, gridBottom(v) - v.rulerHeight);
}

/** The loop's band in the ruler, with a text label so it does not rely on colour. */
export function drawLoopInRuler(ctx: CanvasRenderingContext2D, s: Scene): void {
  const xs = loopXs(s);
  if (!xs) return;
  const [x0, x1] = xs;
  ctx.fillStyle = "#6fdc8c55";
  ctx.fillRect(x0, 0, x1 - x0, 8);
  ctx.font = "9px system-ui, sans-serif";
  ctx.textBaseline = "top";
  ctx.fillStyle = "#6fdc8c";
  if (x1 - x0 > 30) ctx.fillText("LOOP", x0 + 3, 0);
}

export function drawKeyCursor(ctx: CanvasRenderingContext2D, s: Scene): void {
  const c = s.keyCursor;
  if (!c) return;
  const v = s.viewport;
  const x = tickToX(v, c.tick);
  const y = pitchToY(v, c.pitch);
  ctx.setLineDash([3, 2]);
  ctx.strokeStyle = "#ffd23f";
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x + 0.5, y + 0.5, Math.max(6, s.grid * v.pxPerTick) - 1, v.rowHeight - 1);
  ctx.setLineDash([]);
}
