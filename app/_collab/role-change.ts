/**
 * The page's role in a piece follows the server's. When the owner changes it, the server closes the person's open
 * sockets with roleRaised or roleChanged (server/collab/access-check.ts) and y-websocket reconnects: the editor then
 * asks for its role again (piece.get), its edit tools follow, and it says what changed.
 */
import { CloseCode } from "@/lib/collab-protocol";
import type { RouterOutputs } from "@/app/_trpc/client";

export type Role = RouterOutputs["piece"]["get"]["role"];

/** Whether the server closed a socket because its person's role changed (the page should re-read its role). */
export const isRoleChange = (code: number | undefined): boolean => code === CloseCode.roleRaised || code === CloseCode.roleChanged;

const NOW: Record<Role, string> = {
  owner: "You now own this piece.",
  editor: "You can now edit this piece.",
  reviewer: "You can now only view and comment on this piece.",
  viewer: "You can now only view this piece.",
};

/** What to tell the person when their role goes from `before` to `after`; nothing on the first load or no change. */
export function roleChangeNote(before: Role | undefined, after: Role | undefined): string | null {
  if (before === undefined || after === undefined || before === after) return null;
  return NOW[after];
}
