/** CPU and resident memory of the current process over a measured window (used inside server children). */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { ResourceUsage } from "./rpc";

const SAMPLE_MS = 250;
const mb = (bytes: number) => bytes / (1024 * 1024);

export function resourceSampler() {
  let cpu0 = process.cpuUsage();
  let t0 = performance.now();
  let peak = 0;
  let timer: NodeJS.Timeout | null = null;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  return {
    begin(): void {
      cpu0 = process.cpuUsage();
      t0 = performance.now();
      peak = process.memoryUsage.rss();
      loopDelay.enable();
      if (timer) clearInterval(timer);
      timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), SAMPLE_MS);
    },
    end(): ResourceUsage {
      if (timer) clearInterval(timer);
      timer = null;
      loopDelay.disable();
      const { user, system } = process.cpuUsage(cpu0);
      const wallMs = performance.now() - t0;
      const rss = process.memoryUsage.rss();
      return { cpuMs: (user + system) / 1000, wallMs, rssPeakMb: mb(Math.max(peak, rss)), rssEndMb: mb(rss), loopDelayP99Ms: loopDelay.percentile(99) / 1e6 };
    },
  };
}
