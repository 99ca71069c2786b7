/**
 * One run of the scale workload: every person connects to their piece (through the app or balancer the plan names),
 * edits their own notes at a Poisson rate for a warm-up and a measured window, stops, and the run settles once every
 * client holds every edit of its piece and every edit has had the server's answer.
 */
import { docMaps, type Note } from "../../lib/doc-schema";
import type { Person } from "../collab/accounts";
import { countLost } from "../collab/edit-session";
import { sleep, waitFor, within } from "../collab/wait";
import { stateOf } from "../collab/writer";
import { Collaborator } from "./collaborator";
import type { LoopDelay } from "../loop-delay";
import type { CpuUse } from "./cpu-meter";
import { FanOutClock } from "./fan-out-clock";

export interface RunPlan {
  people: readonly Person[];
  /** The first this many people apply everyone's edits (fan-out is timed at them); the rest skip them unread. */
  observers: number;
  /** Person i edits piece i mod pieceIds.length. */
  pieceIds: readonly string[];
  /** What person i's socket connects to (HTTP base), and the app process that is (-1: not known, behind a balancer). */
  connectTo(i: number): { base: string; app: number };
  rate: number;
  warmupSeconds: number;
  seconds: number;
  /** Runs halfway through the measured window, while everyone goes on editing (the failover's kill). */
  midway?: () => Promise<void>;
  /** Starts measuring the processes' CPU at the measured window's start; what it returns ends it (cpu-meter.ts). */
  meterCpu?: () => () => CpuUse;
  /** The same for the app processes' event-loop delay (bench/loop-delay.ts), where every process lives to the end. */
  meterLoops?: () => () => Promise<LoopDelay[]>;
}

const CONNECT_TIMEOUT_MS = 120_000;
const SETTLE_TIMEOUT_MS = 60_000;

export class EditRun {
  readonly clock = new FanOutClock();
  readonly collaborators: Collaborator[];
  measuredMs = 0;
  measuredEdits = 0;
  /** Where the CPU went in the measured window (null: not measured). */
  cpu: CpuUse | null = null;
  /** Each app process's event-loop delay in the measured window (null: not measured). */
  loops: LoopDelay[] | null = null;
  /** Every client held every edit of its piece, and had every answer, within the settle timeout. */
  settled = false;

  private constructor(readonly plan: RunPlan) {
    this.collaborators = plan.people.map((person, i) => {
      const { base, app } = plan.connectTo(i);
      const pieceId = plan.pieceIds[i % plan.pieceIds.length];
      return new Collaborator({ base, app, person, pieceId, clock: this.clock, name: `p${i}`, observes: i < plan.observers });
    });
  }

  static async connect(plan: RunPlan): Promise<EditRun> {
    const run = new EditRun(plan);
    try {
      await within(Promise.all(run.collaborators.map((c) => c.client.synced)), CONNECT_TIMEOUT_MS, `${plan.people.length} clients syncing`);
    } catch (err) {
      run.close();
      throw err;
    }
    return run;
  }

  /** Everyone edits for the warm-up and the measured window, then stops; resolves once the run has settled. */
  async edit(): Promise<void> {
    this.clock.phase = "warm-up";
    this.collaborators.forEach((c) => c.writer.start(this.plan.rate));
    await sleep(this.plan.warmupSeconds * 1000);
    const before = this.edits();
    const t0 = performance.now();
    this.clock.phase = "measured";
    const endCpu = this.plan.meterCpu?.();
    const endLoops = this.plan.meterLoops?.();
    const half = (this.plan.seconds * 1000) / 2;
    await sleep(half);
    await this.plan.midway?.();
    await sleep(Math.max(0, t0 + 2 * half - performance.now()));
    this.clock.phase = null;
    this.cpu = endCpu?.() ?? null;
    this.measuredMs = performance.now() - t0;
    this.measuredEdits = this.edits() - before;
    this.loops = (await endLoops?.()) ?? null; // after the window's figures: the answers' round trip is not in them
    this.collaborators.forEach((c) => c.writer.stop());
    this.settled = await waitFor(() => this.isSettled(), SETTLE_TIMEOUT_MS, 250);
  }

  edits(): number {
    return this.collaborators.reduce((n, c) => n + c.writer.edits, 0);
  }

  /** What every note of `pieceId` must end as: each writer's last write to it (null: deleted). */
  expected(pieceId: string): Map<string, Note | null> {
    return new Map(this.onPiece(pieceId).flatMap((c) => [...c.writer.expected]));
  }

  /** Notes whose final state in an observer's doc is not what their writer last wrote, summed over observers. */
  lostAtClients(): number {
    return this.plan.pieceIds.reduce((lost, pieceId) => {
      const expected = this.expected(pieceId);
      const observers = this.onPiece(pieceId).filter((c) => c.o.observes);
      return lost + observers.reduce((n, c) => n + countLost(expected, docMaps(c.client.doc).notes.toJSON() as Record<string, Note>), 0);
    }, 0);
  }

  onPiece(pieceId: string): Collaborator[] {
    return this.collaborators.filter((c) => c.o.pieceId === pieceId);
  }

  close(): void {
    this.collaborators.forEach((c) => c.destroy());
  }

  /**
   * Every answer in, every writer's clock reached in every observer of its piece, and then every note as its writer left
   * it: a delete advances no clock (it only marks what it removes), so the clocks alone miss a trailing one.
   */
  private isSettled(): boolean {
    const inOrder = this.plan.pieceIds.every((pieceId) => {
      const on = this.onPiece(pieceId);
      const caughtUp = (c: Collaborator) => !c.o.observes || on.every((w) => stateOf(c.client.doc, w.writer.clientId) >= w.writer.ownClock());
      return on.every((c) => c.acks.pending() === 0 && caughtUp(c));
    });
    return inOrder && this.lostAtClients() === 0;
  }
}
