/** What the owner's invite list says about one link: who used it, how many uses are left, when it stops working. */
import type { RouterOutputs } from "@/app/_trpc/client";
import { countOf } from "@/lib/plural";

/** One link as the owner's list gets it. */
export type Invite = RouterOutputs["piece"]["listInvites"][number];

/** What the summary reads of a link: of the people who used it, their names. */
export type InviteInfo = Pick<Invite, "status" | "expiresAt" | "revokedAt" | "maxUses"> & { usedBy: readonly Pick<Invite["usedBy"][number], "name">[] };

/** The expiry choices for new links: days, or null for a link that works until it is revoked. */
export const EXPIRY_CHOICES: { label: string; days: number | null }[] = [
  { label: "in 1 day", days: 1 },
  { label: "in 7 days", days: 7 },
  { label: "in 14 days", days: 14 },
  { label: "in 30 days", days: 30 },
  { label: "never", days: null },
];

const day = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** "Bea", "Bea and Cy", "Bea, Cy and Dee". */
const names = (people: readonly { name: string }[]) =>
  people.length <= 1 ? (people[0]?.name ?? "") : `${people.slice(0, -1).map((p) => p.name).join(", ")} and ${people.at(-1)!.name}`;

export function inviteSummary(invite: InviteInfo): string {
  const uses = invite.usedBy.length;
  const used = uses === 0 ? "not used yet" : `used by ${names(invite.usedBy)}`;
  const count = invite.maxUses === null ? used : `${uses} of ${countOf(invite.maxUses, "use")}${uses > 0 ? ` (${names(invite.usedBy)})` : ""}`;
  const when = {
    active: invite.expiresAt === null ? "never expires" : `expires ${day(invite.expiresAt)}`,
    revoked: `revoked ${invite.revokedAt ? day(invite.revokedAt) : ""}`.trim(),
    expired: `expired ${invite.expiresAt ? day(invite.expiresAt) : ""}`.trim(),
    "used up": "used up",
  }[invite.status];
  const text = `${count} · ${when}`;
  return text[0].toUpperCase() + text.slice(1);
}

/** The uses field: empty for any number, else a whole number from 1 to 1000; undefined while it is neither. */
export function parseMaxUses(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  return /^\d+$/.test(t) && Number(t) >= 1 && Number(t) <= 1000 ? Number(t) : undefined;
}
