import type { FimRegion, TokNote } from "./encode";
import { keyOfIndex, STYLES, TRACK_CONTROLS, type RegionControls, type TrackControlName } from "./controls";
import { BAR, CTX, EOS, MID, REGION, describe } from "./vocab";

/**
 * Reads BAR / TRACK / POS / DUR / PITCH tokens back into notes; the first BAR opens `firstBar`.
 * Stops at EOS or at any token of another section; a note cut off mid-way is dropped.
 */
export function decodeBars(tokens: number[], firstBar: number, barLen: number): TokNote[] {
  const notes: TokNote[] = [];
  let bar = firstBar - 1;
  let track = -1;
  let pos = -1;
  let dur = -1;
  for (const id of tokens) {
    const { kind, value } = describe(id);
    if (kind === "bar") {
      bar++;
      track = pos = dur = -1;
    } else if (kind === "track") track = value;
    else if (kind === "pos") pos = value;
    else if (kind === "dur") dur = value;
    else if (kind === "pitch") {
      if (bar >= firstBar && track >= 0 && pos >= 0 && dur > 0) notes.push({ track, pitch: value, start: bar * barLen + pos, duration: dur });
      pos = dur = -1;
    } else break;
  }
  return notes;
}

/** Parses a whole FIM sequence (as encodeFim writes it) back into context, region and region notes. */
export function decodeFim(
  tokens: number[],
  barLen: number,
): { context: TokNote[]; region: FimRegion; controls: RegionControls; regionNotes: TokNote[] } {
  const ctx = tokens.indexOf(CTX);
  const reg = tokens.indexOf(REGION);
  const mid = tokens.indexOf(MID);
  if (ctx < 0 || reg < ctx || mid < reg) throw new Error("not a FIM sequence: CTX, REGION and MID must appear in order");
  const { region, controls } = readRegionControls(tokens.slice(reg + 1, mid));
  const end = tokens.indexOf(EOS, mid);
  const body = tokens.slice(mid + 1, end < 0 ? undefined : end);
  return {
    context: decodeBars(tokens.slice(ctx + 1, reg), 0, barLen),
    region,
    controls,
    regionNotes: body[0] === BAR ? decodeBars(body, region.startBar, barLen) : [],
  };
}

/** The region a header (the tokens between REGION and MID) describes. */
export function readRegionHeader(header: readonly number[]): FimRegion {
  return readRegionControls(header).region;
}

/** The region a header describes and the controls it asks for (tandem-fim-2; none in a tandem-fim-1 header). */
export function readRegionControls(header: readonly number[]): { region: FimRegion; controls: RegionControls } {
  const region: FimRegion = { startBar: 0, endBar: 0, pitchLo: 0, pitchHi: 127, tracks: [] };
  const controls: RegionControls = {};
  for (const id of header) {
    const { kind, value } = describe(id);
    if ((TRACK_CONTROLS as string[]).includes(kind)) {
      const track = region.tracks[region.tracks.length - 1];
      const tracks = (controls.tracks ??= {});
      (tracks[track] ??= {})[kind as TrackControlName] = value;
    } else if (kind === "style") controls.style = STYLES[value];
    else if (kind === "key") controls.key = keyOfIndex(value);
    else if (kind === "rstart") region.startBar = value;
    else if (kind === "rend") region.endBar = value;
    else if (kind === "plo") region.pitchLo = value;
    else if (kind === "phi") region.pitchHi = value;
    else if (kind === "rtrack") region.tracks.push(value);
  }
  return { region, controls };
}
