import { keyIndex, STYLES, TRACK_CONTROLS, type RegionControls } from "./controls";
import { BAR, BOS, CTX, EOS, GRID_PER_BEAT, MAX_DUR, MAX_WINDOW_BARS, MID, REGION, tok } from "./vocab";

/** A note on the tokenizer's grid: start and duration in grid ticks (12 a beat) from the window start. */
export interface TokNote {
  track: number;
  pitch: number;
  start: number;
  duration: number;
  velocity?: number;
}

/** The region to fill: window bars [startBar, endBar) x pitches [pitchLo, pitchHi] x tracks. */
export interface FimRegion {
  startBar: number;
  endBar: number;
  pitchLo: number;
  pitchHi: number;
  tracks: number[];
}

export interface FimInput {
  notes: TokNote[];
  beatsPerBar: number;
  windowBars: number;
  region: FimRegion;
  /** tandem-fim-2 only: what the region should sound like; absent controls (or none at all) are auto. */
  controls?: RegionControls;
}

export const barLength = (beatsPerBar: number): number => beatsPerBar * GRID_PER_BEAT;

export function checkRegion(region: FimRegion, windowBars: number): void {
  const { startBar, endBar, pitchLo, pitchHi, tracks } = region;
  if (windowBars < 1 || windowBars > MAX_WINDOW_BARS) throw new RangeError(`window of ${windowBars} bars: must be 1..${MAX_WINDOW_BARS}`);
  if (!(startBar >= 0 && endBar > startBar && endBar <= windowBars))
    throw new RangeError(`region bars [${startBar}, ${endBar}) must be non-empty and inside the ${windowBars}-bar window`);
  if (!(pitchLo >= 0 && pitchHi <= 127 && pitchLo <= pitchHi)) throw new RangeError(`region pitches ${pitchLo}..${pitchHi} are not a range in 0..127`);
  if (tracks.length === 0) throw new RangeError("region has no tracks");
}

export function inRegion(n: TokNote, region: FimRegion, barLen: number): boolean {
  const bar = Math.floor(n.start / barLen);
  return (
    bar >= region.startBar &&
    bar < region.endBar &&
    n.pitch >= region.pitchLo &&
    n.pitch <= region.pitchHi &&
    region.tracks.includes(n.track)
  );
}

/** BAR (TRACK (POS DUR PITCH)+)* for each bar in [fromBar, toBar); notes outside are ignored. */
export function encodeBars(notes: TokNote[], fromBar: number, toBar: number, barLen: number): number[] {
  const byBar = new Map<number, TokNote[]>();
  for (const n of notes) {
    const bar = Math.floor(n.start / barLen);
    if (bar < fromBar || bar >= toBar) continue;
    let list = byBar.get(bar);
    if (!list) byBar.set(bar, (list = []));
    list.push(n);
  }
  const out: number[] = [];
  for (let bar = fromBar; bar < toBar; bar++) {
    out.push(BAR);
    const list = (byBar.get(bar) ?? []).sort((a, b) => a.track - b.track || a.start - b.start || a.pitch - b.pitch);
    let track = -1;
    for (const n of list) {
      if (n.track !== track) out.push(tok.track((track = n.track)));
      out.push(tok.pos(n.start - bar * barLen), tok.dur(Math.min(MAX_DUR, Math.max(1, n.duration))), tok.pitch(n.pitch));
    }
  }
  return out;
}

/** The prompt: BOS CTX <context bars> REGION <header> MID. */
export function encodePrompt(input: FimInput): number[] {
  const { notes, beatsPerBar, windowBars, region } = input;
  checkRegion(region, windowBars);
  const barLen = barLength(beatsPerBar);
  const context = notes.filter((n) => !inRegion(n, region, barLen));
  const tracks = [...new Set(region.tracks)].sort((a, b) => a - b);
  return [
    BOS,
    CTX,
    ...encodeBars(context, 0, windowBars, barLen),
    REGION,
    tok.rstart(region.startBar),
    tok.rend(region.endBar),
    tok.plo(region.pitchLo),
    tok.phi(region.pitchHi),
    ...tracks.flatMap((t) => [tok.rtrack(t), ...trackControlTokens(input.controls, t)]),
    ...regionControlTokens(input.controls),
    MID,
  ];
}

/** After RTRACK_t: that track's control buckets, in the fixed order of TRACK_CONTROLS. */
function trackControlTokens(controls: RegionControls | undefined, track: number): number[] {
  const mine = controls?.tracks?.[track];
  if (!mine) return [];
  return TRACK_CONTROLS.flatMap((name) => (mine[name] === undefined ? [] : [tok.control(name, mine[name])]));
}

/** Before MID: the style tag, then the key. */
function regionControlTokens(controls: RegionControls | undefined): number[] {
  const out: number[] = [];
  if (controls?.style !== undefined) out.push(tok.style(STYLES.indexOf(controls.style)));
  if (controls?.key !== undefined) out.push(tok.key(keyIndex(controls.key)));
  return out;
}

/** The target: the region's notes, bar by bar, then EOS. */
export function encodeTarget(input: FimInput): number[] {
  const { notes, beatsPerBar, region } = input;
  const barLen = barLength(beatsPerBar);
  const inside = notes.filter((n) => inRegion(n, region, barLen));
  return [...encodeBars(inside, region.startBar, region.endBar, barLen), EOS];
}

/** A whole training sequence, and where its region part starts (for a region-only loss or NLL). */
export function encodeFim(input: FimInput): { tokens: number[]; promptLength: number } {
  const prompt = encodePrompt(input);
  return { tokens: [...prompt, ...encodeTarget(input)], promptLength: prompt.length };
}
