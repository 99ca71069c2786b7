/** At most `max` open collab sockets per person: more is someone holding the server's memory and descriptors, not working. */
export function createSocketCap(max: number) {
  const open = new Map<string, number>();
  return {
    /** Takes one of the user's places; returns the function that gives it back (once), or null when all are taken. */
    take(userId: string): (() => void) | null {
      const count = open.get(userId) ?? 0;
      if (count >= max) return null;
      open.set(userId, count + 1);
      let given = false;
      return () => {
        if (given) return;
        given = true;
        const left = (open.get(userId) ?? 1) - 1;
        if (left > 0) open.set(userId, left);
        else open.delete(userId);
      };
    },
  };
}
