"use client";
/** The piece's review comments: one query, shared by the comments panel and the roll's ruler marks. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";

const POLL_MS = 2000; // comments live in the database, not the doc: ask again now and then

export function useComments(pieceId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.comments.list.queryOptions({ pieceId }), refetchInterval: POLL_MS });
}
