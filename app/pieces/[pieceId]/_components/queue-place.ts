/** Where a waiting generation stands in the server's line, in words: "next in line", "2nd in line", "23rd in line". */
export function placeInLine(position: number): string {
  if (position <= 1) return "next in line";
  const tens = position % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[position % 10] ?? "th";
  return `${position}${suffix} in line`;
}

/** A generation's state as the suggestions panel names it: waiting ones by their place in line. */
export function generationState(g: { status: string; queuePosition?: number }): string {
  return g.status === "running" && g.queuePosition !== undefined ? `waiting, ${placeInLine(g.queuePosition)}` : g.status;
}
