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

type Opens = { total: number; synced: number; fromStart: number; redraws: number; longTaskAfter: number; longTaskBefore: number }[];

/** The open times; `before` names the older commit whose client opened the same song in `previous` (none: no such rows). */
export function openTable(open: { song: Opens; previous: Opens; empty: Opens; coldSong: Opens; coldPrevious: Opens }, notes: number, before: string | null): string {
  const coldSong = median(open.coldSong.map((o) => o.total));
  const song = median(open.song.map((o) => o.total));
  const synced = median(open.song.map((o) => o.synced));
  const previous = median(open.previous.map((o) => o.total));
  const previousSynced = median(open.previous.map((o) => o.synced));
  const coldPrevious = median(open.coldPrevious.map((o) => o.total));
  const verdict = (x: number) => `< ${TARGET_OPEN_MS} ms | ${x < TARGET_OPEN_MS ? "met" : "missed"}`;
  const lines = [
    "| measurement | value | baseline (same run) | baseline value | target | verdict |",
    "|---|--:|---|--:|--:|---|",
    `| open a ${notes}-note piece: load event to first frame with every note (median of ${open.song.length}) | ${ms(song)} | an empty piece | ${ms(median(open.empty.map((o) => o.total)))} | ${verdict(song)} |`,
  ];
  if (before) {
    const at = `the client at ${before}`;
    lines.push(
      `| the same open | ${ms(song)} | ${at} (its server, on its own build) | ${ms(previous)} (${ratio(song, previous)}) | | |`,
      `| the same, counted from navigation start (the page request) | ${ms(median(open.song.map((o) => o.fromStart)))} | ${at} | ${ms(median(open.previous.map((o) => o.fromStart)))} | | |`,
      `| of which: load event to the doc synced (WebSocket + Yjs) | ${ms(synced)} | ${at} | ${ms(previousSynced)} (${ratio(synced, previousSynced)}) | | |`,
      `| of which: synced to the first frame with every note (React + index + draw) | ${ms(song - synced)} | ${at} | ${ms(previous - previousSynced)} | | |`,
    );
  }
  const [coldAt, coldAtValue] = before ? [`the client at ${before}, cold`, `${ms(coldPrevious)} (${ratio(coldSong, coldPrevious)})`] : ["", ""];
  lines.push(`| cold: the same open with nobody on the piece (the server loads it from the database first) | ${ms(coldSong)} | ${coldAt} | ${coldAtValue} | ${verdict(coldSong)} |`);
  // What follows the first full frame, warm and cold opens together: the page should be quiet once the notes show.
  const mine = [...open.song, ...open.coldSong];
  const theirs = [...open.previous, ...open.coldPrevious];
  const after = (what: string, pick: (o: Opens[number]) => number, unit: (x: number) => string) =>
    `| ${what} (median of ${mine.length}, warm and cold) | ${unit(median(mine.map(pick)))} | ${before ? `the client at ${before}` : ""} | ${before ? unit(median(theirs.map(pick))) : ""} | | |`;
  lines.push(
    after("redraws of the roll in the 2 s after that first frame", (o) => o.redraws, (x) => String(x)),
    after("longest task in those 2 s (0: none over 50 ms)", (o) => o.longTaskAfter, ms),
    after("longest task from the load event to that first frame", (o) => o.longTaskBefore, ms),
  );
  return lines.join("\n");
}

/** This build's time as a share of the baseline's: under 1x is faster. */
const ratio = (value: number, baseline: number) => `this build ${(value / baseline).toFixed(2)}x`;

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
