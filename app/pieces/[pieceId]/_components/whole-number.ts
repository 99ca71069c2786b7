/** A whole number as typed: rounded and capped at `max`, or null while the field is empty, half-typed or below `min`. */
export function parseWhole(text: string, min: number, max: number): number | null {
  if (text.trim() === "") return null;
  const n = Math.round(Number(text));
  return Number.isFinite(n) && n >= min ? Math.min(max, n) : null;
}
