/**
 * Where a run's CPU goes, read from Linux's /proc over the measured window: each app process, the bench's own
 * process (the clients), the balancer, Redis and PostgreSQL (every process of each name: PostgreSQL's backends).
 * In cores: CPU milliseconds over the window's milliseconds. On a host with fewer cores than the sum asks, every
 * latency is partly queueing for a core.
 */
import { readFileSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";

/** Linux's USER_HZ: /proc's CPU times are in these ticks. */
const TICKS_PER_SECOND = 100;

export interface CpuUse {
  /** Each app process's cores (NaN: it died inside the window). */
  apps: number[];
  bench: number;
  balancer: number;
  redis: number;
  postgres: number;
  /** The host's cores, for scale. */
  hostCores: number;
}

/** A process's user + system CPU, all threads, in ms; null once it is gone. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // the name may hold spaces: after its ")"
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND; // utime, stime: fields 14 and 15
  } catch {
    return null;
  }
}

function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Every process of the name: one that started inside the window counts from 0, one that ended is left out. */
function named(name: string): () => number {
  const before = new Map(pidsNamed(name).map((pid) => [pid, cpuMs(pid) ?? 0]));
  return () => pidsNamed(name).reduce((sum, pid) => sum + Math.max(0, (cpuMs(pid) ?? 0) - (before.get(pid) ?? 0)), 0);
}

function own(): () => number {
  const before = process.cpuUsage();
  return () => {
    const { user, system } = process.cpuUsage(before);
    return (user + system) / 1000;
  };
}

function pid(p: number | undefined): () => number {
  const before = p === undefined ? null : cpuMs(p);
  return () => {
    const after = p === undefined ? null : cpuMs(p);
    return before === null || after === null ? NaN : after - before;
  };
}

/** Starts measuring now; the returned function ends the window and gives each part's cores. */
export function meterCpu(apps: readonly number[], balancer?: number): () => CpuUse {
  const t0 = performance.now();
  const readers = { apps: apps.map(pid), bench: own(), balancer: pid(balancer), redis: named("redis-server"), postgres: named("postgres") };
  return () => {
    const ms = performance.now() - t0;
    const cores = (used: number) => used / ms;
    return {
      apps: readers.apps.map((r) => cores(r())),
      bench: cores(readers.bench()),
      balancer: balancer === undefined ? 0 : cores(readers.balancer()),
      redis: cores(readers.redis()),
      postgres: cores(readers.postgres()),
      hostCores: availableParallelism(),
    };
  };
}
