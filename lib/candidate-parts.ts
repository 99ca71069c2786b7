/**
 * A running generation's candidates as they stream. The server appends each candidate's new notes under a key of
 * their own in the doc's `candidateParts` map (lib/doc-schema.ts), instead of rewriting the whole view each time, so
 * what travels to every page grows with the notes written, not with their square. Once the view is ready or failed,
 * its own `candidates` say it all and its parts go.
 */
import type { GenerationView, Note } from "./doc-schema";

/** `seq` numbers the server's sends for the generation, from 0: a candidate's notes are its parts in seq order. */
export const partKey = (generationId: string, candidate: number, seq: number): string => `${generationId}/${candidate}/${seq}`;

export interface PartKey {
  generationId: string;
  candidate: number;
  seq: number;
}

export function readPartKey(key: string): PartKey | null {
  const m = /^(.+)\/(\d{1,2})\/(\d{1,9})$/.exec(key);
  return m ? { generationId: m[1], candidate: Number(m[2]), seq: Number(m[3]) } : null;
}

/**
 * Each generation's streamed candidates, kept from the parts added and removed. A change costs the parts it names;
 * reading a generation rebuilds only the candidates a part was added to or removed from since, and hands back the
 * same arrays for the others, so nothing downstream redraws them.
 */
export function createStreamedCandidates() {
  const parts = new Map<string, Map<number, Map<number, Note[]>>>(); // generation -> candidate -> seq -> notes
  const built = new Map<string, Note[][]>();
  const dirty = new Map<string, Set<number>>();
  const touch = (generationId: string, candidate: number) => {
    let set = dirty.get(generationId);
    if (!set) dirty.set(generationId, (set = new Set()));
    set.add(candidate);
  };
  return {
    add(key: string, notes: readonly Note[]): void {
      const k = readPartKey(key);
      if (!k || !Array.isArray(notes)) return;
      let byCandidate = parts.get(k.generationId);
      if (!byCandidate) parts.set(k.generationId, (byCandidate = new Map()));
      let bySeq = byCandidate.get(k.candidate);
      if (!bySeq) byCandidate.set(k.candidate, (bySeq = new Map()));
      bySeq.set(k.seq, notes as Note[]);
      touch(k.generationId, k.candidate);
    },
    remove(key: string): void {
      const k = readPartKey(key);
      const bySeq = k && parts.get(k.generationId)?.get(k.candidate);
      if (!k || !bySeq?.delete(k.seq)) return;
      touch(k.generationId, k.candidate);
    },
    /** The generation's candidates so far (undefined: no part), indexed by candidate. */
    candidatesOf(generationId: string): Note[][] | undefined {
      const byCandidate = parts.get(generationId);
      const changed = dirty.get(generationId);
      dirty.delete(generationId);
      if (!byCandidate || [...byCandidate.values()].every((s) => s.size === 0)) {
        parts.delete(generationId);
        built.delete(generationId);
        return undefined;
      }
      const before = built.get(generationId);
      if (before && !changed) return before;
      const count = Math.max(...[...byCandidate].filter(([, s]) => s.size > 0).map(([c]) => c)) + 1;
      const out = Array.from({ length: count }, (_, c) => {
        const same = before?.[c] && !changed?.has(c);
        return same ? before[c] : joinInOrder(byCandidate.get(c));
      });
      built.set(generationId, out);
      return out;
    },
  };
}

function joinInOrder(bySeq: Map<number, Note[]> | undefined): Note[] {
  if (!bySeq) return [];
  return [...bySeq].sort((a, b) => a[0] - b[0]).flatMap(([, notes]) => notes);
}

export type StreamedCandidates = ReturnType<typeof createStreamedCandidates>;

/** The view as shown: while it runs, the candidates streamed so far (the view itself carries none until it is ready). */
export function withStreamed(view: GenerationView, streamed: Note[][] | undefined): GenerationView {
  return view.status === "running" && streamed ? { ...view, candidates: streamed } : view;
}
