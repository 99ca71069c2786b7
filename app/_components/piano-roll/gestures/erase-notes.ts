/** The erase tool: click or drag across notes; every note touched goes, in one command at the end. */
import { deleteNotes } from "../commands";
import type { Point } from "../geometry";
import { hitNote } from "../hit-test";
import type { GestureEnv, GestureStart, Preview } from "./types";

export function startEraseNotes(env: GestureEnv, p: Point): GestureStart {
  const ids = new Set<string>();
  const touch = (q: Point) => {
    const hit = hitNote(env.viewport, env.notes, q);
    if (hit && hit.note.track === env.track) ids.add(hit.note.id);
  };
  touch(p);
  return {
    selection: new Set(),
    gesture: {
      move(q) {
        touch(q);
      },
      preview(): Preview {
        return { kind: "erase", ids };
      },
      end(q) {
        touch(q);
        if (!env.readOnly) deleteNotes(env.doc, ids);
        return {};
      },
    },
  };
}
