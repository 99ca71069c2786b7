"use client";
/** Someone new is here (they just accepted an invite): the member list is out of date, so it is asked for again. */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Peer } from "@/app/_collab/presence";
import { useTRPC } from "@/app/_trpc/client";
import type { PieceInfo } from "./piece-header";

export function useMemberRefresh(pieceId: string, piece: PieceInfo | undefined, peers: readonly Peer[]) {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const strangers = peers.some((p) => piece && !piece.members.some((m) => m.userId === p.user.id));
  useEffect(() => {
    if (strangers) void queryClient.invalidateQueries({ queryKey: trpc.piece.get.queryKey({ pieceId }) });
  }, [strangers, queryClient, trpc, pieceId]);
}
