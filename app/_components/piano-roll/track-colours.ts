import type { TrackRole } from "@/lib/doc-schema";

/** Each track's colour comes from its role, so melody is the same blue in every piece. */
export const ROLE_COLOURS: Record<TrackRole, string> = {
  melody: "#5ab0ff",
  counter: "#b388ff",
  chords: "#6fdc8c",
  bass: "#ff9f43",
  drums: "#ff5d8f",
};

export const trackColour = (role: TrackRole | undefined): string => (role ? ROLE_COLOURS[role] : "#9aa1b1");
