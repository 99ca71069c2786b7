import Link from "next/link";
import type { Peer } from "@/app/_collab/presence";
import type { ConnectionStatus as Status } from "@/app/_collab/use-collab";
import { ConnectionStatus } from "./connection-status";
import { ExportMenu } from "./export-menu";
import { InviteButton } from "./invite-button";
import { PresenceList } from "./presence-list";

export interface PieceInfo {
  id: string;
  title: string;
  role: "owner" | "editor" | "reviewer" | "viewer";
  members: { userId: string; name: string; role: string }[];
}

interface PieceHeaderProps {
  piece: PieceInfo | undefined;
  /** The signed-in user: their own entry in the member list says "you" and carries their role, once. */
  userId: string;
  peers: readonly Peer[];
  status: Status;
}

export function PieceHeader({ piece, userId, peers, status }: PieceHeaderProps) {
  return (
    <header className="editor-header">
      {/* Not prefetched: rendering the list would compete with the piece's own open on the server. */}
      <Link href="/pieces" aria-label="All pieces" prefetch={false}>
        ←
      </Link>
      <h1>{piece?.title ?? "Loading…"}</h1>
      {piece && !piece.members.some((m) => m.userId === userId) && (
        <span className="badge badge-you" aria-label={`Your role: ${piece.role}`}>
          {piece.role}
        </span>
      )}
      {piece && (
        <ul className="members" aria-label="Members">
          {piece.members.map((m) =>
            m.userId === userId ? (
              <li key={m.userId} className="badge badge-you" aria-label={`Your role: ${piece.role}`}>
                {m.name} (you) · {piece.role}
              </li>
            ) : (
              <li key={m.userId} className="badge" title={m.role}>
                {m.name} · {m.role}
              </li>
            ),
          )}
        </ul>
      )}
      <span className="spacer" />
      <PresenceList peers={peers} />
      <ConnectionStatus status={status} />
      {piece && <ExportMenu pieceId={piece.id} />}
      {piece?.role === "owner" && <InviteButton pieceId={piece.id} />}
    </header>
  );
}
