"use client";
/** The editor: loads the piece's metadata and document, then lays out header, tools, roll and panels. */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRequireSession } from "@/app/_auth/use-require-session";
import type { EarlySockets } from "@/app/_collab/early-socket";
import { useCollab } from "@/app/_collab/use-collab";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { Workspace } from "./workspace";

export function PieceEditor({ pieceId, early = null }: { pieceId: string; early?: EarlySockets | null }) {
  const { user } = useRequireSession();
  const trpc = useTRPC();
  const piece = useQuery({ ...trpc.piece.get.queryOptions({ pieceId }), enabled: !!user });
  const { collab, status } = useCollab(pieceId, early);

  if (piece.error) {
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
  return <Workspace key={pieceId} pieceId={pieceId} user={user} collab={collab} status={status} piece={piece.data} />;
}
