/** Overlays: this user's AI region and marquee, and the other people's cursors and selections. */
import { ticksPerBar } from "@/lib/time";
import { noteRect, pitchToY, tickToX } from "./geometry";
import { label } from "./render-notes";
import type { RegionView, Scene } from "./scene";

export function drawOverlays(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.viewport;
  const region = s.preview.kind === "region" ? { ...s.preview.range, pitchLo: 0, pitchHi: 127 } : s.region;
  if (region) drawRegion(ctx, s, region, "#7aa2ff");
  if (s.preview.kind === "marquee") {
    const r = s.preview.rect;
    ctx.fillStyle = "#7aa2ff22";
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.strokeStyle = "#a5c0ff";
    ctx.lineWidth = 1;
    ctx.strokeRect(r.x + 0.5, r.y + 0.5, r.w, r.h);
  }
  const byId = new Map(s.notes.map((n) => [n.id, n]));
  for (const peer of s.peers) {
    const colour = peer.user.colour;
    const sel = peer.selection;
    if (sel && "noteIds" in sel) {
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2;
      for (const id of sel.noteIds) {
        const n = byId.get(id);
        if (!n) continue;
        const r = noteRect(v, n);
        ctx.strokeRect(r.x - 1.5, r.y - 0.5, r.w + 3, r.h + 1);
      }
    } else if (sel && "region" in sel) {
      drawRegion(ctx, s, { ...sel.region, pitchLo: 0, pitchHi: 127 }, colour);
    }
    if (peer.cursor) {
      const x = tickToX(v, peer.cursor.tick);
      const y = pitchToY(v, peer.cursor.pitch) + v.rowHeight / 2;
      ctx.fillStyle = colour;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x + 10, y + 4);
      ctx.lineTo(x + 4, y + 10);
      ctx.closePath();
      ctx.fill();
      label(ctx, peer.user.name, x + 10, y + 8, colour);
    }
  }
}

function drawRegion(ctx: CanvasRenderingContext2D, s: Scene, r: RegionView, colour: string): void {
  const v = s.viewport;
  const tpb = ticksPerBar(s.meter);
  const x0 = tickToX(v, r.startBar * tpb);
  const x1 = tickToX(v, r.endBar * tpb);
  const y0 = Math.max(v.rulerHeight, pitchToY(v, r.pitchHi));
  const y1 = Math.min(v.height, pitchToY(v, r.pitchLo) + v.rowHeight);
  ctx.globalAlpha = 0.12;
  ctx.fillStyle = colour;
  ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
}
