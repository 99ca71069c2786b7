"use client";
/**
 * Undo by author: remove a model's untouched notes, revert a person's changes in some bars, and undo either. Each
 * asks first when other people's notes would go or change (the server's preview says which), and each is a step of
 * this person's undo history: Ctrl+Z undoes it as "Undo this" does.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { PersonalHistory } from "@/app/_components/piano-roll/history";
import { useTRPC, type RouterInputs, type RouterOutputs } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { modelOfKey, personOfKey } from "@/lib/authorship/author-key";
import { BarRangeInputs } from "./bar-range-inputs";
import { operationSummary } from "./operation-words";
import type { AuthorOption } from "./review-filter";
import type { ChangeGuard } from "./use-change-guard";
import { useHistoryState } from "./use-undo-manager";
import { countOf } from "@/lib/plural";

export interface ReviewUndoProps {
  pieceId: string;
  authors: AuthorOption[];
  history: PersonalHistory | null;
  confirmChanges: ChangeGuard["confirmChanges"];
}

type Preview = RouterInputs["review"]["preview"];

export function ReviewUndo({ pieceId, authors, history, confirmChanges }: ReviewUndoProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const operations = useQuery(trpc.review.operations.queryOptions({ pieceId }));
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const done = (r: RouterOutputs["review"]["undoOperation"]) => {
    setMessage(operationSummary(r));
    history?.pushOperation(r.operationId, r.label);
    void queryClient.invalidateQueries({ queryKey: trpc.review.operations.queryKey({ pieceId }) });
  };
  const options = { onSuccess: done, onError: (e: unknown) => setMessage(errorMessage(e)) };
  const removeModel = useMutation(trpc.review.removeModelNotes.mutationOptions(options));
  const revert = useMutation(trpc.review.revertAuthor.mutationOptions(options));
  const undo = useMutation(trpc.review.undoOperation.mutationOptions(options));
  const busy = asking || removeModel.isPending || revert.isPending || undo.isPending;
  // What Ctrl+Z or the toolbar's Undo did to an operation (or why it could not) is said here too.
  const undone = useHistoryState(history).message;
  useEffect(() => setMessage(undone), [undone]);

  /** Asks the server what the operation would change, asks the person when it is others' notes, then runs it. */
  const ask = async (preview: Preview, words: (notes: string) => { title: string; confirm: string }, go: () => void) => {
    setMessage(null);
    setAsking(true);
    try {
      const plan = await queryClient.fetchQuery({ ...trpc.review.preview.queryOptions(preview), staleTime: 0 });
      if (plan.nothing) return setMessage(plan.nothing);
      const { title, confirm } = words(countOf(plan.changes.length, "note"));
      if (await confirmChanges(title, confirm, plan.changes)) go();
    } catch (e) {
      setMessage(errorMessage(e));
    } finally {
      setAsking(false);
    }
  };

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
  const personLabel = people.find((p) => p.key === personKey)?.name ?? "their";
  const bars = fromBar === toBar ? `bar ${fromBar}` : `bars ${fromBar}–${toBar}`;

  const removeModelNotes = () => {
    if (modelName === null) return;
    const input = { pieceId, model: modelName };
    void ask({ kind: "remove-model-untouched", ...input }, (notes) => ({ title: `Remove ${notes} by ${modelName} for everyone?`, confirm: `Remove ${notes}` }), () => removeModel.mutate(input));
  };
  const revertChanges = () => {
    if (personId === null) return;
    const input = { pieceId, userId: personId, startBar: fromBar - 1, endBar: toBar };
    void ask({ kind: "revert-author", ...input }, (notes) => ({ title: `Revert ${personLabel}'s changes in ${bars} for everyone?`, confirm: `Revert ${notes}` }), () => revert.mutate(input));
  };
  const undoOperation = (op: { id: string; label: string }) => {
    const input = { pieceId, operationId: op.id };
    void ask({ kind: "undo", ...input }, () => ({ title: `Undo “${op.label}” for everyone?`, confirm: "Undo it" }), () => undo.mutate(input));
  };

  return (
    <div className="stack" data-testid="undo-by-author">
      <h3>Undo by author</h3>
      <div className="row">
        <AuthorSelect label="Model" value={modelKey} options={models} onChange={setModel} />
        <button type="button" disabled={busy || !modelKey} onClick={removeModelNotes}>
          Remove its untouched notes
        </button>
      </div>
      <div className="row">
        <AuthorSelect label="Person" value={personKey} options={people} onChange={setPerson} />
        <BarRangeInputs lead="bars" from={fromBar} to={toBar} onFrom={setFromBar} onTo={setToBar} fromLabel="From bar" toLabel="To bar" />
        <button type="button" disabled={busy || !personKey || toBar < fromBar || fromBar < 1} onClick={revertChanges}>
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
              {op.label} · {op.actorName} · {countOf(op.notes, "note")}{" "}
              {op.undoneBy ? (
                <span className="status">(undone)</span>
              ) : (
                <button type="button" disabled={busy} onClick={() => undoOperation(op)} aria-label={`Undo "${op.label}"`}>
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
