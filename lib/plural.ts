/** Counts in words, the one way the app and its exports write them: "1 note", "2 notes", "0 notes". */

/** The noun for a count: `one` for exactly 1, `many` (default: `one` + "s") for anything else. */
export const plural = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);

/** A count and its noun; pass `many` where the plural is not `one` + "s" ("entry", "entries"). */
export const countOf = (n: number, one: string, many?: string): string => `${n} ${plural(n, one, many)}`;
