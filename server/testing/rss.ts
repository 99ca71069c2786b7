/** Resident memory of another process, from /proc (Linux): now, at its peak during some work, and once it settles. */
import { readFileSync } from "node:fs";

const SAMPLE_MS = 1000;

/** The process's resident set in MB. */
export function rssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/**
 * Waits `settleS` seconds (V8 shrinks its heap a few seconds after allocation stops), then reads the RSS once a second
 * for `samples` seconds and returns the median: one reading would catch a collection midway.
 */
export async function idleRssMb(pid: number, settleS: number, samples = 5): Promise<number> {
  await sleep(settleS * 1000);
  const seen: number[] = [];
  for (let i = 0; i < samples; i++) {
    if (i > 0) await sleep(SAMPLE_MS);
    seen.push(rssMb(pid));
  }
  return seen.sort((a, b) => a - b)[Math.floor(seen.length / 2)];
}

/** The highest RSS seen while `work` runs, sampled every 250 ms. */
export async function peakRssMb<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = rssMb(pid);
  const timer = setInterval(() => (peakMb = Math.max(peakMb, rssMb(pid))), 250);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peakMb, rssMb(pid)) };
  } finally {
    clearInterval(timer);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
