/** A request's controls (lib/controls.ts) as the tokenizer's per-track control tokens, for the region's model tracks. */
import { CONTROL_EDGES, TRACK_CONTROLS, type GenerationControls } from "../../lib/controls";
import { DRUM_TRACK, type RegionControls, type TrackControls } from "../../models/tokenizer";

/** The velocity notes are written at for each energy bucket: the middle of its range (the tokenizer has no velocity). */
export const ENERGY_VELOCITY = [48, 63, 78, 96] as const;

/** Controls for a tandem-fim-2 prompt; undefined (all auto) when nothing is asked. Register means nothing on drums. */
export function regionControls(controls: GenerationControls | undefined, modelTracks: readonly number[]): RegionControls | undefined {
  if (!controls) return undefined;
  const perTrack: TrackControls = {};
  for (const name of TRACK_CONTROLS) if (controls[name] !== undefined) perTrack[name] = controls[name];
  const tracks: Record<number, TrackControls> = {};
  for (const t of modelTracks) {
    const { register, ...rest } = perTrack;
    tracks[t] = t === DRUM_TRACK || register === undefined ? rest : { ...rest, register };
  }
  const any = Object.keys(perTrack).length > 0 || controls.style !== undefined || controls.key !== undefined;
  return any ? { tracks, style: controls.style, key: controls.key } : undefined;
}

/** The velocity an energy bucket asks for, or undefined to keep the context's. */
export const energyVelocity = (controls: GenerationControls | undefined): number | undefined =>
  controls?.energy === undefined ? undefined : ENERGY_VELOCITY[Math.min(controls.energy, CONTROL_EDGES.energy.length)];
