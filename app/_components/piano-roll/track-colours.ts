import type { TrackRole } from "@/lib/doc-schema";
import { initialLabels } from "@/lib/initial-labels";

/** Each track's colour comes from its role, so melody is the same blue in every piece. */
export const ROLE_COLOURS: Record<TrackRole, string> = {
  melody: "#5ab0ff",
  counter: "#b388ff",
  chords: "#6fdc8c",
  bass: "#ff9f43",
  drums: "#ff5d8f",
};

export const trackColour = (role: TrackRole | undefined): string => (role ? ROLE_COLOURS[role] : "#9aa1b1");

/**
 * The short label each track's notes carry on the roll (and its row in the track panel), numbered in
 * track order when initials collide: tracks of one role share a colour, so "Melody" and "Melody 2"
 * would otherwise look the same in every way ("M1", "M2").
 */
export const trackLabels = (tracks: readonly { id: string; name: string; order: number }[]): Map<string, string> =>
  initialLabels([...tracks].sort((a, b) => a.order - b.order));
