"use client";
/** The owner's invite links: an editor link right away, reviewer and viewer links on request. */
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";

type Role = "editor" | "reviewer" | "viewer";

export function InviteButton({ pieceId }: { pieceId: string }) {
  const trpc = useTRPC();
  const popoverId = useId();
  const [open, setOpen] = useState(false);
  const [urls, setUrls] = useState<Partial<Record<Role, string>>>({});
  const create = useMutation(trpc.piece.createInvite.mutationOptions());

  const createLink = (role: Role) =>
    create.mutate(
      { pieceId, role },
      { onSuccess: ({ token }) => setUrls((u) => ({ ...u, [role]: `${window.location.origin}/invite/${token}` })) },
    );

  function toggle() {
    const next = !open;
    setOpen(next);
    if (next && !urls.editor) createLink("editor");
  }

  return (
    <div style={{ position: "relative" }}>
      <button type="button" onClick={toggle} aria-expanded={open} aria-controls={popoverId}>
        Invite
      </button>
      {open && (
        <div id={popoverId} className="invite-popover" role="group" aria-label="Invite links">
          <InviteLink label="Editors can change the music" url={urls.editor} testId="invite-url" />
          {urls.reviewer ? (
            <InviteLink label="Reviewers (teachers) can read, replay and comment" url={urls.reviewer} testId="invite-url-reviewer" />
          ) : (
            <button type="button" onClick={() => createLink("reviewer")} disabled={create.isPending}>
              Create reviewer link
            </button>
          )}
          {urls.viewer ? (
            <InviteLink label="Viewers can watch and listen" url={urls.viewer} testId="invite-url-viewer" />
          ) : (
            <button type="button" onClick={() => createLink("viewer")} disabled={create.isPending}>
              Create viewer link
            </button>
          )}
          {create.isPending && (
            <p className="status" role="status">
              Creating link…
            </p>
          )}
          {create.error && (
            <p role="alert" className="alert">
              {errorMessage(create.error)}
            </p>
          )}
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}

function InviteLink({ label, url, testId }: { label: string; url: string | undefined; testId: string }) {
  if (!url) return null;
  return (
    <div className="stack" style={{ gap: 4 }}>
      <span className="status">{label}</span>
      <output className="invite-url" data-testid={testId}>
        {url}
      </output>
      <button type="button" onClick={() => void navigator.clipboard?.writeText(url)}>
        Copy link
      </button>
    </div>
  );
}
