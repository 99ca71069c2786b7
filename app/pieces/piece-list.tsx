"use client";
/** My pieces, newest first, and a form to start a new one. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { TEXT_LIMITS } from "@/lib/text-limits";
import { useRequireSession } from "../_auth/use-require-session";
import { ImportPieceButton } from "../_components/midi/import-piece-button";
import { SignOutButton } from "../_components/sign-out-button";
import { useTRPC } from "../_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { countOf } from "@/lib/plural";

export function PieceList() {
  const { user } = useRequireSession();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const pieces = useQuery({ ...trpc.piece.list.queryOptions(), enabled: !!user });
  const create = useMutation(
    trpc.piece.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.piece.list.queryKey() });
        router.push(`/pieces/${id}`);
      },
    }),
  );
  const [title, setTitle] = useState("");

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ title });
  }

  if (!user) return <p className="status">Loading…</p>;

  return (
    <div className="stack">
      <header className="row" style={{ justifyContent: "space-between" }}>
        <h1>Your pieces</h1>
        <div className="row">
          <span className="status">Signed in as {user.name}</span>
          <SignOutButton />
        </div>
      </header>

      <form className="card row" onSubmit={onSubmit}>
        <label className="field" style={{ flex: 1 }}>
          <span>Title</span>
          <input type="text" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={TEXT_LIMITS.title} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending} style={{ alignSelf: "flex-end" }}>
          Create piece
        </button>
      </form>
      <ImportPieceButton onImported={(id) => router.push(`/pieces/${id}`)} />
      <ErrorAlert error={create.error} />

      {pieces.isPending && <p className="status">Loading your pieces…</p>}
      <ErrorAlert error={pieces.error} />
      {pieces.data?.length === 0 && <p className="status">No pieces yet. Give one a title above.</p>}
      {pieces.data && pieces.data.length > 0 && (
        <ul className="piece-list" aria-label="Pieces">
          {pieces.data.map((p) => (
            <li key={p.id}>
              <Link href={`/pieces/${p.id}`}>
                <span>{p.title}</span>
                <span className="row">
                  {p.newComments > 0 && <span className="badge badge-new">{countOf(p.newComments, "new comment")}</span>}
                  <span className="badge">{p.role}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
