/**
 * bench:scale's collaboration and failover sections, in one run on one fresh PostgreSQL database:
 *   1. one app process without Redis serving everyone (Tandem today): the baseline;
 *   2. the same workload with the people spread round-robin over `apps` processes on Redis;
 *   3. failover: the same again through a round-robin balancer, one process SIGKILLed halfway through.
 * Each run has pieces of its own, made through the app; the same people take part in all three.
 */
import type { ChildServer } from "../../server/testing/real-server";
import { signUpPeople, type Person } from "../collab/accounts";
import { meterLoops, type LoopDelay } from "../loop-delay";
import { Apps } from "./apps";
import { meterCpu, type CpuUse } from "./cpu-meter";
import { checkDatabase, type DatabaseReport } from "./database-checks";
import { EditRun, type RunPlan } from "./edit-run";
import type { Latencies } from "./fan-out-clock";
import { makePieces } from "./pieces";

export interface ScaleCollabOptions {
  redisUrl: string;
  people: number;
  apps: number;
  pieces: number;
  /** Edits a second, per person. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** One process, then the spread processes, this many times over (each with pieces of its own): the ratio varies. */
  rounds: number;
  /**
   * The first this many people apply everyone's edits and time them; the rest skip other people's updates unread, as
   * bench:collab's writers do, so that the load generator, which real people run on machines of their own, takes less
   * of the cores the processes under test need.
   */
  observers: number;
  log(message: string): void;
}

export interface RunResult {
  /** Fan-out latencies (ms) to receivers on the sender's process and on others, ascending. */
  sameProcess: number[];
  acrossProcesses: number[];
  /** The same in the warm-up before the measured window, ascending. */
  warmUp: Latencies;
  edits: number;
  editsPerSecond: number;
  settled: boolean;
  lostAtClients: number;
  database: DatabaseReport;
  /** Where the CPU went in the measured window. */
  cpu: CpuUse | null;
  /** Each app process's event-loop delay in the measured window (null: not measured, as in the failover). */
  loops: LoopDelay[] | null;
}

export interface FailoverResult extends RunResult {
  /** Milliseconds from the kill to the next completed sync of each client whose socket closed after it (Infinity: never). */
  reconnectMs: number[];
  /** The same clients' milliseconds from the kill to their socket's close, and to its next open (ascending each). */
  closedMs: number[];
  reopenedMs: number[];
}

export interface ScaleCollabResult {
  options: ScaleCollabOptions;
  /** Each round's one-process and spread runs, in order. */
  rounds: { single: RunResult; spread: RunResult }[];
  failover: FailoverResult;
}

const ascending = (xs: number[]) => xs.sort((a, b) => a - b);

export async function runScaleCollab(o: ScaleCollabOptions): Promise<ScaleCollabResult> {
  const apps = await Apps.open(o.redisUrl);
  try {
    const plan = (pieceIds: string[], connectTo: RunPlan["connectTo"], running: readonly ChildServer[], balancer?: number): RunPlan => ({
      meterCpu: () => meterCpu(running.map((a) => a.proc.pid!), balancer),
      meterLoops: balancer === undefined ? () => meterLoops(running) : undefined, // the failover kills one
      people,
      observers: o.observers,
      pieceIds,
      connectTo,
      rate: o.rate,
      warmupSeconds: o.warmupSeconds,
      seconds: o.seconds,
    });
    async function measure(run: EditRun): Promise<RunResult> {
      await run.edit();
      return {
        sameProcess: ascending(run.clock.measured.sameProcess),
        acrossProcesses: ascending(run.clock.measured.acrossProcesses),
        warmUp: { sameProcess: ascending(run.clock.warmUp.sameProcess), acrossProcesses: ascending(run.clock.warmUp.acrossProcesses) },
        edits: run.edits(),
        editsPerSecond: run.measuredEdits / (run.measuredMs / 1000),
        settled: run.settled,
        lostAtClients: run.lostAtClients(),
        database: await checkDatabase(apps.db, run),
        cpu: run.cpu,
        loops: run.loops,
      };
    }
    /** Measures the run, then closes its clients. */
    async function measureOnce(run: EditRun): Promise<RunResult> {
      try {
        return await measure(run);
      } finally {
        run.close();
      }
    }

    let people: Person[] = [];
    const rounds: ScaleCollabResult["rounds"] = [];
    let cluster: ChildServer[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      const of = o.rounds > 1 ? ` (round ${round} of ${o.rounds})` : "";
      o.log(`one app process without Redis (Tandem today)${of}`);
      const [alone] = await apps.start(1, false);
      if (people.length === 0) {
        o.log(`signing up ${o.people} people`);
        people = await signUpPeople(alone.base, o.people);
      }
      const onePieces = await makePieces(alone.base, people, o.pieces, "One process");
      const single = await measureOnce(await EditRun.connect(plan(onePieces, () => ({ base: alone.base, app: 0 }), [alone])));
      await apps.stop(alone);

      o.log(`${o.apps} app processes on Redis${of}`);
      cluster = await apps.start(o.apps, true);
      const spreadPieces = await makePieces(cluster[0].base, people, o.pieces, "Spread");
      const running = cluster;
      const spread = await measureOnce(await EditRun.connect(plan(spreadPieces, (i) => ({ base: running[i % o.apps].base, app: i % o.apps }), running)));
      rounds.push({ single, spread });
      if (round < o.rounds) for (const app of cluster) await apps.stop(app); // idle, they would still share the cores
    }

    o.log("failover: one app process killed halfway");
    const balancer = await apps.balance(cluster);
    const failPieces = await makePieces(balancer.base, people, o.pieces, "Failover");
    const victim: ChildServer = cluster[cluster.length - 1];
    let killedAt = Infinity;
    const failoverRun = await EditRun.connect({
      ...plan(failPieces, () => ({ base: balancer.base, app: -1 }), cluster, balancer.pid),
      midway: async () => {
        killedAt = performance.now();
        await apps.stop(victim, "SIGKILL");
      },
    });
    try {
      const failed = await measure(failoverRun);
      // Read before the clients close: closing them closes their sockets too.
      const closedByKill = failoverRun.collaborators.filter((c) => c.closes.some((t) => t >= killedAt));
      const sinceKill = (times: (c: (typeof closedByKill)[number]) => number[]) => ascending(closedByKill.map((c) => (times(c).find((t) => t > killedAt) ?? Infinity) - killedAt));
      const [reconnectMs, closedMs, reopenedMs] = [sinceKill((c) => c.syncs), sinceKill((c) => c.closes), sinceKill((c) => c.opens)];
      return { options: o, rounds, failover: { ...failed, reconnectMs, closedMs, reopenedMs } };
    } finally {
      failoverRun.close();
    }
  } finally {
    await apps.close();
  }
}
