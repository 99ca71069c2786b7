"use client";
/**
 * The AI options' Style: the model's own (the default), or a style learned from pieces ("our style") by this piece's
 * owner or members that the person may use; and the form to learn a new one.
 */
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { LearnStyleForm } from "./learn-style-form";
import askStyles from "./ask-ai.module.css";

export function StyleChoice(p: { pieceId: string; value: string | null; onChange(id: string | null): void; disabled: boolean }) {
  const trpc = useTRPC();
  const id = useId();
  const [learning, setLearning] = useState(false);
  const usable = (useQuery(trpc.adaptation.list.queryOptions({ pieceId: p.pieceId })).data ?? []).filter((a) => a.status === "ready");
  return (
    <div className={askStyles.field}>
      <label>
        Style
        <select value={p.value ?? ""} onChange={(e) => p.onChange(e.target.value || null)} disabled={p.disabled} aria-describedby={id}>
          <option value="">model&apos;s own</option>
          {usable.map((a) => (
            <option key={a.id} value={a.id}>
              our style: {a.name} v{a.version} ({a.pieceIds.length} {a.pieceIds.length === 1 ? "piece" : "pieces"})
            </option>
          ))}
        </select>
      </label>
      <p id={id} className={askStyles.help}>
        Write like pieces you chose: the notes it writes credit the people whose music it learned from.
      </p>
      <button type="button" onClick={() => setLearning((l) => !l)} aria-expanded={learning}>
        Learn our style…
      </button>
      {learning && <LearnStyleForm pieceId={p.pieceId} onLearned={(a) => p.onChange(a)} />}
    </div>
  );
}
