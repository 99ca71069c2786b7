"use client";
/** Which generation and which of its candidates this user is looking at (local state). */
import { useCallback, useState } from "react";
import type { GenerationView } from "@/lib/doc-schema";

export function useGhost(generations: readonly GenerationView[]) {
  const [picked, setPicked] = useState<{ id: string; index: number } | null>(null);
  // The picked one while it exists, else the newest: a new request shows up for everyone at once.
  const chosen = picked && generations.find((g) => g.id === picked.id);
  const active = chosen ?? generations.at(-1) ?? null;
  const candidateIndex = chosen ? Math.min(picked.index, Math.max(0, chosen.candidates.length - 1)) : 0;
  const notes = active?.candidates[candidateIndex] ?? [];
  const show = useCallback((id: string, index: number) => setPicked({ id, index }), []);
  return { active, candidateIndex, notes, show };
}
