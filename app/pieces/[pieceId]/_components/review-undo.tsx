"use client";
/** Undo by author: remove a model's untouched notes, revert a person's changes in some bars, and undo either. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { modelOfKey, personOfKey } from "@/lib/authorship/author-key";
import type { AuthorOption } from "./review-filter";

export function ReviewUndo({ pieceId, authors }: { pieceId: string; authors: AuthorOption[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const operations = useQuery(trpc.review.operations.queryOptions({ pieceId }));
  const [message, setMessage] = useState<string | null>(null);
  const done = (r: { label: string; applied: number; skipped: unknown[] }) => {
    setMessage(`${r.label}: ${r.applied} note${r.applied === 1 ? "" : "s"} changed${r.skipped.length ? `, ${r.skipped.length} left alone (changed by someone since)` : ""}.`);
    void queryClient.invalidateQueries({ queryKey: trpc.review.operations.queryKey({ pieceId }) });
  };
  const options = { onSuccess: done, onError: (e: unknown) => setMessage(errorMessage(e)) };
  const removeModel = useMutation(trpc.review.removeModelNotes.mutationOptions(options));
  const revert = useMutation(trpc.review.revertAuthor.mutationOptions(options));
  const undo = useMutation(trpc.review.undoOperation.mutationOptions(options));
  const busy = removeModel.isPending || revert.isPending || undo.isPending;

  const models = authors.filter((a) => modelOfKey(a.key) !== null);
  const people = authors.filter((a) => personOfKey(a.key) !== null);
  const [model, setModel] = useState("");
  const [person, setPerson] = useState("");
  const [fromBar, setFromBar] = useState(1);
  const [toBar, setToBar] = useState(1);
  const modelKey = model || models[0]?.key;
  const personKey = person || people[0]?.key;
  const modelName = modelOfKey(modelKey);
  const personId = personOfKey(personKey);

  return (
    <div className="stack" data-testid="undo-by-author">
      <h3>Undo by author</h3>
      <div className="row">
        <AuthorSelect label="Model" value={modelKey} options={models} onChange={setModel} />
        <button type="button" disabled={busy || !modelKey} onClick={() => modelName !== null && removeModel.mutate({ pieceId, model: modelName })}>
          Remove its untouched notes
        </button>
      </div>
      <div className="row">
        <AuthorSelect label="Person" value={personKey} options={people} onChange={setPerson} />
        <label>
          bars <input type="number" min={1} value={fromBar} onChange={(e) => setFromBar(Number(e.target.value))} aria-label="From bar" style={{ width: 56 }} />
        </label>
        <label>
          to <input type="number" min={fromBar} value={toBar} onChange={(e) => setToBar(Number(e.target.value))} aria-label="To bar" style={{ width: 56 }} />
        </label>
        <button
          type="button"
          disabled={busy || !personKey || toBar < fromBar || fromBar < 1}
          onClick={() => personId !== null && revert.mutate({ pieceId, userId: personId, startBar: fromBar - 1, endBar: toBar })}
        >
          Revert their changes
        </button>
      </div>
      {message && (
        <p className="status" role="status">
          {message}
        </p>
      )}
      {operations.data && operations.data.length > 0 && (
        <ul className="operations" aria-label="Operations">
          {operations.data.slice(0, 10).map((op) => (
            <li key={op.id}>
              {op.label} · {op.actorName} · {op.notes} note{op.notes === 1 ? "" : "s"}{" "}
              {op.undoneBy ? (
                <span className="status">(undone)</span>
              ) : (
                <button type="button" disabled={busy} onClick={() => undo.mutate({ pieceId, operationId: op.id })} aria-label={`Undo "${op.label}"`}>
                  Undo this
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AuthorSelect({ label, value, options, onChange }: { label: string; value: string | undefined; options: AuthorOption[]; onChange(key: string): void }) {
  return (
    <select value={value ?? ""} onChange={(e) => onChange(e.target.value)} aria-label={label} disabled={options.length === 0}>
      {options.map((o) => (
        <option key={o.key} value={o.key}>
          {o.name}
        </option>
      ))}
    </select>
  );
}
