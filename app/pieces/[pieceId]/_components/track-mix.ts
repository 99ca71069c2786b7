/**
 * Each listener's own mix: which tracks they muted or soloed. Kept local (never in the Y.Doc), so
 * muting the drums for yourself does not silence them for a collaborator. Volume and instrument
 * are shared and live on the Track itself (see lib/doc-schema.ts).
 */

export interface TrackMix {
  muted: ReadonlySet<string>;
  soloed: ReadonlySet<string>;
}

export const EMPTY_MIX: TrackMix = { muted: new Set(), soloed: new Set() };

/** DAW rule: when anything is soloed only soloed tracks play; a muted track never plays. */
export function isAudible(trackId: string, mix: TrackMix): boolean {
  if (mix.muted.has(trackId)) return false;
  return mix.soloed.size === 0 || mix.soloed.has(trackId);
}

/** The ids among `trackIds` that should be heard under this mix. */
export function audibleTracks(trackIds: Iterable<string>, mix: TrackMix): Set<string> {
  const out = new Set<string>();
  for (const id of trackIds) if (isAudible(id, mix)) out.add(id);
  return out;
}

/** Toggles one id in one of the mix's sets, returning a new mix (React state friendly). */
export function toggleMix(mix: TrackMix, which: keyof TrackMix, trackId: string): TrackMix {
  const next = new Set(mix[which]);
  if (next.has(trackId)) next.delete(trackId);
  else next.add(trackId);
  return { ...mix, [which]: next };
}
