/** Notes (solid, hatched for model notes) and ghost candidates (translucent, dashed outline). */
import { noteRect, pitchToY, tickToX, type Rect } from "./geometry";
import { TICKS_PER_BEAT, ticksPerBar } from "@/lib/time";
import type { Scene } from "./scene";

/**
 * Below this many px a beat, notes are too small for outlines, stripes or labels: they are filled in one pass per
 * colour, since the whole of a long piece in view is thousands of notes a frame (one state change and two draws a
 * note took 30-40 ms a frame for 10,000 notes).
 */
const DENSE_BEAT_PX = 8;

export function drawNotes(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.viewport;
  if (v.pxPerTick * TICKS_PER_BEAT < DENSE_BEAT_PX) return drawDense(ctx, s);
  // The labels' font is set only when it changes: each assignment is parsed again.
  let font = "";
  ctx.textBaseline = "middle";
  for (const n of s.notes) {
    const r = noteRect(v, n);
    if (r.x > v.width || r.x + r.w < v.keysWidth || r.y > v.height || r.y + r.h < v.rulerHeight) continue;
    const style = s.styleOf(n);
    ctx.globalAlpha = style.dim ? 0.6 : 1;
    ctx.fillStyle = style.colour;
    ctx.fillRect(r.x, r.y + 0.5, r.w, r.h - 1);
    if (style.hatched) hatch(ctx, r);
    if (style.label && r.w >= 12 && r.h >= 9) {
      ctx.fillStyle = "#111318";
      const labelFont = `bold ${Math.min(11, r.h - 1)}px system-ui, sans-serif`;
      if (labelFont !== font) ctx.font = font = labelFont;
      ctx.fillText(style.label, r.x + 3, r.y + r.h / 2, r.w - 4);
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = s.selection.has(n.id) ? "#ffffff" : "#00000066";
    ctx.lineWidth = s.selection.has(n.id) ? 2 : 1;
    ctx.strokeRect(r.x + 0.5, r.y + 1, Math.max(1, r.w - 1), r.h - 2);
  }
}

/** Notes as filled rectangles, one path per colour and dimness (in the notes' order: the selected track's on top), the selection outlined. */
function drawDense(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.viewport;
  const groups = new Map<string, { colour: string; alpha: number; path: Path2D }>();
  const selected = new Path2D();
  for (const n of s.notes) {
    const r = noteRect(v, n);
    if (r.x > v.width || r.x + r.w < v.keysWidth || r.y > v.height || r.y + r.h < v.rulerHeight) continue;
    const style = s.styleOf(n);
    const key = `${style.dim ? "dim " : ""}${style.colour}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { colour: style.colour, alpha: style.dim ? 0.6 : 1, path: new Path2D() }));
    group.path.rect(r.x, r.y + 0.5, r.w, r.h - 1);
    if (s.selection.has(n.id)) selected.rect(r.x + 0.5, r.y + 1, Math.max(1, r.w - 1), r.h - 2);
  }
  for (const g of groups.values()) {
    ctx.globalAlpha = g.alpha;
    ctx.fillStyle = g.colour;
    ctx.fill(g.path);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 1;
  ctx.stroke(selected);
}

/** Diagonal stripes: colour-blind readers can tell model notes without relying on hue. */
function hatch(ctx: CanvasRenderingContext2D, r: Rect): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(r.x, r.y, r.w, r.h);
  ctx.clip();
  ctx.strokeStyle = "#000000aa";
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  for (let x = r.x - r.h; x < r.x + r.w; x += 5) {
    ctx.moveTo(x, r.y + r.h);
    ctx.lineTo(x + r.h, r.y);
  }
  ctx.stroke();
  ctx.restore();
}

export function drawGhosts(ctx: CanvasRenderingContext2D, s: Scene): void {
  const g = s.ghost;
  if (!g) return;
  const v = s.viewport;
  const tpb = ticksPerBar(s.meter);
  const x0 = tickToX(v, g.region.startBar * tpb);
  const x1 = tickToX(v, g.region.endBar * tpb);
  ctx.fillStyle = "#ffd23f14";
  ctx.fillRect(x0, v.rulerHeight, x1 - x0, v.height);
  ctx.setLineDash([5, 3]);
  for (const n of g.notes) {
    const r = noteRect(v, n);
    const colour = g.colourOf(n);
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = colour;
    ctx.fillRect(r.x, r.y + 0.5, r.w, r.h - 1);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(r.x + 0.5, r.y + 1, Math.max(1, r.w - 1), r.h - 2);
  }
  ctx.setLineDash([]);
  const top = Math.max(v.rulerHeight + 2, pitchToY(v, Math.min(g.region.pitchHi, v.topPitch)) + 2);
  label(ctx, g.label, Math.max(v.keysWidth + 4, x0 + 4), top, "#ffd23f");
}

export function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string): void {
  ctx.font = "11px system-ui, sans-serif";
  ctx.textBaseline = "top";
  const w = ctx.measureText(text).width + 8;
  ctx.fillStyle = colour;
  ctx.fillRect(x, y, w, 16);
  ctx.fillStyle = "#111318";
  ctx.fillText(text, x + 4, y + 2);
}
