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

/**
 * The short label each track's notes carry on the roll (and its row in the track panel): the name's
 * initial, numbered in track order when tracks share it. Tracks of one role share a colour, so
 * "Melody" and "Melody 2" would otherwise look the same in every way ("M1", "M2").
 */
export function trackLabels(tracks: readonly { id: string; name: string; order: number }[]): Map<string, string> {
  const initial = (name: string) => name.trim().charAt(0).toUpperCase() || "?";
  const ordered = [...tracks].sort((a, b) => a.order - b.order);
  const total = new Map<string, number>();
  for (const t of ordered) total.set(initial(t.name), (total.get(initial(t.name)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const t of ordered) {
    const i = initial(t.name);
    const k = (seen.get(i) ?? 0) + 1;
    seen.set(i, k);
    labels.set(t.id, total.get(i)! > 1 ? `${i}${k}` : i);
  }
  return labels;
}
