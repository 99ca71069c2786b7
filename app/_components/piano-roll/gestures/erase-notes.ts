/** The erase tool: click or drag across notes; every note touched goes, in one command at the end (asked first when some are other people's). */
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
        if (env.readOnly || ids.size === 0) return {};
        const remove = () => deleteNotes(env.doc, ids);
        if (env.confirmRemoval) env.confirmRemoval(ids, remove);
        else remove();
        return {};
      },
    },
  };
}
