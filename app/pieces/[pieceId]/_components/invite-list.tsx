"use client";
/** The owner's invite links: the working ones with their address, copy and revoke; the others folded away below. */
import { useId, useRef } from "react";
import { CopyLink } from "./copy-link";
import type { RouterInputs } from "@/app/_trpc/client";
import { inviteSummary, type Invite } from "./invite-summary";

/** The roles a new link can give. */
export type Role = RouterInputs["piece"]["createInvite"]["role"];
/** Those roles, most first: offered for new links and for members' roles. */
export const ROLES: readonly Role[] = ["editor", "reviewer", "viewer"];
/** What those roles may do, said where the owner picks one. */
export const ROLES_SAID = "Editors change the music; reviewers (teachers) read, replay and comment; viewers watch and listen.";

const ROLE_NAMES: Record<Invite["role"], string> = { editor: "Editor", reviewer: "Reviewer", viewer: "Viewer", owner: "Owner" };
// The e2e specs find the editor link as invite-url and the others by role.
const urlTestId = (role: Invite["role"]) => (role === "editor" ? "invite-url" : `invite-url-${role}`);

interface Props {
  invites: Invite[];
  urlOf(token: string): string;
  onRevoke(token: string): void;
  revoking: boolean;
}

export function InviteList({ invites, urlOf, onRevoke, revoking }: Props) {
  const working = invites.filter((i) => i.status === "active");
  const ended = invites.filter((i) => i.status !== "active");
  return (
    <>
      {working.length === 0 ? (
        <p className="status">No working links. Create one above.</p>
      ) : (
        <ul className="invite-list" aria-label="Working links">
          {working.map((i) => (
            <WorkingLink key={i.token} invite={i} url={urlOf(i.token)} onRevoke={() => onRevoke(i.token)} revoking={revoking} />
          ))}
        </ul>
      )}
      {ended.length > 0 && (
        <details className="invite-ended">
          <summary>Links that no longer work ({ended.length})</summary>
          <ul className="invite-list" aria-label="Links that no longer work">
            {ended.map((i) => (
              <li key={i.token} className="invite-row" data-status={i.status}>
                <strong>{ROLE_NAMES[i.role]} link</strong>
                <span className="status">{inviteSummary(i)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function WorkingLink({ invite, url, onRevoke, revoking }: { invite: Invite; url: string; onRevoke(): void; revoking: boolean }) {
  const summaryId = useId();
  const role = ROLE_NAMES[invite.role];
  const shown = useRef<HTMLOutputElement>(null);
  return (
    <li className="invite-row" data-status="active">
      <strong>{role} link</strong>
      <span className="status" id={summaryId}>
        {inviteSummary(invite)}
      </span>
      <output className="invite-url" data-testid={urlTestId(invite.role)} ref={shown}>
        {url}
      </output>
      <div className="row">
        <CopyLink url={url} label={`Copy ${role.toLowerCase()} link`} shown={shown} describedBy={summaryId} />
        <button type="button" className="danger" aria-describedby={summaryId} onClick={onRevoke} disabled={revoking}>
          Revoke {role.toLowerCase()} link
        </button>
      </div>
    </li>
  );
}
