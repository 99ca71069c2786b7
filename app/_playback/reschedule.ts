/**
 * While the piece plays, a collaborator's edit changes the schedule under the playhead. Rather than restart
 * (a gap, the count-in again), the player swaps only what changed in its Part: this says which entries go and
 * which come, keeping the entries that stay as the very objects the Part holds.
 */
import { groupBy } from "@/lib/group-by";
import type { Click, PlayEvent, Schedule } from "./schedule";

export type PartItem = { kind: "note"; e: PlayEvent } | { kind: "click"; c: Click };
/** One entry of Tone's Part: its part time and what to play then. */
export interface PartEntry {
  time: number;
  item: PartItem;
}

/** The Part's entries for a schedule: its notes and metronome clicks. */
export function partEntries(s: Schedule): PartEntry[] {
  return [
    ...s.events.map((e): PartEntry => ({ time: e.time, item: { kind: "note", e } })),
    ...s.clicks.map((c): PartEntry => ({ time: c.time, item: { kind: "click", c } })),
  ];
}

const keyOf = ({ time, item }: PartEntry): string =>
  item.kind === "note"
    ? `n ${time} ${item.e.duration} ${item.e.pitch} ${item.e.velocity} ${item.e.instrument} ${item.e.track}`
    : `c ${time} ${item.c.accent}`;

export interface PartChanges {
  /** Entries of `playing` to take out of the Part (the objects it holds). */
  removed: PartEntry[];
  /** New entries to put in. */
  added: PartEntry[];
  /** The entries the Part holds afterwards: the kept ones of `playing`, then the added. */
  next: PartEntry[];
}

/** What turns the entries being played into those of the new schedule (a multiset difference: two equal notes are two). */
export function partChanges(playing: readonly PartEntry[], wanted: readonly PartEntry[]): PartChanges {
  const pool = groupBy(playing, keyOf);
  const kept: PartEntry[] = [];
  const added: PartEntry[] = [];
  for (const e of wanted) {
    const same = pool.get(keyOf(e))?.pop();
    if (same) kept.push(same);
    else added.push(e);
  }
  const removed = [...pool.values()].flat();
  return { removed, added, next: [...kept, ...added] };
}

/**
 * Whether `next` can replace `playing` in place: the same start, tempo and loop, so the playhead and every
 * entry kept mean the same time. (A tempo, loop or start change restarts playback instead, see use-player.ts.)
 */
export function sameTimeline(playing: Schedule, next: Schedule): boolean {
  return (
    playing.bpm === next.bpm &&
    playing.startAt === next.startAt &&
    playing.beginTick === next.beginTick &&
    playing.partTick === next.partTick &&
    playing.offset === next.offset &&
    (playing.loop?.seconds ?? null) === (next.loop?.seconds ?? null)
  );
}
