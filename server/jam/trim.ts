import { downbeat, takeBarAt } from "../../lib/jam/plan";
import type { JamView } from "../../lib/jam/view";

/** The view as it goes out: the leader's notes and the model's bars of the last two passes over the loop only. */
export function trimmed(view: JamView, at: number): JamView {
  const pass = Math.floor(Math.max(0, takeBarAt(view.clock, at)) / view.settings.bars);
  const fromBar = Math.max(0, (pass - 1) * view.settings.bars);
  const from = downbeat(view.clock, fromBar) - view.clock.beatMs; // a note a hair early belongs to the pass
  return {
    ...view,
    played: fromBar === 0 ? view.played : view.played.filter((n) => n.at >= from),
    alongs: fromBar === 0 ? view.alongs : view.alongs?.map((a) => ({ ...a, played: a.played.filter((n) => n.at >= from) })),
    bars: view.bars.filter((b) => b.takeBar >= fromBar),
    missed: view.missed.filter((b) => b.takeBar >= fromBar),
  };
}
