/** One frame of the roll: the notes in view (plus any a move preview brings in), overlays and the playhead. */
import type { KeyCursor } from "./edit-actions";
import { visibleTicks, type Viewport } from "./geometry";
import type { Gesture } from "./gestures/types";
import { notesInWindow, type NoteIndex } from "./note-index";
import type { PianoRollProps } from "./piano-roll";
import { applyPreview, orderForTrack } from "./preview";
import { drawScene } from "./render";

export function draw(
  canvas: HTMLCanvasElement | null,
  v: Viewport,
  p: PianoRollProps,
  index: NoteIndex,
  selection: ReadonlySet<string>,
  gesture: Gesture | null,
  keyCursor: KeyCursor | null,
): void {
  const ctx = canvas?.getContext("2d");
  if (!canvas || !ctx || v.width === 0) return;
  const dpr = canvas.width / v.width;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const preview = gesture?.preview() ?? { kind: "none" as const };
  const { from, to } = visibleTicks(v);
  // Only the notes in view are drawn; a move preview may bring others in, so its notes are added.
  let visible = window.__tandemRollProbe?.noCull ? orderForTrack(p.notes, p.track) : notesInWindow(index, from, to);
  if (preview.kind === "move") {
    const moving = new Set(preview.ids);
    visible = [...visible.filter((n) => !moving.has(n.id)), ...p.notes.filter((n) => moving.has(n.id))];
  }
  drawScene(ctx, {
    viewport: v,
    meter: p.meter,
    grid: p.grid,
    notes: applyPreview(orderForTrack(visible, p.track), preview, p.grid),
    styleOf: p.styleOf,
    selection,
    preview,
    region: p.region,
    ghost: p.ghost,
    peers: p.peers,
    playhead: p.getPlayhead(),
    track: p.track,
    drumKeys: p.drumTrack,
    loop: p.loop,
    keyCursor,
    rulerMarks: p.rulerMarks ?? [],
    selectedMark: p.selectedRulerMark ?? null,
  });
}
