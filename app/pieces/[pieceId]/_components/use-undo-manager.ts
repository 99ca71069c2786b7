"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { createHistory, type HistoryState, type OperationOutcome, type PersonalHistory } from "@/app/_components/piano-roll/history";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { errorMessage, isFinal } from "@/app/_trpc/query-client";
import { operationSummary } from "./operation-words";

/**
 * This person's undo history for the doc: their own commands, the AI candidates they accepted and the undo-by-author
 * operations they ran (undone on the server). A new doc (the piece opened again) starts an empty history.
 */
export function useUndoManager(doc: Y.Doc, pieceId: string): PersonalHistory | null {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [history, setHistory] = useState<PersonalHistory | null>(null);
  useEffect(() => {
    const undoOperation = async (operationId: string): Promise<OperationOutcome> => {
      try {
        const r = await client.review.undoOperation.mutate({ pieceId, operationId });
        void queryClient.invalidateQueries({ queryKey: trpc.review.operations.queryKey({ pieceId }) });
        return { ok: true, operationId: r.operationId, label: operationSummary(r) };
      } catch (err) {
        // Refused (undone already, nothing left to undo): the step goes. Not reached: it stays, to try again.
        return { ok: false, message: errorMessage(err), keep: !isFinal(err) };
      }
    };
    const h = createHistory(doc, undoOperation);
    setHistory(h);
    return () => {
      h.destroy();
      setHistory(null);
    };
  }, [doc, pieceId, client, queryClient, trpc]);
  return history;
}

const NOTHING: HistoryState = { canUndo: false, canRedo: false, busy: false, message: null };
const noSubscription = () => () => {};

/** Whether there is anything to undo or redo now, following the history as it changes. */
export function useHistoryState(history: PersonalHistory | null): HistoryState {
  return useSyncExternalStore(history?.subscribe ?? noSubscription, () => history?.getState() ?? NOTHING, () => NOTHING);
}
