import Link from "next/link";
import type { Peer } from "@/app/_collab/presence";
import type { ConnectionStatus as Status } from "@/app/_collab/use-collab";
import type { RouterOutputs } from "@/app/_trpc/client";
import { ConnectionStatus } from "./connection-status";
import { ExportMenu } from "./export-menu";
import { HeaderPopoverProvider } from "./header-popover";
import { foldPeople, youFirst } from "./header-people";
import { InviteButton } from "./invite-button";
import { MemberManager } from "./member-manager";
import { MorePeople } from "./more-people";
import { PresenceList } from "./presence-list";
import { RoleNote } from "./role-note";
import styles from "./piece-header.module.css";

export type PieceInfo = RouterOutputs["piece"]["get"];

interface PieceHeaderProps {
  piece: PieceInfo | undefined;
  /** The signed-in user: their own entry in the member list says "you" and carries their role, once. */
  userId: string;
  peers: readonly Peer[];
  status: Status;
}

export function PieceHeader({ piece, userId, peers, status }: PieceHeaderProps) {
  return (
    <header className={`editor-header ${styles.header}`}>
      <HeaderPopoverProvider>
        {/* Not prefetched: rendering the list would compete with the piece's own open on the server. */}
        <Link href="/pieces" aria-label="All pieces" prefetch={false}>
          ←
        </Link>
        <h1 className={styles.title} title={piece?.title}>
          {piece?.title ?? "Loading…"}
        </h1>
        {piece && !piece.members.some((m) => m.userId === userId) && (
          <span className="badge badge-you" aria-label={`Your role: ${piece.role}`}>
            {piece.role}
          </span>
        )}
        {piece && <MemberList piece={piece} userId={userId} />}
        <RoleNote role={piece?.role} />
        <span className="spacer" />
        <PresenceList peers={peers} />
        <ConnectionStatus status={status} />
        {piece && <ExportMenu pieceId={piece.id} />}
        {piece?.role === "owner" && <MemberManager pieceId={piece.id} members={piece.members} />}
        {piece?.role === "owner" && <InviteButton pieceId={piece.id} />}
      </HeaderPopoverProvider>
    </header>
  );
}

/** The members, you first, the first few by name and role and the rest as "+N". */
function MemberList({ piece, userId }: { piece: PieceInfo; userId: string }) {
  const { shown, more } = foldPeople(youFirst(piece.members, userId));
  return (
    <ul className={`members ${styles.people}`} aria-label="Members">
      {shown.map((m) =>
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
      <MorePeople what="members" people={more.map((m) => ({ id: m.userId, name: `${m.name} (${m.role})` }))} />
    </ul>
  );
}
