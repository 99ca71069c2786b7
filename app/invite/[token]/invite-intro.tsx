"use client";
/** An invite link's offer, where its visitor lands: on the invite page while joining, and above the sign-in form. */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { inviteWords } from "./invite-words";

/** `withProblem`: say why a link that no longer works cannot be used (the invite page leaves that to its join's refusal). */
export function InviteIntro({ token, withProblem }: { token: string; withProblem: boolean }) {
  const trpc = useTRPC();
  const preview = useQuery(trpc.piece.invitePreview.queryOptions({ token }));
  if (preview.isPending) return <p className="status">Reading the invite…</p>;
  if (preview.error) return withProblem ? <ErrorAlert error={preview.error} /> : null;
  const words = inviteWords(preview.data);
  return (
    <div className="card stack" data-testid="invite-intro">
      <p className="invite-headline">{words.headline}</p>
      <p className="status">{words.can}</p>
      {withProblem && <ErrorAlert error={words.problem} />}
    </div>
  );
}
