/** One frame of the roll: the notes in view (plus any a move preview brings in), overlays and the playhead. */
import type { NoteWithId } from "@/lib/doc-schema";
import type { Meter } from "@/lib/time";
import type { Peer } from "@/app/_collab/presence";
import { loopRange } from "@/app/_playback/transport-settings";
import type { KeyCursor } from "./edit-actions";
import type { EditorState } from "./editor-state";
import { visibleTicks } from "./geometry";
import type { Gesture } from "./gestures/types";
import { notesInWindow, type NoteIndex } from "./note-index";
import { applyPreview, orderForTrack } from "./preview";
import { drawScene } from "./render";
import type { RollScale } from "./roll-scale";
import type { RulerMark } from "./ruler-marks";
import type { GhostView, NoteStyle } from "./scene";

/** What a frame shows besides the editor's state: the roll's props, and the track and snap in effect. */
export interface FrameInput {
  meter: Meter;
  notes: readonly NoteWithId[];
  styleOf(note: NoteWithId): NoteStyle;
  ghost: GhostView | null;
  peers: readonly Peer[];
  rulerMarks: readonly RulerMark[];
  getPlayhead(): number | null;
  track: string;
  grid: number;
  drumTrack: boolean;
  scale?: RollScale | null; // the piece's key, if it has one
}

export function draw(
  canvas: HTMLCanvasElement | null,
  p: FrameInput,
  s: EditorState,
  index: NoteIndex,
  gesture: Gesture | null,
  keyCursor: KeyCursor | null,
  playhead: number | null,
): void {
  const v = s.viewport;
  const ctx = canvas?.getContext("2d");
  if (!canvas || !ctx || v.width === 0) return;
  const dpr = canvas.width / v.width;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const preview = gesture?.preview() ?? { kind: "none" as const };
  const { from, to } = visibleTicks(v);
  // Only the notes in view are drawn; a move preview may bring others in, so its notes are added.
  let visible = notesInWindow(index, from, to);
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
    selection: s.selection,
    preview,
    region: s.region.range && { ...s.region.range, pitchLo: s.region.pitchLo, pitchHi: s.region.pitchHi },
    ghost: p.ghost,
    peers: p.peers,
    playhead,
    track: p.track,
    drumKeys: p.drumTrack,
    scale: p.drumTrack ? null : (p.scale ?? null),
    loop: loopRange(s.transport, p.meter),
    keyCursor,
    rulerMarks: p.rulerMarks,
    selectedMark: s.commentId,
  });
}
