/** Checks a requested generation region against the piece, and resolves the region the model writes. */
import { MAX_TICK, type PieceMeta } from "../../lib/doc-schema";
import { ticksPerBar } from "../../lib/time";
import type { Region } from "../services";

export const MAX_REGION_BARS = 16;
export const DEFAULT_CONTINUE_BARS = 4;

export interface RegionRequest {
  mode: "infill" | "continue";
  region: Region;
  /** continue only: how many bars to write after region.endBar. */
  bars?: number;
}

export type RegionCheck = { ok: true; region: Region } | { ok: false; message: string };

/**
 * infill writes into `region` itself; continue writes `bars` bars right after it (same pitches and tracks),
 * with the region and everything before it as context. Either way the written region must be inside the
 * piece, non-empty, at most MAX_REGION_BARS long, with pitchLo <= pitchHi and tracks the piece has.
 */
export function resolveRegion(req: RegionRequest, trackIds: readonly string[], meta: PieceMeta): RegionCheck {
  const { region } = req;
  const fail = (message: string): RegionCheck => ({ ok: false, message });
  const pieceBars = Math.floor(MAX_TICK / ticksPerBar(meta));

  if (req.mode === "infill" && req.bars !== undefined) return fail("bars is only for continue; an infill writes into its region");
  if (region.startBar < 0) return fail(`The region starts at bar ${region.startBar}, before the start of the piece`);
  if (region.endBar <= region.startBar) {
    return fail(`The region is empty: it ends at bar ${region.endBar}, not after its start at bar ${region.startBar}`);
  }
  if (region.pitchLo > region.pitchHi) return fail(`The region's lowest pitch (${region.pitchLo}) is above its highest (${region.pitchHi})`);
  const trackSet = [...new Set(region.trackIds)];
  if (trackSet.length === 0) return fail("The region has no tracks; pick at least one");
  const unknown = trackSet.filter((id) => !trackIds.includes(id));
  if (unknown.length > 0) return fail(`The piece has no track${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => `"${id}"`).join(", ")}`);

  const written: Region =
    req.mode === "continue"
      ? { ...region, trackIds: trackSet, startBar: region.endBar, endBar: region.endBar + (req.bars ?? DEFAULT_CONTINUE_BARS) }
      : { ...region, trackIds: trackSet };
  const length = written.endBar - written.startBar;
  if (length > MAX_REGION_BARS) return fail(`The model writes at most ${MAX_REGION_BARS} bars at once; this asks for ${length}`);
  if (written.endBar > pieceBars) return fail(`The region ends at bar ${written.endBar}, past the end of the piece (${pieceBars} bars)`);
  return { ok: true, region: written };
}
