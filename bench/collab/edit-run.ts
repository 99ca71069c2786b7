/**
 * One measured run: N collaborators editing one piece at a fixed rate through one server, a few
 * observers timing how long each edit takes to reach them, then a check that nothing was lost.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Note } from "../../lib/doc-schema";
import { anonymousPeople, signUpPeople } from "./accounts";
import { connectClient, type BenchClient } from "./clients";
import { EditClock } from "./edit-clock";
import { percentile } from "./stats";
import type { ResourceUsage } from "./rpc";
import { startServer, type ServerKind } from "./server-process";
import { sleep, waitFor, within } from "./wait";
import { stateOf, Writer } from "./writer";

export interface EditRunOptions {
  collaborators: number;
  observers: number;
  ratePerSecond: number;
  warmupSeconds: number;
  seconds: number;
}

export interface EditRunResult {
  kind: ServerKind;
  collaborators: number;
  edits: number;
  editsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Edit arrivals missing at observers (writes in the window x observers - arrivals). */
  missingAtObservers: number;
  /** Notes whose final state on the server differs from what their writer last wrote. */
  lostInServerDoc: number;
  /** The same against the document rebuilt from the database; null without persistence. */
  lostInDatabase: number | null;
  /** Edits with no note_ledger row attributed to their writer; null without attribution. */
  unattributed: number | null;
  reconnects: number;
  server: ResourceUsage;
  generator: { cpuPercent: number; loopDelayP99Ms: number };
}

const CONNECT_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 30_000;

export async function runEdits(kind: ServerKind, opts: EditRunOptions, say: (m: string) => void): Promise<EditRunResult> {
  const server = await startServer(kind);
  const clients: BenchClient[] = [];
  try {
    const total = opts.collaborators + opts.observers;
    const people = kind === "tandem" ? await signUpPeople(server.httpBase, total) : anonymousPeople(total);
    const members = people.map((p, i) => ({ userId: p.userId, role: i === 0 ? ("owner" as const) : ("editor" as const) }));
    const pieceId = await server.api.createPiece(members);
    const connect = (i: number, applyRemote: boolean) => {
      const c = connectClient(server.wsUrl, pieceId, { cookie: people[i].cookie, applyRemote });
      clients.push(c);
      return c;
    };
    const clock = new EditClock();
    const writers = people.slice(0, opts.collaborators).map((p, i) => new Writer(`w${i}`, p.userId, connect(i, false), clock));
    const observers = Array.from({ length: opts.observers }, (_, i) => connect(opts.collaborators + i, true));
    await within(Promise.all(clients.map((c) => c.synced)), CONNECT_TIMEOUT_MS, `${kind}: ${clients.length} clients syncing`);
    say(`${kind} x${opts.collaborators}: ${clients.length} clients synced; editing ${opts.warmupSeconds}+${opts.seconds} s`);
    observers.forEach((o) => clock.observe(o));

    writers.forEach((w) => w.start(opts.ratePerSecond));
    await sleep(opts.warmupSeconds * 1000);
    const editsBefore = writers.reduce((n, w) => n + w.edits, 0);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await server.api.beginSample();
    clock.openWindow();
    await sleep(opts.seconds * 1000);
    clock.closeWindow();
    const usage = await server.api.endSample();
    const wallMs = performance.now() - t0;
    const genCpu = process.cpuUsage(cpu0);
    loop.disable();
    const edits = writers.reduce((n, w) => n + w.edits, 0) - editsBefore;
    writers.forEach((w) => w.stop());

    // Drained: the server holds every writer's last edit and every observer has caught up with the server.
    const drained = await waitFor(async () => {
      const sv = new Map(await server.api.stateVector(pieceId));
      return writers.every((w) => (sv.get(w.clientId) ?? 0) >= w.ownClock() && observers.every((o) => stateOf(o.doc, w.clientId) >= w.ownClock()));
    }, DRAIN_TIMEOUT_MS);
    if (!drained) say(`${kind} x${opts.collaborators}: not drained after ${DRAIN_TIMEOUT_MS} ms; what is missing counts as lost`);

    const expected = new Map<string, Note | null>(writers.flatMap((w) => [...w.expected]));
    const persisted = await server.api.persisted(pieceId);
    const sentByUser = writers.map((w) => [w.userId, w.edits] as const);
    const latencies = clock.latencies.sort((a, b) => a - b);
    return {
      kind,
      collaborators: opts.collaborators,
      edits,
      editsPerSecond: edits / (wallMs / 1000),
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies[latencies.length - 1] ?? NaN,
      missingAtObservers: clock.sentInWindow * observers.length - clock.arrivalsInWindow,
      lostInServerDoc: countLost(expected, await server.api.notes(pieceId)),
      lostInDatabase: persisted ? countLost(expected, persisted.notes) : null,
      unattributed: persisted ? sentByUser.reduce((n, [user, sent]) => n + Math.max(0, sent - (persisted.ledgerByActor[user] ?? 0)), 0) : null,
      reconnects: clients.reduce((n, c) => n + c.closes(), 0),
      server: usage,
      generator: { cpuPercent: ((genCpu.user + genCpu.system) / 1000 / wallMs) * 100, loopDelayP99Ms: loop.percentile(99) / 1e6 },
    };
  } finally {
    clients.forEach((c) => c.destroy());
    await server.stop();
  }
}

/** Notes whose final state in `actual` is not what their writer last wrote (missing, stale or resurrected). */
function countLost(expected: Map<string, Note | null>, actual: Record<string, Note>): number {
  let lost = 0;
  for (const [id, note] of expected) {
    const got = actual[id];
    if (note === null ? got !== undefined : !sameNote(got, note)) lost++;
  }
  return lost;
}

const sameNote = (a: Note | undefined, b: Note) =>
  a !== undefined && a.track === b.track && a.pitch === b.pitch && a.start === b.start && a.duration === b.duration && a.velocity === b.velocity;
