"use client";
/** Accepts an invite once the visitor is signed in, then opens the piece. */
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useRequireSession } from "../../_auth/use-require-session";
import { useTRPC } from "../../_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";

export function AcceptInvite({ token }: { token: string }) {
  const { user } = useRequireSession();
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.piece.acceptInvite.mutationOptions({ onSuccess: ({ pieceId }) => router.replace(`/pieces/${pieceId}`) }),
  );
  const sent = useRef(false);

  useEffect(() => {
    if (!user || sent.current) return;
    sent.current = true;
    accept.mutate({ token });
  }, [user, token, accept]);

  if (accept.error) {
    return (
      <div className="stack">
        <ErrorAlert error={accept.error} />
        <a href="/pieces">Go to your pieces</a>
      </div>
    );
  }
  return (
    <p className="status" role="status">
      {user ? "Joining the piece…" : "Checking who you are…"}
    </p>
  );
}
