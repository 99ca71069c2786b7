"use client";
/**
 * The chord symbols over the bars, worked out again only when the notes, tracks, meter, key or typed symbols change,
 * and then in an idle moment after the frame that shows the change: for a long piece that is tens of milliseconds,
 * which the first frame of its notes used to wait for.
 */
import { useEffect, useMemo, useState } from "react";
import { chordSlots, type ChordSlot } from "@/lib/chord-slots";
import { isDrumTrack, type NoteWithId, type PieceMeta, type Track } from "@/lib/doc-schema";
import { keyFifths } from "@/lib/key";
import { whenIdleAfterPaint } from "@/app/_components/after-paint";

/** At the latest this long after a change, the symbols follow it (ms). */
const FOLLOW_MS = 250;

export function useChordSlots(notes: readonly NoteWithId[], tracks: ReadonlyMap<string, Track>, meta: PieceMeta, chords: ReadonlyMap<number, string>): ChordSlot[] {
  const pitched = useMemo(() => notes.filter((n) => !isDrumTrack(tracks.get(n.track))), [notes, tracks]);
  const { beatsPerBar, beatUnit, key } = meta;
  const fifths = key ? keyFifths(key) : null;
  const [slots, setSlots] = useState<ChordSlot[]>([]);
  useEffect(
    () => whenIdleAfterPaint(() => setSlots(chordSlots(pitched, { beatsPerBar, beatUnit }, chords, fifths)), FOLLOW_MS),
    [pitched, beatsPerBar, beatUnit, chords, fifths],
  );
  return slots;
}
