/** Draws a Scene on a 2D canvas context: background, grid, notes, then overlays. */
import { ticksPerBar } from "@/lib/time";
import { drumName } from "./drum-names";
import { gridBottom, isBlackKey, pitchName, pitchToY, tickToX, visiblePitches, visibleTicks, type Viewport } from "./geometry";
import { drawKeyCursor, drawLane, drawLoop, drawLoopInRuler } from "./render-lane";
import { drawGhosts, drawNotes } from "./render-notes";
import { drawOverlays } from "./render-overlays";
import { drawRulerMarks } from "./render-ruler-marks";
import { rowShade, type RollScale, type RowShade } from "./roll-scale";
import type { Scene } from "./scene";

const C = {
  bg: "#171a20",
  blackRow: "#13151a",
  sixteenth: "#1f232b",
  beat: "#2a2f3a",
  bar: "#4a5163",
  keysWhite: "#d9dce3",
  keysBlack: "#2b2f38",
  ruler: "#1c1f26",
  text: "#9aa1b1",
  playhead: "#ffffff",
  scaleRow: "#1e232c",
  tonicRow: "#1f2a3f",
  tonicKey: "#6d8cff",
};

/** Row fills by shade; "plain" rows keep the background. */
const ROW_FILL: Record<RowShade, string | null> = { plain: null, outside: C.blackRow, scale: C.scaleRow, tonic: C.tonicRow };

export function drawScene(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.viewport;
  ctx.save();
  ctx.fillStyle = C.bg;
  ctx.fillRect(0, 0, v.width, v.height);
  clipTo(ctx, v.keysWidth, v.rulerHeight, v.width - v.keysWidth, gridBottom(v) - v.rulerHeight, () => {
    drawRows(ctx, v, s.scale);
    drawGridLines(ctx, s);
    drawLoop(ctx, s);
    drawNotes(ctx, s);
    drawGhosts(ctx, s);
    drawOverlays(ctx, s);
    drawKeyCursor(ctx, s);
  });
  drawLane(ctx, s);
  drawKeys(ctx, v, s.drumKeys, s.scale);
  drawRuler(ctx, s);
  drawPlayhead(ctx, s);
  ctx.restore();
}

export function clipTo(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, fn: () => void): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  fn();
  ctx.restore();
}

function drawRows(ctx: CanvasRenderingContext2D, v: Viewport, scale: RollScale | null): void {
  const { lo, hi } = visiblePitches(v);
  for (let p = lo; p <= hi; p++) {
    const fill = ROW_FILL[rowShade(p, scale, isBlackKey(p))];
    if (fill === null) continue;
    ctx.fillStyle = fill;
    ctx.fillRect(v.keysWidth, pitchToY(v, p), v.width, v.rowHeight);
  }
  ctx.fillStyle = C.beat;
  for (let p = lo; p <= hi; p++) if (p % 12 === 0) ctx.fillRect(v.keysWidth, pitchToY(v, p) + v.rowHeight - 1, v.width, 1);
}

function drawGridLines(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.viewport;
  const tpb = ticksPerBar(s.meter);
  const beat = tpb / s.meter.beatsPerBar;
  // Thin lines only when they are far enough apart to read.
  const step = s.grid * v.pxPerTick >= 6 ? s.grid : beat * v.pxPerTick >= 6 ? beat : tpb;
  const { from, to } = visibleTicks(v);
  for (let t = Math.floor(from / step) * step; t <= to; t += step) {
    ctx.fillStyle = t % tpb === 0 ? C.bar : t % beat === 0 ? C.beat : C.sixteenth;
    ctx.fillRect(Math.round(tickToX(v, t)), v.rulerHeight, 1, v.height - v.rulerHeight);
  }
}

function drawKeys(ctx: CanvasRenderingContext2D, v: Viewport, drums: boolean, scale: RollScale | null): void {
  clipTo(ctx, 0, v.rulerHeight, v.keysWidth, gridBottom(v) - v.rulerHeight, () => {
    const { lo, hi } = visiblePitches(v);
    ctx.font = "10px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (let p = lo; p <= hi; p++) {
      const y = pitchToY(v, p);
      const black = isBlackKey(p) && !(drums && drumName(p));
      ctx.fillStyle = black ? C.keysBlack : C.keysWhite;
      ctx.fillRect(0, y, black ? v.keysWidth * 0.62 : v.keysWidth, v.rowHeight);
      ctx.fillStyle = "#00000033";
      ctx.fillRect(0, y + v.rowHeight - 1, v.keysWidth, 1);
      if (scale && p % 12 === scale.tonic) {
        // The tonic's keys carry a mark at their edge beside the tinted row.
        ctx.fillStyle = C.tonicKey;
        ctx.fillRect(v.keysWidth - 4, y, 3, v.rowHeight - 1);
      }
      const name = drums ? drumName(p) : null;
      if (name && v.rowHeight >= 8) {
        // On a drum track every GM key is named; the black-key shading stays so rows are easy to follow.
        ctx.fillStyle = black ? "#d9dce3" : "#2b2f38";
        ctx.fillText(name, 4, y + v.rowHeight / 2, v.keysWidth - 8);
      } else if (p % 12 === 0) {
        ctx.fillStyle = "#2b2f38";
        ctx.fillText(pitchName(p), v.keysWidth - 24, y + v.rowHeight / 2);
      }
    }
  });
  ctx.fillStyle = C.bar;
  ctx.fillRect(v.keysWidth - 1, v.rulerHeight, 1, v.height);
}

function drawRuler(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.viewport;
  ctx.fillStyle = C.ruler;
  ctx.fillRect(0, 0, v.width, v.rulerHeight);
  ctx.fillStyle = C.bar;
  ctx.fillRect(0, v.rulerHeight - 1, v.width, 1);
  const tpb = ticksPerBar(s.meter);
  const { from, to } = visibleTicks(v);
  // Label every bar, or every 2nd, 4th, 8th... when zoomed far out (a long piece as a whole).
  let every = 1;
  while (tpb * v.pxPerTick * every < 28) every *= 2;
  clipTo(ctx, v.keysWidth, 0, v.width - v.keysWidth, v.rulerHeight, () => {
    ctx.font = "11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (let bar = Math.floor(from / tpb); bar * tpb <= to; bar++) {
      const x = tickToX(v, bar * tpb);
      ctx.fillStyle = C.bar;
      ctx.fillRect(Math.round(x), v.rulerHeight - 8, 1, 8);
      if (bar % every === 0) {
        ctx.fillStyle = C.text;
        ctx.fillText(String(bar + 1), x + 4, v.rulerHeight / 2);
      }
    }
    drawLoopInRuler(ctx, s);
    drawRulerMarks(ctx, s);
  });
}

function drawPlayhead(ctx: CanvasRenderingContext2D, s: Scene): void {
  if (s.playhead === null) return;
  const v = s.viewport;
  const x = tickToX(v, s.playhead);
  if (x < v.keysWidth || x > v.width) return;
  ctx.fillStyle = C.playhead;
  ctx.fillRect(Math.round(x), 0, 2, v.height);
}

