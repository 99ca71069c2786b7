"use client";
/**
 * The owner's invite links: the first open makes an editor link when none works yet (Invite gives a link in one
 * click); new links take an expiry and a use limit; every link is listed with who used it, and can be revoked.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { InviteList, ROLES, ROLES_SAID, type Role } from "./invite-list";
import { EXPIRY_CHOICES, parseMaxUses } from "./invite-summary";
import { useHeaderPopover } from "./header-popover";

export function InviteButton({ pieceId }: { pieceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const popover = useHeaderPopover();
  const { open } = popover;
  const usesHelpId = useId();
  const [expiry, setExpiry] = useState(2); // index into EXPIRY_CHOICES: 14 days
  const [usesText, setUsesText] = useState("");
  const maxUses = parseMaxUses(usesText);

  const listKey = trpc.piece.listInvites.queryKey({ pieceId });
  // Fresh on each open: the uses change while it is closed.
  const list = useQuery({ ...trpc.piece.listInvites.queryOptions({ pieceId }), enabled: open, staleTime: 0 });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: listKey });
  const create = useMutation(trpc.piece.createInvite.mutationOptions({ onSuccess: refresh }));
  // The editor link offered on opening is a mutation of its own: it must not disable the create buttons under a click
  // (a click that lands as they turn disabled is lost; an e2e run lost a reviewer link that way).
  const offer = useMutation(trpc.piece.createInvite.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.piece.revokeInvite.mutationOptions({ onSuccess: refresh }));
  const createLink = (role: Role) =>
    create.mutate({ pieceId, role, expiresInDays: EXPIRY_CHOICES[expiry].days, maxUses: maxUses ?? null });

  const offered = useRef(false);
  useEffect(() => {
    if (!open || !list.data || offered.current) return;
    offered.current = true;
    if (!list.data.some((i) => i.role === "editor" && i.status === "active")) offer.mutate({ pieceId, role: "editor" });
  }, [open, list.data, offer, pieceId]);

  return (
    <div style={{ position: "relative" }} ref={popover.wrapRef}>
      <button {...popover.buttonProps}>Invite</button>
      {open && (
        <div id={popover.panelId} className="invite-popover" role="group" aria-label="Invite links">
          <fieldset className="invite-options">
            <legend>New links</legend>
            <label>
              Expire
              <select value={expiry} onChange={(e) => setExpiry(Number(e.target.value))}>
                {EXPIRY_CHOICES.map((c, i) => (
                  <option key={c.label} value={i}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Uses
              <input
                type="number"
                min={1}
                max={1000}
                inputMode="numeric"
                placeholder="any number"
                value={usesText}
                onChange={(e) => setUsesText(e.target.value)}
                aria-invalid={maxUses === undefined}
                aria-describedby={usesHelpId}
              />
            </label>
            <span id={usesHelpId} className={maxUses === undefined ? "alert" : "status"}>
              {maxUses === undefined ? "Uses: a whole number from 1 to 1000, or empty for any number" : "How many people may join with each link"}
            </span>
            <p className="status">{ROLES_SAID}</p>
            <div className="row">
              {ROLES.map((role) => (
                <button key={role} type="button" onClick={() => createLink(role)} disabled={create.isPending || maxUses === undefined}>
                  Create {role} link
                </button>
              ))}
            </div>
          </fieldset>
          {list.data && (
            <InviteList
              invites={list.data}
              urlOf={(token) => `${window.location.origin}/invite/${token}`}
              onRevoke={(token) => revoke.mutate({ pieceId, token })}
              revoking={revoke.isPending}
            />
          )}
          {(list.isPending || create.isPending || offer.isPending) && (
            <p className="status" role="status">
              {create.isPending || offer.isPending ? "Creating link…" : "Loading links…"}
            </p>
          )}
          {[list.error, create.error, offer.error, revoke.error].map((e, i) => (
            <ErrorAlert key={i} error={e} />
          ))}
          <button type="button" onClick={popover.close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
