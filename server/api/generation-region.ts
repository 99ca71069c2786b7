/**
 * Checks a requested generation region against the piece, and resolves the region the model writes.
 * Mirrors server/inference/request.ts so a bad region is refused before a generation is recorded.
 */
import type { PieceMeta } from "../../lib/doc-schema";
import { GENERATION_LIMITS, MAX_REGION_BARS } from "../../lib/generation";
import type { Region } from "../../lib/region";
import { ticksPerBar } from "../../lib/time";

export interface RegionRequest {
  mode: "infill" | "continue";
  region: Region;
  /** continue only: how many bars to write after region.endBar. */
  bars?: number;
}

export interface PieceShape {
  trackIds: readonly string[];
  meta: PieceMeta;
  notes: readonly { start: number; duration: number }[];
}

export type RegionCheck = { ok: true; region: Region } | { ok: false; message: string };

/**
 * infill writes into `region` itself, which must lie inside the piece (up to the bar its last note ends in);
 * continue writes `bars` bars right after the region (same pitches and tracks), after the piece's last note; a region
 * that ends past the piece's end is continued from that end.
 * Either way the written region is non-empty, at most MAX_REGION_BARS long, with pitchLo <= pitchHi and
 * tracks the piece has.
 */
export function resolveRegion(req: RegionRequest, piece: PieceShape): RegionCheck {
  const { region } = req;
  const fail = (message: string): RegionCheck => ({ ok: false, message });
  const barTicks = ticksPerBar(piece.meta);
  const lastEnd = piece.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);

  if (req.mode === "infill" && req.bars !== undefined) return fail("bars is only for continue; an infill writes into its region");
  if (region.startBar < 0) return fail(`The region starts at bar ${region.startBar + 1}, before the start of the piece`);
  if (region.endBar <= region.startBar) return fail(`The region is empty: it must end after it starts (bars ${region.startBar}..${region.endBar})`);
  if (region.pitchLo > region.pitchHi) return fail(`The region's lowest pitch (${region.pitchLo}) is above its highest (${region.pitchHi})`);
  const trackIds = [...new Set(region.trackIds)];
  if (trackIds.length === 0) return fail("The region has no tracks; pick at least one");
  const unknown = trackIds.filter((id) => !piece.trackIds.includes(id));
  if (unknown.length > 0) return fail(`The piece has no track${unknown.length > 1 ? "s" : ""} ${unknown.map((id) => `"${id}"`).join(", ")}`);

  if (req.mode === "infill") {
    const length = region.endBar - region.startBar;
    if (length > MAX_REGION_BARS) return fail(`The model writes at most ${MAX_REGION_BARS} bars at once; this region has ${length}`);
    const pieceBars = Math.max(1, Math.ceil(lastEnd / barTicks));
    if (region.endBar > pieceBars) {
      return fail(`The region (bars ${region.startBar + 1}-${region.endBar}) goes past the end of the piece at bar ${pieceBars}; use continue to write after it`);
    }
    return { ok: true, region: { ...region, trackIds } };
  }

  const bars = req.bars ?? GENERATION_LIMITS.continueBars.default;
  if (bars > MAX_REGION_BARS) return fail(`The model writes at most ${MAX_REGION_BARS} bars at once; this asks for ${bars}`);
  const lastStart = piece.notes.reduce((m, n) => Math.max(m, n.start), -1);
  if (lastStart >= region.endBar * barTicks) {
    const lastBar = Math.floor(lastStart / barTicks) + 1;
    return fail(`A continuation starts after the piece's last note (in bar ${lastBar}); this region ends at bar ${region.endBar}. Select up to the end, or use infill`);
  }
  // A region past the end would leave empty bars between the piece and the new ones, which the model then continues
  // as silence: the continuation starts where the piece ends instead.
  const startBar = Math.min(region.endBar, Math.ceil(lastEnd / barTicks));
  return { ok: true, region: { ...region, trackIds, startBar, endBar: startBar + bars } };
}
