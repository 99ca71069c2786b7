"use client";
/**
 * "Learn our style": a name, some of the person's pieces and how to learn (fine-tune the model where the server can,
 * else a style memory); the server learns in the background and the form follows its progress (adaptation.get every
 * second while it builds), then offers the new style in the Style select.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { ErrorAlert } from "@/app/_components/error-alert";
import styles from "./style-choice.module.css";

const MAX_PIECES = 40;

export function LearnStyleForm({ pieceId, onLearned }: { pieceId: string; onLearned(id: string): void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const pieces = useQuery(trpc.piece.list.queryOptions()).data ?? [];
  const [name, setName] = useState("");
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set([pieceId]));
  const methods = useQuery(trpc.adaptation.methods.queryOptions()).data;
  const fineTune = methods?.find((m) => m.method === "fine-tune");
  const [method, setMethod] = useState<"fine-tune" | "style-memory" | null>(null); // null: the best this server has
  const learnBy = method ?? (fineTune?.available === false ? "style-memory" : "fine-tune");
  const create = useMutation(trpc.adaptation.create.mutationOptions());
  const building = create.data?.id;
  const progress = useQuery({
    ...trpc.adaptation.get.queryOptions({ id: building ?? "" }),
    enabled: building !== undefined,
    refetchInterval: (q) => (q.state.data?.status === "building" || !q.state.data ? 1000 : false),
  }).data;

  function toggle(id: string) {
    setChosen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate({ name: name.trim(), pieceIds: [...chosen], method: learnBy });
  }

  const ready = progress?.status === "ready" ? progress.id : null;
  const announced = useRef<string | null>(null);
  // Once learned (once per style), the Style select lists it and picks it.
  useEffect(() => {
    if (!ready || announced.current === ready) return;
    announced.current = ready;
    void client.invalidateQueries({ queryKey: trpc.adaptation.list.queryKey() }).then(() => onLearned(ready));
  }, [ready, client, trpc, onLearned]);
  const tooMany = chosen.size > MAX_PIECES;
  return (
    <form className={styles.form} onSubmit={submit} aria-label="Learn our style">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
      </label>
      <fieldset className={styles.pieces}>
        <legend>Learn from these pieces (up to {MAX_PIECES}); whoever uses the style must be able to read all of them</legend>
        {pieces.map((p) => (
          <label key={p.id}>
            <input type="checkbox" checked={chosen.has(p.id)} onChange={() => toggle(p.id)} /> {p.title}
          </label>
        ))}
      </fieldset>
      <fieldset className={styles.methods}>
        <legend>How to learn</legend>
        <label>
          <input type="radio" name="method" checked={learnBy === "fine-tune"} disabled={fineTune?.available === false} onChange={() => setMethod("fine-tune")} /> Fine-tune
          the model on them (best; 1 to 3 minutes)
        </label>
        {fineTune?.reason && <p className={styles.note}>{fineTune.reason}</p>}
        <label>
          <input type="radio" name="method" checked={learnBy === "style-memory"} onChange={() => setMethod("style-memory")} /> Style memory (seconds; a
          lighter touch)
        </label>
      </fieldset>
      <button type="submit" disabled={create.isPending || chosen.size === 0 || tooMany || name.trim() === "" || progress?.status === "building" || !methods}>
        Learn our style
      </button>
      {progress?.status === "building" && (
        <label>
          {progress.method === "fine-tune" ? "Fine-tuning on" : "Learning"} “{progress.name}”: {progress.progress}%
          <progress className={styles.progress} max={100} value={progress.progress} />
        </label>
      )}
      {progress?.status === "ready" && <p className="status">Learned “{progress.name}” v{progress.version}: pick it under Style.</p>}
      {progress?.note && <p className={styles.note}>{progress.note}</p>}
      <ErrorAlert error={tooMany ? `Pick at most ${MAX_PIECES} pieces.` : (progress?.status === "failed" ? progress.error : null) ?? (create.error ? errorMessage(create.error) : null)} />
    </form>
  );
}
