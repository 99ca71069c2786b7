/** A child server's event-loop delay (server/testing/child-server.ts answers SIGUSR2), for the benches that start one. */
import type { ChildServer } from "../server/testing/real-server";

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

/** The server's event-loop delay (ms) since the last call, which starts it over. */
export function loopDelay(server: ChildServer): Promise<LoopDelay> {
  return new Promise((resolve) => {
    const onData = (b: Buffer) => {
      const m = b.toString().match(/loop-delay (\{.*\})/);
      if (!m) return;
      server.proc.stdout!.off("data", onData);
      resolve(JSON.parse(m[1]) as LoopDelay);
    };
    server.proc.stdout!.on("data", onData);
    server.proc.kill("SIGUSR2");
  });
}

/** Starts each server's window now; the returned function ends them and gives each server's delay in it. */
export function meterLoops(servers: readonly ChildServer[]): () => Promise<LoopDelay[]> {
  const started = Promise.all(servers.map(loopDelay));
  return async () => {
    await started;
    return Promise.all(servers.map(loopDelay));
  };
}
