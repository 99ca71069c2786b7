/**
 * N collaborators editing one piece through one server, a few observers timing how long each edit
 * takes to reach them, and at the end a check that nothing was lost. The edits run in measured
 * rounds, so two sessions (Tandem and the stock server) can take turns on the same machine.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { docMaps, type Note } from "../../lib/doc-schema";
import { anonymousPeople, signUpPeople, type Person } from "./accounts";
import { connectClient, type BenchClient } from "./clients";
import { EditClock } from "./edit-clock";
import type { ResourceUsage } from "./rpc";
import { startServer, type ServerKind, type ServerProcess } from "./server-process";
import { percentile } from "./stats";
import { sleep, waitFor, within } from "./wait";
import { stateOf, Writer } from "./writer";

export interface EditSessionOptions {
  collaborators: number;
  observers: number;
  ratePerSecond: number;
  /** Where to write a CPU profile of the server, if anywhere. */
  profileDir?: string;
}

export interface EditRunResult {
  kind: ServerKind;
  collaborators: number;
  measuredSeconds: number;
  editsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Notes whose final state at an observer differs from their writer's last write, summed over observers.
   * (A server may coalesce an edit with a later edit of the same note into one message; only the final
   * state is owed, so superseded intermediate states are not counted as missing.)
   */
  missingAtObservers: number;
  /** Notes whose final state on the server differs from what their writer last wrote. */
  lostInServerDoc: number;
  /** The same against the document rebuilt from the database; null without persistence. */
  lostInDatabase: number | null;
  /** Edits with no note_ledger row attributed to their writer; null without attribution. */
  unattributed: number | null;
  reconnects: number;
  /**
   * CPU over the rounds (first edit to drained) as a share of one core and per edit (the figure a
   * busy machine distorts least); RSS with no client connected yet, at its peak, and at the end.
   */
  server: { cpuPercent: number; cpuMsPerEdit: number; loopDelayP99Ms: number; rssIdleMb: number; rssPeakMb: number; rssEndMb: number };
  generator: { cpuPercent: number; loopDelayP99Ms: number };
}

const CONNECT_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 30_000;

export class EditSession {
  private readonly clock = new EditClock();
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly usage: ResourceUsage[] = [];
  private generatorCpuMs = 0;
  private measuredMs = 0;
  private measuredEdits = 0;
  private roundEdits = 0;
  private drainedEveryRound = true;
  private rssIdleMb = NaN;

  private readonly writers: Writer[] = [];
  private readonly observers: BenchClient[] = [];
  private readonly clients: BenchClient[] = [];

  private constructor(
    readonly kind: ServerKind,
    private readonly opts: EditSessionOptions,
    private readonly server: ServerProcess,
    private readonly pieceId: string,
  ) {}

  /** Starts the server, signs the collaborators up (Tandem) and connects everyone to a new piece. */
  static async open(kind: ServerKind, opts: EditSessionOptions): Promise<EditSession> {
    const server = await startServer(kind, opts.profileDir);
    let session: EditSession | null = null;
    try {
      await server.api.beginSample();
      const idle = await server.api.endSample();
      const total = opts.collaborators + opts.observers;
      const people = kind === "tandem" ? await signUpPeople(server.httpBase, total) : anonymousPeople(total);
      const members = people.map((p, i) => ({ userId: p.userId, role: i === 0 ? ("owner" as const) : ("editor" as const) }));
      session = new EditSession(kind, opts, server, await server.api.createPiece(members));
      session.rssIdleMb = idle.rssEndMb;
      await session.connect(people);
      return session;
    } catch (err) {
      await (session ? session.close() : server.stop());
      throw err;
    }
  }

  private async connect(people: Person[]): Promise<void> {
    const connect = (p: Person, applyRemote: boolean) => {
      const c = connectClient(this.server.wsUrl, this.pieceId, { cookie: p.cookie, applyRemote });
      this.clients.push(c);
      return c;
    };
    people.forEach((p, i) => {
      if (i < this.opts.collaborators) {
        this.writers.push(new Writer(`w${i}`, p.userId, connect(p, false), this.clock));
      } else {
        const observer = connect(p, true);
        this.observers.push(observer);
        this.clock.observe(observer);
      }
    });
    await within(Promise.all(this.clients.map((c) => c.synced)), CONNECT_TIMEOUT_MS, `${this.kind}: ${this.clients.length} clients syncing`);
  }

  /**
   * One round: everyone edits for `warmupSeconds`, then `seconds` measured, then stops; the round
   * ends when everything has arrived. Server CPU counts from the first edit to the drained end.
   */
  async round(warmupSeconds: number, seconds: number): Promise<void> {
    await this.server.api.beginSample();
    const roundEditsBefore = this.edits();
    this.writers.forEach((w) => w.start(this.opts.ratePerSecond));
    await sleep(warmupSeconds * 1000);
    const editsBefore = this.edits();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    this.loopDelay.enable();
    this.clock.measuring = true;
    await sleep(seconds * 1000);
    this.clock.measuring = false;
    this.measuredEdits += this.edits() - editsBefore;
    this.measuredMs += performance.now() - t0;
    this.loopDelay.disable();
    const cpu = process.cpuUsage(cpu0);
    this.generatorCpuMs += (cpu.user + cpu.system) / 1000;
    this.writers.forEach((w) => w.stop());
    // The next round (maybe the other server's) starts on a quiet machine.
    if (!(await this.drain())) this.drainedEveryRound = false;
    this.usage.push(await this.server.api.endSample());
    this.roundEdits += this.edits() - roundEditsBefore;
  }

  /** Checks what arrived and what was kept, then closes the clients and the server. */
  async finish(): Promise<EditRunResult> {
    try {
      const drained = await this.drain();
      const expected = new Map<string, Note | null>(this.writers.flatMap((w) => [...w.expected]));
      const persisted = await this.server.api.persisted(this.pieceId);
      const latencies = this.clock.latencies.sort((a, b) => a - b);
      const sum = (f: (u: ResourceUsage) => number) => this.usage.reduce((n, u) => n + f(u), 0);
      const result: EditRunResult = {
        kind: this.kind,
        collaborators: this.opts.collaborators,
        measuredSeconds: this.measuredMs / 1000,
        editsPerSecond: this.measuredEdits / (this.measuredMs / 1000),
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
        maxMs: latencies[latencies.length - 1] ?? NaN,
        missingAtObservers: this.observers.reduce((n, o) => n + countLost(expected, docMaps(o.doc).notes.toJSON() as Record<string, Note>), 0),
        lostInServerDoc: countLost(expected, await this.server.api.notes(this.pieceId)),
        lostInDatabase: persisted ? countLost(expected, persisted.notes) : null,
        unattributed: persisted
          ? this.writers.reduce((n, w) => n + Math.max(0, w.edits - (persisted.ledgerByActor[w.userId] ?? 0)), 0)
          : null,
        reconnects: this.clients.reduce((n, c) => n + c.closes(), 0),
        server: {
          cpuPercent: (sum((u) => u.cpuMs) / sum((u) => u.wallMs)) * 100,
          cpuMsPerEdit: sum((u) => u.cpuMs) / this.roundEdits,
          loopDelayP99Ms: this.usage[this.usage.length - 1]?.loopDelayP99Ms ?? NaN, // cumulative over the rounds
          rssIdleMb: this.rssIdleMb,
          rssPeakMb: Math.max(...this.usage.map((u) => u.rssPeakMb)),
          rssEndMb: this.usage[this.usage.length - 1]?.rssEndMb ?? NaN,
        },
        generator: { cpuPercent: (this.generatorCpuMs / this.measuredMs) * 100, loopDelayP99Ms: this.loopDelay.percentile(99) / 1e6 },
      };
      if (!drained || !this.drainedEveryRound) console.error(`[bench] ${this.kind} x${this.opts.collaborators}: a round did not drain within ${DRAIN_TIMEOUT_MS} ms`);
      return result;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.writers.forEach((w) => w.stop());
    this.clients.forEach((c) => c.destroy());
    await this.server.stop();
  }

  private edits(): number {
    return this.writers.reduce((n, w) => n + w.edits, 0);
  }

  /** True once the server holds every writer's last edit and every observer has caught up with the server. */
  private drain(): Promise<boolean> {
    return waitFor(async () => {
      const sv = new Map(await this.server.api.stateVector(this.pieceId));
      return this.writers.every((w) => (sv.get(w.clientId) ?? 0) >= w.ownClock() && this.observers.every((o) => stateOf(o.doc, w.clientId) >= w.ownClock()));
    }, DRAIN_TIMEOUT_MS);
  }
}

/** Notes whose final state in `actual` is not what their writer last wrote (missing, stale or resurrected). */
export function countLost(expected: Map<string, Note | null>, actual: Record<string, Note>): number {
  let lost = 0;
  for (const [id, note] of expected) {
    const got = actual[id];
    if (note === null ? got !== undefined : !sameNote(got, note)) lost++;
  }
  return lost;
}

const sameNote = (a: Note | undefined, b: Note) =>
  a !== undefined && a.track === b.track && a.pitch === b.pitch && a.start === b.start && a.duration === b.duration && a.velocity === b.velocity;
