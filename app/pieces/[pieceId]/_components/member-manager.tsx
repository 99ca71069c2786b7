"use client";
/**
 * The owner's members: change someone's role, or remove them from the piece once confirmed. The server applies either
 * to their open editor at once (its tools follow the role; removed, it closes), and their notes keep their credit.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { ErrorAlert } from "@/app/_components/error-alert";
import { useTRPC } from "@/app/_trpc/client";
import { ROLES, ROLES_SAID, type Role } from "./invite-list";
import type { PieceInfo } from "./piece-header";
import { useHeaderPopover } from "./header-popover";

type Member = PieceInfo["members"][number];

export function MemberManager({ pieceId, members }: { pieceId: string; members: Member[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const popover = useHeaderPopover();
  // Refreshed after each change, and after a failed one too: someone may have changed the list meanwhile.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.piece.get.queryKey({ pieceId }) });
  const setRole = useMutation(trpc.piece.setRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.piece.removeMember.mutationOptions({ onSettled: refresh }));
  const changing = (userId: string) =>
    (setRole.isPending && setRole.variables?.userId === userId) || (remove.isPending && remove.variables?.userId === userId);
  const others = members.filter((m) => m.role !== "owner");

  return (
    <div style={{ position: "relative" }} ref={popover.wrapRef}>
      <button {...popover.buttonProps}>Members</button>
      {popover.open && (
        <div id={popover.panelId} className="invite-popover" role="group" aria-label="Manage members">
          <p className="status" style={{ margin: 0 }}>
            {ROLES_SAID}
          </p>
          {others.length === 0 ? (
            <p className="status">Nobody else is in this piece yet. Invite someone with a link.</p>
          ) : (
            <ul className="member-rows" aria-label="Members you can change">
              {others.map((m) => (
                <MemberRow
                  key={m.userId}
                  member={m}
                  busy={changing(m.userId)}
                  onRole={(role) => setRole.mutate({ pieceId, userId: m.userId, role })}
                  onRemove={() => remove.mutate({ pieceId, userId: m.userId })}
                />
              ))}
            </ul>
          )}
          <ErrorAlert error={setRole.error} />
          <ErrorAlert error={remove.error} />
          <button type="button" onClick={popover.close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

interface RowProps {
  member: Member;
  busy: boolean;
  onRole(role: Role): void;
  onRemove(): void;
}

function MemberRow({ member, busy, onRole, onRemove }: RowProps) {
  const [confirming, setConfirming] = useState(false);
  const roleId = useId();
  const removeButton = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // Cancelled (its button, or Escape, which closes only the question): focus goes back to the Remove button it hid.
  const cancel = () => {
    refocus.current = true;
    setConfirming(false);
  };
  useEffect(() => {
    if (confirming || !refocus.current) return;
    refocus.current = false;
    removeButton.current?.focus();
  }, [confirming]);
  return (
    <li className="member-row" data-testid={`member-${member.userId}`}>
      <span>
        <strong>{member.name}</strong>
        {member.email && <span className="status"> {member.email}</span>}
      </span>
      <div className="row">
        <label htmlFor={roleId} className="visually-hidden">
          Role of {member.name}
        </label>
        <select id={roleId} value={member.role} disabled={busy} onChange={(e) => onRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        {!confirming && (
          <button ref={removeButton} type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
            Remove {member.name}
          </button>
        )}
      </div>
      {confirming && (
        <div
          className="member-confirm"
          role="alertdialog"
          aria-label={`Remove ${member.name}?`}
          onKeyDown={(e) => {
            if (e.key !== "Escape") return;
            e.preventDefault(); // taken: the members popover stays open (use-dismiss.ts)
            cancel();
          }}
        >
          <span>
            Remove {member.name} from this piece? They lose access at once; the notes they wrote stay, credited to them.
          </span>
          <div className="row">
            <button type="button" className="danger" disabled={busy} onClick={() => {
                setConfirming(false);
                onRemove();
              }}>
              Yes, remove {member.name}
            </button>
            <button type="button" onClick={cancel} autoFocus>
              Cancel
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
