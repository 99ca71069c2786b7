/**
 * What bench/ghost-stream.ts measures inside a page: each click's time to the next paint, long tasks and the event
 * loop's delay, collected from the page's start (an init script) and read per phase with `takeProbe`.
 */
import type { Page } from "@playwright/test";

/**
 * Installed before the page's scripts. A click's latency runs from its event's timeStamp (when the input was sent) to a
 * task posted from the next animation frame, which runs once that frame has been painted. The loop probe asks for a
 * task every 50 ms and records how late it ran.
 */
export const PAGE_PROBE = `globalThis.__name = (f) => f;
globalThis.__ghostBench = { clicks: [], longTasks: [], loopLag: [] };
addEventListener("click", (e) => {
  const sent = e.timeStamp;
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => globalThis.__ghostBench.clicks.push(performance.now() - sent);
    ch.port2.postMessage(null);
  });
}, true);
try { new PerformanceObserver((l) => { for (const e of l.getEntries()) globalThis.__ghostBench.longTasks.push(e.duration); })
  .observe({ type: "longtask" }); } catch {}
(function tick() {
  const due = performance.now() + 50;
  setTimeout(() => { globalThis.__ghostBench.loopLag.push(performance.now() - due); tick(); }, 50);
})();`;

export interface PhaseFigures {
  clicks: number[];
  longTasks: number[];
  loopLag: number[];
  seconds: number;
  /** Bytes the page's WebSocket received in the phase. */
  wsBytes: number;
  /** The server's answers to a small request (ms), sent every CLICK_EVERY_MS in the phase. */
  serverMs: number[];
}

/** Empties the page's probe: what it collects from now on is the next phase's. */
export async function resetProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const b = (globalThis as unknown as { __ghostBench: Record<string, number[]> }).__ghostBench;
    for (const k of Object.keys(b)) b[k] = [];
  });
}

/** What the probe collected since the last reset; clicks not yet painted are waited for (up to 60 s). */
export async function takeProbe(page: Page, clicksSent: number): Promise<Omit<PhaseFigures, "seconds" | "wsBytes" | "serverMs">> {
  return page.evaluate(async (sent) => {
    const b = (globalThis as unknown as { __ghostBench: { clicks: number[]; longTasks: number[]; loopLag: number[] } }).__ghostBench;
    const end = performance.now() + 60_000;
    while (b.clicks.length < sent && performance.now() < end) await new Promise((r) => setTimeout(r, 50));
    return { clicks: [...b.clicks], longTasks: [...b.longTasks], loopLag: [...b.loopLag] };
  }, clicksSent);
}

/** Counts what the page's WebSockets receive (the collab socket's updates). */
export function countWsBytes(page: Page): { bytes: number } {
  const counter = { bytes: 0 };
  page.on("websocket", (ws) => ws.on("framereceived", ({ payload }) => (counter.bytes += typeof payload === "string" ? Buffer.byteLength(payload) : payload.length)));
  return counter;
}
