/** A cluster on one machine, from its plan: the children started, and when every app answers through the balancer. */
import { startChildren, type ChildExit, type Children } from "./children";
import { ROOT, type ClusterPlan } from "./plan";

/**
 * How long the children get to stop after SIGTERM before SIGKILL: an app saves its open pieces first (it gives
 * itself 15 s), a worker finishes the jobs it runs (a typical generation takes seconds).
 */
export const STOP_GRACE_MS = 20_000;
/** Next's start-up on a loaded machine can take a minute. */
const READY_TIMEOUT_MS = 180_000;

export interface Cluster {
  children: Children;
  /** Resolves once every app answers /api/health on its port and through the balancer; rejects if one exits first. */
  ready: Promise<void>;
  stop(): Promise<string[]>;
}

export interface ClusterOptions {
  root?: string;
  write(line: string, stream: "stdout" | "stderr"): void;
  onDeath(exit: ChildExit): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export function startCluster(plan: ClusterPlan, o: ClusterOptions): Cluster {
  const children = startChildren(plan.children, { root: o.root ?? ROOT, write: o.write, onDeath: o.onDeath });
  const byName = new Map(children.list.map((c) => [c.name, c]));

  async function waitFor(url: string, name: string) {
    const end = Date.now() + READY_TIMEOUT_MS;
    while (!(await answers(url))) {
      if (!byName.get(name)!.running()) throw new Error(`${name} exited before it answered ${url}`);
      if (Date.now() > end) throw new Error(`${name} did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s`);
      await sleep(250);
    }
  }
  const ready = (async () => {
    await Promise.all(plan.apps.map((a) => waitFor(`http://127.0.0.1:${a.port}/api/health`, a.name)));
    await waitFor(`http://127.0.0.1:${plan.port}/api/health`, "lb");
  })();
  ready.catch(() => {}); // the caller may stop the cluster without awaiting it

  return { children, ready, stop: () => children.stop(STOP_GRACE_MS) };
}
