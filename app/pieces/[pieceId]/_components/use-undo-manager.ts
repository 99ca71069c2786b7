"use client";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { createHistory, type PersonalHistory } from "@/app/_components/piano-roll/history";

/** This user's undo history for the doc (their own commands and the AI candidates they accepted). */
export function useUndoManager(doc: Y.Doc): PersonalHistory | null {
  const [history, setHistory] = useState<PersonalHistory | null>(null);
  useEffect(() => {
    const h = createHistory(doc);
    setHistory(h);
    return () => {
      h.destroy();
      setHistory(null);
    };
  }, [doc]);
  return history;
}
