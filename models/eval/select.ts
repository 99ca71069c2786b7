/** Which pieces and regions a run evaluates: a seeded order per source, --pieces usable pieces from each. */
import { createRng } from "../prepare/prng";
import { loadPiece, type EvalPiece, type FileList } from "./pieces";
import { pickTasks, type EvalTask } from "./tasks";

/** A list's files in a seeded random order (Fisher-Yates). */
export function seededOrder(list: FileList, seed: string): string[] {
  const rng = createRng(`${seed}/pieces/${list.source}`);
  const files = [...list.files];
  for (let i = files.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [files[i], files[j]] = [files[j], files[i]];
  }
  return files;
}

/** Pieces that yield no region (fills of a bar or two, unreadable files) are passed over, not counted. */
export function selectTasks(lists: FileList[], perSource: number | undefined, seed: string, log: (m: string) => void) {
  const pieces: EvalPiece[] = [];
  const tasks: EvalTask[] = [];
  for (const list of lists) {
    let taken = 0;
    for (const file of seededOrder(list, seed)) {
      if (perSource !== undefined && taken >= perSource) break;
      let p: EvalPiece | null;
      try {
        p = loadPiece(file, list.source);
      } catch (e) {
        log(`skipped ${file}: ${(e as Error).message}`);
        continue;
      }
      const picked = p ? pickTasks(p, createRng(`${seed}/regions/${p.source}/${p.id}`)) : [];
      if (!p || picked.length === 0) continue;
      pieces.push(p);
      tasks.push(...picked);
      taken++;
    }
  }
  return { pieces, tasks };
}
