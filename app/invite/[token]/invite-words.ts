/** What an invite link's landing says: who invites you, to which piece, as what, and why the link cannot be used. */
import type { RouterOutputs } from "@/app/_trpc/client";
import { aRole, ROLE_CAN } from "@/app/_components/role-words";

export type InvitePreview = RouterOutputs["piece"]["invitePreview"];

export interface InviteWords {
  headline: string;
  /** What the role offered lets its person do. */
  can: string;
  /** Why the link lets nobody in now; null while it works. */
  problem: string | null;
}

export function inviteWords(p: InvitePreview): InviteWords {
  const problem = {
    active: null,
    revoked: `${p.inviterName} has revoked this link: ask them for a new one.`,
    expired: `This link has expired: ask ${p.inviterName} for a new one.`,
    "used up": `This link has been used as many times as ${p.inviterName} allowed: ask them for a new one.`,
  }[p.status];
  return {
    headline: `${p.inviterName} invites you to “${p.pieceTitle}” as ${aRole(p.role)}.`,
    can: `As ${aRole(p.role)} you can ${ROLE_CAN[p.role]}.`,
    problem,
  };
}

/** The invite token of a path the sign-in page returns to ("/invite/<token>"), or null for any other path. */
export function inviteTokenOf(next: string | undefined): string | null {
  const m = /^\/invite\/([^/?#]+)$/.exec(next ?? "");
  return m ? decodeURIComponent(m[1]) : null;
}
