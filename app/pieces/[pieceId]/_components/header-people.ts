/** How many people the header shows by name before the rest fold into "+N", so that it stays on one row. */
export const HEADER_PEOPLE = 3;

/**
 * The first people shown by name and the rest folded away: all of them when they fit in `max` places, otherwise one
 * place fewer, the last place going to "+N" (four members in three places: two names and "+2").
 */
export function foldPeople<T>(people: readonly T[], max = HEADER_PEOPLE): { shown: T[]; more: T[] } {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`Places for people must be a whole number from 1: ${max}`);
  if (people.length <= max) return { shown: [...people], more: [] };
  return { shown: people.slice(0, max - 1), more: people.slice(max - 1) };
}

/** The members with the signed-in person first: their own entry says "you" and carries their role, so it never folds away. */
export function youFirst<T extends { userId: string }>(members: readonly T[], userId: string): T[] {
  return [...members.filter((m) => m.userId === userId), ...members.filter((m) => m.userId !== userId)];
}
