/** What a ledger `update` row changed about a note, named the way a musician would say it. */
import type { Note } from "../../lib/doc-schema";

export type EditKind = "moved" | "re-pitched" | "re-timed" | "re-sized" | "re-velocitied" | "moved-track";

export interface EditChange {
  field: keyof Note;
  from: Note[keyof Note];
  to: Note[keyof Note];
}

export const EDIT_LABEL: Record<EditKind, string> = {
  moved: "moved",
  "re-pitched": "re-pitched",
  "re-timed": "re-timed",
  "re-sized": "re-sized",
  "re-velocitied": "re-velocitied",
  "moved-track": "moved to another track",
};

const FIELDS: (keyof Note)[] = ["track", "pitch", "start", "duration", "velocity"];

/** The fields that differ, in a fixed order. */
export function changedFields(before: Note, after: Note): EditChange[] {
  return FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({ field, from: before[field], to: after[field] }));
}

/**
 * A drag that changes both pitch and time is a move; pitch alone is a re-pitch, start alone a re-time,
 * duration a re-size, velocity a re-velocity; a change of track is reported on its own.
 */
export function classifyEdit(before: Note, after: Note): EditKind[] {
  const changed = new Set(changedFields(before, after).map((c) => c.field));
  const kinds: EditKind[] = [];
  if (changed.has("track")) kinds.push("moved-track");
  if (changed.has("pitch") && changed.has("start")) kinds.push("moved");
  else if (changed.has("pitch")) kinds.push("re-pitched");
  else if (changed.has("start")) kinds.push("re-timed");
  if (changed.has("duration")) kinds.push("re-sized");
  if (changed.has("velocity")) kinds.push("re-velocitied");
  return kinds;
}
