import { BAR, EOS, MAX_DUR, describe, tok } from "./vocab";

/** Where a decoder is inside the region section (after MID), for structural logit masks. */
export interface GrammarState {
  readonly nBars: number; // bars in the region
  readonly barLen: number; // grid ticks a bar
  readonly tracks: readonly number[]; // region tracks, ascending
  barsOpened: number;
  last: "mid" | "bar" | "track" | "pos" | "dur" | "pitch" | "eos";
  bar: number; // window bar of the current BAR (startBar + barsOpened - 1)
  track: number;
  pos: number;
  dur: number;
  prevPitch: number; // pitch of the previous note in this track group (-1 at the group's start)
  prevPos: number; // its onset; a note at the same onset must be higher (chords are written upwards)
}

export interface DecodedNote {
  bar: number;
  track: number;
  pos: number;
  duration: number;
  pitch: number;
}

export function initialGrammar(region: { startBar: number; endBar: number; tracks: number[] }, barLen: number): GrammarState {
  return {
    nBars: region.endBar - region.startBar,
    barLen,
    tracks: [...new Set(region.tracks)].sort((a, b) => a - b),
    barsOpened: 0,
    last: "mid",
    bar: region.startBar - 1,
    track: -1,
    pos: -1,
    dur: -1,
    prevPitch: -1,
    prevPos: -1,
  };
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** Token ids the grammar allows next (before any musical constraint). Empty once EOS is written. */
export function allowedNext(s: GrammarState): number[] {
  const closers = (): number[] => (s.barsOpened < s.nBars ? [BAR] : [EOS]);
  const laterTracks = (): number[] => s.tracks.filter((t) => t > s.track).map(tok.track);
  switch (s.last) {
    case "mid":
      return [BAR];
    case "bar":
      return [...laterTracks(), ...closers()];
    case "track":
      return range(0, s.barLen).map(tok.pos);
    case "pos":
      return range(1, MAX_DUR + 1).map(tok.dur);
    case "dur":
      return range(s.pos === s.prevPos ? s.prevPitch + 1 : 0, 128).map(tok.pitch);
    case "pitch":
      return [...range(s.prevPitch >= 127 ? s.pos + 1 : s.pos, s.barLen).map(tok.pos), ...laterTracks(), ...closers()];
    case "eos":
      return [];
  }
}

/** Advances the state by one token; returns the note that token completed, if any. */
export function advance(s: GrammarState, id: number): DecodedNote | null {
  const { kind, value } = describe(id);
  switch (kind) {
    case "bar":
      s.barsOpened++;
      s.bar++;
      s.track = s.pos = s.dur = s.prevPitch = s.prevPos = -1;
      s.last = "bar";
      return null;
    case "track":
      s.track = value;
      s.pos = s.prevPitch = s.prevPos = -1;
      s.last = "track";
      return null;
    case "pos":
      s.pos = value;
      s.last = "pos";
      return null;
    case "dur":
      s.dur = value;
      s.last = "dur";
      return null;
    case "pitch":
      s.last = "pitch";
      s.prevPitch = value;
      s.prevPos = s.pos;
      return { bar: s.bar, track: s.track, pos: s.pos, duration: s.dur, pitch: value };
    case "eos":
      s.last = "eos";
      return null;
    default:
      throw new Error(`token ${id} (${kind}) cannot appear in a region`);
  }
}
