"use client";
/** How the roll draws notes and the candidate on show: colours, patterns and labels (local view state). */
import { useCallback, useMemo } from "react";
import type { GenerationView, Note, NoteWithId, Provenance, Track } from "@/lib/doc-schema";
import { authorStyle } from "@/lib/authorship/author-colours";
import { authorTag } from "@/lib/authorship/author-labels";
import type { PeopleNames } from "@/lib/authorship/people-names";
import type { GhostView, NoteStyle } from "@/app/_components/piano-roll/scene";
import { jamGhostNotes } from "@/app/_jam/jam-progress";
import type { JamView } from "@/lib/jam/view";
import type { Meter } from "@/lib/time";
import { trackColour, trackLabels } from "@/app/_components/piano-roll/track-colours";

/** Track colours, or author colours with model notes hatched; each note also carries a letter, not colour alone. */
export function useNoteStyle(
  trackMap: Map<string, Track>,
  provenance: Map<string, Provenance>,
  names: PeopleNames, // each person's name (provenance holds ids)
  people: ReadonlyMap<string, string>, // each person's label (authorLabels)
  track: string,
  byAuthor: boolean,
) {
  const labels = useMemo(() => trackLabels([...trackMap].map(([id, t]) => ({ id, ...t }))), [trackMap]);
  // Two styles, each changing only with what it reads: in track colours the provenance arriving after the notes, or
  // people's names, change no note's look, so the roll has nothing to draw again.
  const byTrack = useCallback(
    (n: NoteWithId): NoteStyle => {
      const dim = n.track !== track;
      // Other tracks' notes carry their track's label, so tracks differ by more than hue.
      return { colour: trackColour(trackMap.get(n.track)?.role), hatched: false, dim, label: dim ? labels.get(n.track) : undefined };
    },
    [trackMap, track, labels],
  );
  const byPerson = useCallback(
    (n: NoteWithId): NoteStyle => {
      const p = provenance.get(n.id);
      const s = authorStyle(p, names);
      // A label on each note (as in Shares), so authors are told apart without relying on colour alone.
      const label = authorTag(p?.kind ?? "human", p?.kind === "human" ? p.userId : undefined, s.label, people);
      return { colour: s.colour, hatched: s.hatched, dim: n.track !== track, label };
    },
    [provenance, names, people, track],
  );
  return byAuthor ? byPerson : byTrack;
}

/** The candidate everyone sees as ghost notes, labelled with who asked for it. */
export function useGhostView(active: GenerationView | null, notes: readonly Note[], trackMap: Map<string, Track>): GhostView | null {
  return useMemo<GhostView | null>(
    () =>
      active && {
        notes,
        label: `Requested by ${active.requestedByName}`,
        region: active.region,
        colourOf: (n: Note) => trackColour(trackMap.get(n.track)?.role),
      },
    [active, notes, trackMap],
  );
}

/** A jam's take so far, as ghost notes over its loop for everyone: shown in place of a candidate while the jam is on. */
export function useJamGhostView(view: JamView | null, meter: Meter, trackMap: Map<string, Track>): GhostView | null {
  return useMemo<GhostView | null>(() => {
    if (!view) return null;
    const { startBar, bars } = view.settings;
    return {
      notes: jamGhostNotes(view, meter),
      label: `Jam led by ${view.leaderName}`,
      region: { startBar, endBar: startBar + bars, pitchLo: 0, pitchHi: 127 },
      colourOf: (n: Note) => trackColour(trackMap.get(n.track)?.role),
    };
  }, [view, meter, trackMap]);
}
