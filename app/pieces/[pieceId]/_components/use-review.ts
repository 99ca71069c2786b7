"use client";
/**
 * Review mode's local state: replaying the history (a position in the ledger's changes, whose notes the
 * roll shows, coloured by author) and the author filter (live or replayed). Nothing here enters the doc.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import type { NoteWithId, Provenance } from "@/lib/doc-schema";
import type { NoteStyle } from "@/app/_components/piano-roll/scene";
import { useTRPC } from "@/app/_trpc/client";
import { colourOfKey } from "@/lib/authorship/author-colours";
import { authorKeyOf, modelOfKey, UNATTRIBUTED } from "@/lib/authorship/author-key";
import type { PeopleNames } from "@/lib/authorship/people-names";
import { notesAt } from "@/lib/authorship/replay-frames";
import { ALL_AUTHORS, authorOptions, filterByAuthor } from "./review-filter";

export type Review = ReturnType<typeof useReview>;

export function useReview(pieceId: string, notes: readonly NoteWithId[], provenance: ReadonlyMap<string, Provenance>, names: PeopleNames) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [replaying, setReplayingState] = useState(false);
  const [position, setPosition] = useState<number | null>(null); // null: the latest change
  const [filter, setFilter] = useState(ALL_AUTHORS);
  const frames = useQuery({ ...trpc.review.replay.queryOptions({ pieceId }), enabled: replaying });

  const setReplaying = useCallback(
    (on: boolean) => {
      setReplayingState(on);
      setPosition(null);
      if (on) void queryClient.invalidateQueries({ queryKey: trpc.review.replay.queryKey({ pieceId }) });
    },
    [queryClient, trpc, pieceId],
  );

  const changes = useMemo(() => frames.data?.changes ?? [], [frames.data]);
  const index = position === null ? changes.length - 1 : Math.min(position, changes.length - 1);
  const replayed = useMemo(
    () => (replaying && frames.data ? notesAt(changes, index >= 0 ? changes[index].seq : -Infinity) : null),
    [replaying, frames.data, changes, index],
  );
  const shown = useMemo(
    () => (replayed ? filterByAuthor(replayed, (n) => n.author, filter) : filterByAuthor(notes, (n) => authorKeyOf(provenance.get(n.id)), filter)),
    [replayed, notes, provenance, filter],
  );
  const replayStyle = useMemo(() => {
    if (!replayed) return null;
    const authorOf = new Map(replayed.map((n) => [n.id, n.author]));
    return (n: NoteWithId): NoteStyle => {
      const key = authorOf.get(n.id) ?? UNATTRIBUTED;
      const model = modelOfKey(key) !== null;
      return { colour: colourOfKey(key), hatched: model, dim: false, label: model ? "AI" : undefined };
    };
  }, [replayed]);
  const authors = useMemo(() => authorOptions(provenance, names, frames.data?.authors), [provenance, names, frames.data]);

  return {
    replaying,
    setReplaying,
    loading: replaying && frames.isPending,
    error: frames.error,
    changes,
    index,
    setPosition,
    filter,
    setFilter,
    authors,
    /** The notes the roll shows: the live ones, or the replay's at its position; filtered by author. */
    notes: shown,
    /** How many notes there are before the filter (live, or at the replay's position). */
    total: replayed ? replayed.length : notes.length,
    /** While replaying, notes are coloured by author (and the roll is read-only). */
    styleOf: replayStyle,
  };
}
