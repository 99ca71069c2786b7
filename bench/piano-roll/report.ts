/** Tables for bench/piano-roll.ts: the open time and the frame times, next to their baselines and targets. */

export interface FrameStats {
  drawP50: number; // ms of the roll's draw in a frame (main-thread work for the frame)
  drawP95: number;
  frameP50: number; // ms between animation frames (what the user sees; vsync-bound at 60 Hz)
  frameP95: number;
  frames: number;
}

export interface FrameRow extends FrameStats {
  zoom: string;
  renderer: string;
  gesture: string;
}

export const TARGET_OPEN_MS = 1000;
export const TARGET_FRAME_MS = 16;

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (x: number) => (Number.isNaN(x) ? "n/a" : `${x.toFixed(1)} ms`);
const median = (xs: readonly number[]) => percentile(xs, 50);

type Opens = { total: number; synced: number; fromStart: number }[];

export function openTable(open: { song: Opens; previous: Opens; empty: Opens; coldSong: Opens; coldPrevious: Opens }, notes: number): string {
  const coldSong = median(open.coldSong.map((o) => o.total));
  const song = median(open.song.map((o) => o.total));
  const synced = median(open.song.map((o) => o.synced));
  const previous = median(open.previous.map((o) => o.total));
  const previousSynced = median(open.previous.map((o) => o.synced));
  return [
    "| measurement | value | baseline (same run) | baseline value | target | verdict |",
    "|---|--:|---|--:|--:|---|",
    `| open a ${notes}-note piece: load event to first frame with every note (median of ${open.song.length}) | ${ms(song)} | an empty piece | ${ms(median(open.empty.map((o) => o.total)))} | < ${TARGET_OPEN_MS} ms | ${song < TARGET_OPEN_MS ? "met" : "missed"} |`,
    `| the same open | ${ms(song)} | the previous client (connects once the editor code has loaded) | ${ms(previous)} | | |`,
    `| the same, counted from navigation start (the page request) | ${ms(median(open.song.map((o) => o.fromStart)))} | the previous client | ${ms(median(open.previous.map((o) => o.fromStart)))} | | |`,
    `| of which: load event to the doc synced (WebSocket + Yjs) | ${ms(synced)} | the previous client | ${ms(previousSynced)} | | |`,
    `| of which: synced to the first frame with every note (React + index + draw) | ${ms(song - synced)} | the previous client | ${ms(previous - previousSynced)} | | |`,
    `| cold: the same open with nobody on the piece (the server loads it from the database first) | ${ms(coldSong)} | the previous client, cold | ${ms(median(open.coldPrevious.map((o) => o.total)))} | < ${TARGET_OPEN_MS} ms | ${coldSong < TARGET_OPEN_MS ? "met" : "missed"} |`,
  ].join("\n");
}

export function frameTable(rows: readonly FrameRow[]): string {
  const lines = [
    "| view | gesture | renderer | draw p50 | draw p95 | frame interval p50 | frame interval p95 | frames | p95 < 16 ms |",
    "|---|---|---|--:|--:|--:|--:|--:|---|",
  ];
  for (const r of rows) {
    const verdict = r.drawP95 < TARGET_FRAME_MS && r.frameP95 < TARGET_FRAME_MS + 1 ? "met" : "missed";
    lines.push(`| ${r.zoom} | ${r.gesture} | ${r.renderer} | ${ms(r.drawP50)} | ${ms(r.drawP95)} | ${ms(r.frameP50)} | ${ms(r.frameP95)} | ${r.frames} | ${verdict} |`);
  }
  return lines.join("\n");
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The `n` functions with the most self time in a V8 CPU profile (DevTools protocol format), in ms. */
export function topSelfTime(profile: CpuProfile, n: number): [string, number][] {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  samples.forEach((id, i) => {
    const f = frames.get(id);
    if (!f) return;
    const where = f.url ? ` ${f.url.slice(f.url.lastIndexOf("/") + 1)}:${f.lineNumber + 1}` : "";
    const key = `${f.functionName || "(anonymous)"}${where}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n);
}
