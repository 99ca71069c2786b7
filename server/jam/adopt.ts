/**
 * A jam whose process died (REDIS_URL, issue 15), taken over by the process whose sweep found it (cluster-hub.ts). Its
 * runner and whole take died with its process, but its view in the piece holds the last two passes over the loop
 * (hub.ts trims it so), and Keep writes the last whole pass: the take is rebuilt from the view, ending where that
 * process last wrote it. The jam shows stopped, and its take waits here for Keep or Discard as a stopped jam of this
 * process's does (discarded after JAM_TIMES_MS.undecided if nobody decides). A view that gives no take (less than a
 * bar played, or written by a server that did not record its model) is removed, as is one that cannot be read.
 */
import { docMaps } from "../../lib/doc-schema";
import { takeBarAt } from "../../lib/jam/plan";
import type { Take } from "../../lib/jam/take";
import { jamViewSchema, type JamView } from "../../lib/jam/view";
import type { Log } from "../log";
import type { Collab } from "../services";
import type { ClusterJam, JamClaims } from "./claims";
import type { LocalJamHub } from "./hub";

/** The take a jam's view holds, ending where it stopped or was last written; null when not a bar of it was done. */
export function takeFromView(view: JamView): Take | null {
  const endedAt = view.endedAt ?? view.writtenAt;
  if (endedAt === undefined || takeBarAt(view.clock, endedAt) < 1) return null;
  const modelBars = view.bars.map((b) => ({ takeBar: b.takeBar, notes: b.notes })).sort((a, b) => a.takeBar - b.takeBar);
  return { settings: view.settings, clock: view.clock, played: view.played, alongs: view.alongs ?? [], modelBars, endedAt };
}

export interface AdoptOptions {
  claims: Pick<JamClaims, "adopt" | "forget">;
  collab: Pick<Collab, "readDoc" | "removeJamView">;
  hub: Pick<LocalJamHub, "adopt">;
  log: Pick<Log, "warn">;
}

/** Takes over a jam whose home lapsed (an orphan of claims.sweep): its take waits here from now on, or its view goes. */
export async function adoptOrphan({ pieceId, jamId, leaderId }: ClusterJam, { claims, collab, hub, log }: AdoptOptions): Promise<void> {
  // The home first: a process loading the piece drops the view of a jam that has none (collab/room.ts), and so would this one.
  if (!(await claims.adopt(pieceId, { id: jamId, leaderId }))) return; // another process has it
  try {
    const found = jamViewSchema.safeParse(await collab.readDoc(pieceId, (d) => docMaps(d).jams.get(jamId) ?? null));
    const view = found.success ? found.data : null;
    const take = view && takeFromView(view);
    if (view?.model && take) {
      const stopped: JamView = { ...view, status: "stopped", endedAt: take.endedAt };
      await hub.adopt({ pieceId, leader: { id: view.leaderId, name: view.leaderName }, model: view.model, view: stopped, take });
      log.warn("a dead process's jam taken over here: its take waits for Keep or Discard", { pieceId, jamId, endedAt: take.endedAt });
      return;
    }
  } catch (err) {
    log.warn("a dead process's jam could not be taken over: its view goes", { pieceId, jamId, error: String(err) });
  }
  await claims.forget(pieceId, jamId);
  await collab.removeJamView(pieceId, jamId).catch((err: unknown) => log.warn("a dead process's jam view not removed", { pieceId, jamId, error: String(err) }));
}
