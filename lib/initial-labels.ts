/**
 * Short labels that tell named things apart without colour: each name's initial, numbered in the
 * given order when names share it ("Melody", "Chords", "Melody 2" -> M1, C, M2).
 */
export const initialOf = (name: string): string => name.trim().charAt(0).toUpperCase() || "?";

export function initialLabels(items: readonly { id: string; name: string }[]): Map<string, string> {
  const total = new Map<string, number>();
  for (const it of items) total.set(initialOf(it.name), (total.get(initialOf(it.name)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const labels = new Map<string, string>();
  for (const it of items) {
    const i = initialOf(it.name);
    const k = (seen.get(i) ?? 0) + 1;
    seen.set(i, k);
    labels.set(it.id, total.get(i)! > 1 ? `${i}${k}` : i);
  }
  return labels;
}
