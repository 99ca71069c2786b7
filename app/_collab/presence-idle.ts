/**
 * A region someone picked stays drawn on the others' rolls only while they are active: once their presence has not
 * changed for IDLE_REGION_MS (no pointer moved, nothing selected), the others stop drawing it. Measured by each
 * receiver from when it saw the change, so no two browsers' clocks are compared.
 */
import type { Peer } from "./presence";

export const IDLE_REGION_MS = 5 * 60_000;

/** When this browser last saw each client's presence change, by awareness client id. */
export type LastActive = ReadonlyMap<number, number>;

const regionSince = (p: Peer, lastActive: LastActive): number | null =>
  !p.isLocal && p.selection && "region" in p.selection ? (lastActive.get(p.clientId) ?? null) : null;

/** The peers as the roll should draw them at `now`: an idle person's region is gone, the rest as it is. */
export function hideIdleRegions(peers: readonly Peer[], lastActive: LastActive, now: number): Peer[] {
  return peers.map((p) => {
    const since = regionSince(p, lastActive);
    return since !== null && now - since >= IDLE_REGION_MS ? { ...p, selection: null } : p;
  });
}

/** Milliseconds until the next drawn region goes idle, or null when none is drawn. */
export function nextRegionIdle(peers: readonly Peer[], lastActive: LastActive, now: number): number | null {
  const waits = peers.flatMap((p) => {
    const since = regionSince(p, lastActive);
    return since !== null && now - since < IDLE_REGION_MS ? [since + IDLE_REGION_MS - now] : [];
  });
  return waits.length > 0 ? Math.min(...waits) : null;
}
