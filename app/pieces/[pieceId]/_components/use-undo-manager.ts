"use client";
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { createUndoManager } from "@/app/_components/piano-roll/commands";

/** This user's undo history for the doc (their own commands only). */
export function useUndoManager(doc: Y.Doc): Y.UndoManager | null {
  const [undo, setUndo] = useState<Y.UndoManager | null>(null);
  useEffect(() => {
    const u = createUndoManager(doc);
    setUndo(u);
    return () => {
      u.destroy();
      setUndo(null);
    };
  }, [doc]);
  return undo;
}
