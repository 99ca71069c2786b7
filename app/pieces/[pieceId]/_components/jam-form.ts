/**
 * The Jam panel's form, as people fill it in (bars from 1, a mood and the controls), and the JamSettings it asks the
 * server for. The defaults come from the piece: the selected bars (or bars 1-4), its tempo up to the jam's 140 bpm,
 * the selected track to play, and tracks for the model that suit the mode.
 */
import type { Track } from "@/lib/doc-schema";
import { withMood } from "@/lib/controls";
import { JAM_GRIDS, JAM_LIMITS, jamSettingsSchema, type JamMode, type JamSettings } from "@/lib/jam/settings";
import type { Steering } from "./steering-fields";

export type JamGrid = (typeof JAM_GRIDS)[number];

export const GRID_NAMES: Record<JamGrid, string> = { 0: "as played", 120: "1/16", 240: "1/8", 480: "1/4" };

export const MODE_NAMES: Record<JamMode, string> = { "call-and-response": "Call and response", accompaniment: "Accompaniment" };

export interface JamForm {
  mode: JamMode;
  /** The loop, as people count bars: from 1, both ends included. */
  fromBar: number;
  toBar: number;
  bpm: number;
  playerTrack: string;
  modelTracks: string[];
  callBars: number;
  grid: JamGrid;
  steering: Steering;
}

type PieceTrack = Track & { id: string };

/** Accompaniment: the rhythm section (bass, drums, chords); call and response: a line to answer on, not the drums. */
export function modelTracksFor(mode: JamMode, tracks: readonly PieceTrack[], playerTrack: string): string[] {
  const others = tracks.filter((t) => t.id !== playerTrack);
  const suited = mode === "accompaniment" ? others.filter((t) => t.role === "bass" || t.role === "drums" || t.role === "chords") : others.filter((t) => t.role !== "drums");
  return (suited.length > 0 ? suited : others).slice(0, mode === "accompaniment" ? JAM_LIMITS.modelTracks.max : 1).map((t) => t.id);
}

export function defaultJamForm(p: { bpm: number; tracks: readonly PieceTrack[]; track: string; selection: { startBar: number; endBar: number } | null }): JamForm {
  const fromBar = p.selection ? p.selection.startBar + 1 : 1;
  const toBar = p.selection ? Math.min(p.selection.endBar, p.selection.startBar + JAM_LIMITS.loopBars.max) : 4;
  const playerTrack = p.tracks.some((t) => t.id === p.track) ? p.track : (p.tracks[0]?.id ?? "");
  return {
    mode: "call-and-response",
    fromBar,
    toBar,
    bpm: Math.min(JAM_LIMITS.bpm.max, Math.max(JAM_LIMITS.bpm.min, Math.round(p.bpm))),
    playerTrack,
    modelTracks: modelTracksFor("call-and-response", p.tracks, playerTrack),
    callBars: (toBar - fromBar + 1) % 4 === 0 ? 2 : 1,
    grid: 120,
    steering: { controls: {} },
  };
}

const FIELD_NAMES: Record<string, string> = { bars: "Loop", startBar: "Loop", bpm: "Tempo", playerTrack: "Your track", modelTracks: "The model's tracks", callBars: "Call length" };

/** The settings to start with, or what is wrong with the form, in words. `tonic`: the piece's, for a mood's key. */
export function jamSettingsOf(form: JamForm, tonic: number): { settings: JamSettings; error: null } | { settings: null; error: string } {
  const parsed = jamSettingsSchema.safeParse({
    mode: form.mode,
    startBar: form.fromBar - 1,
    bars: form.toBar - form.fromBar + 1,
    bpm: form.bpm,
    playerTrack: form.playerTrack,
    modelTracks: form.modelTracks,
    callBars: form.callBars,
    grid: form.grid,
    controls: withMood(form.steering.mood, form.steering.controls, tonic),
  });
  if (parsed.success) return { settings: parsed.data, error: null };
  const issue = parsed.error.issues[0];
  const field = FIELD_NAMES[String(issue.path[0])];
  return { settings: null, error: field ? `${field}: ${issue.message}` : issue.message };
}
