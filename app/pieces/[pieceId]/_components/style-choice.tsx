"use client";
/**
 * The AI options' Style: the model's own (the default), or a style learned from pieces ("our style") by this piece's
 * owner or members that the person may use; and the form to learn a new one.
 */
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { countOf } from "@/lib/plural";
import { useTRPC } from "@/app/_trpc/client";
import { LearnStyleForm } from "./learn-style-form";
import askStyles from "./ask-ai.module.css";

export interface StyleOption {
  id: string;
  name: string;
  version: number;
  method: "style-memory" | "fine-tune";
  pieceIds: string[];
  /** Set when a fine-tune kept the model's own weights (the server says why). */
  note?: string | null;
}

const learnedHow = (a: StyleOption) => (a.method !== "fine-tune" ? "" : a.note ? ", as the model's own" : ", fine-tuned");

interface Choice {
  value: string | null;
  onChange(id: string | null): void;
  disabled: boolean;
}

/** The select alone: "model's own", then each usable style. */
export function StyleSelect(p: Choice & { options: readonly StyleOption[]; helpId: string }) {
  return (
    <label>
      Style
      <select value={p.value ?? ""} onChange={(e) => p.onChange(e.target.value || null)} disabled={p.disabled} aria-describedby={p.helpId}>
        <option value="">model&apos;s own</option>
        {p.options.map((a) => (
          <option key={a.id} value={a.id}>
            our style: {a.name} v{a.version} ({countOf(a.pieceIds.length, "piece")}{learnedHow(a)})
          </option>
        ))}
      </select>
    </label>
  );
}

export function StyleChoice(p: Choice & { pieceId: string }) {
  const trpc = useTRPC();
  const id = useId();
  const [learning, setLearning] = useState(false);
  const usable = (useQuery(trpc.adaptation.list.queryOptions({ pieceId: p.pieceId })).data ?? []).filter((a) => a.status === "ready");
  return (
    <div className={askStyles.field}>
      <StyleSelect {...p} options={usable} helpId={id} />
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
