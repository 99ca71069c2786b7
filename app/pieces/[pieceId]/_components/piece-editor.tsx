"use client";
/** The editor: loads the piece's metadata and document, then lays out header, tools, roll and panels. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect } from "react";
import { useRequireSession } from "@/app/_auth/use-require-session";
import type { EarlySockets } from "@/app/_collab/early-socket";
import { useCollab } from "@/app/_collab/use-collab";
import { EditsContext } from "@/app/_collab/use-sync-state";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { Workspace } from "./workspace";

export function PieceEditor({ pieceId, early = null }: { pieceId: string; early?: EarlySockets | null }) {
  const { user } = useRequireSession();
  const trpc = useTRPC();
  const piece = useQuery({ ...trpc.piece.get.queryOptions({ pieceId }), enabled: !!user });
  const { collab, status, roleChanges } = useCollab(pieceId, early);
  // The server closed the socket for a role change (app/_collab/role-change.ts): the role, and the tools, follow.
  const queryClient = useQueryClient();
  useEffect(() => {
    if (roleChanges > 0) void queryClient.invalidateQueries({ queryKey: trpc.piece.get.queryKey({ pieceId }) });
  }, [roleChanges, queryClient, trpc, pieceId]);

  // A failed refetch (the network is down, the server restarting) keeps the piece it had: the editor stays, with the
  // edits made meanwhile, and syncs them when the socket comes back.
  if (piece.error && piece.data === undefined) {
    return (
      <main className="centered stack">
        <p role="alert" className="alert">
          {errorMessage(piece.error)}
        </p>
        <Link href="/pieces">Back to your pieces</Link>
      </main>
    );
  }
  if (!user || !collab) {
    return (
      <main className="centered">
        <p className="status" role="status">
          Opening the piece…
        </p>
      </main>
    );
  }
  return (
    <EditsContext value={collab.edits}>
      <Workspace key={pieceId} pieceId={pieceId} user={user} collab={collab} status={status} piece={piece.data} />
    </EditsContext>
  );
}
