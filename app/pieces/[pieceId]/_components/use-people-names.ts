"use client";
/**
 * The names of the people a piece's provenance names by id (it keeps ids only: lib/authorship/people-names.ts): the
 * piece's members, and for anyone else it names (people who have left) the server's answer, asked only then.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { Provenance } from "@/lib/doc-schema";
import { namesOf, unnamedIds, type PeopleNames } from "@/lib/authorship/people-names";
import { useTRPC } from "@/app/_trpc/client";
import type { PieceInfo } from "./piece-header";

// piece.people takes at most 500 ids; a piece with more former members shows the rest as an unknown person.
const MAX_ASKED = 500;

export function usePeopleNames(pieceId: string, piece: PieceInfo | undefined, provenance: ReadonlyMap<string, Provenance>): PeopleNames {
  const trpc = useTRPC();
  const members = useMemo(() => namesOf((piece?.members ?? []).map((m) => ({ id: m.userId, name: m.name }))), [piece]);
  const unnamed = useMemo(() => unnamedIds(provenance.values(), members).sort().slice(0, MAX_ASKED), [provenance, members]);
  const asked = useQuery({
    ...trpc.piece.people.queryOptions({ pieceId, userIds: unnamed }),
    enabled: piece !== undefined && unnamed.length > 0,
    placeholderData: keepPreviousData, // the names already known stay while a new one is asked for
    staleTime: Infinity, // a person's name hardly changes while the piece is open
  });
  // A member's name wins: it is the one the header shows.
  return useMemo(() => new Map([...(asked.data ?? []).map((p) => [p.id, p.name] as const), ...members]), [members, asked.data]);
}
