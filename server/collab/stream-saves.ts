/**
 * How a room saves when several app processes hold its piece (REDIS_URL): the room's updates and ledger entries of
 * a tick go to the piece's Redis stream as one entry (relay.ts), and the holder of the piece's save lease, one
 * process at a time, writes the stream to the database in order with the last entry written (appendStreamBatch).
 * So an edit this process received and published is saved even if this process dies the next moment: whichever
 * process holds the piece (or opens it next) takes the lease when it lapses and writes what is left.
 *
 * A client's edit is acknowledged (afterPublished) only once the stream holds it.
 */
import type { Db } from "../../db";
import type { LedgerEntry } from "../authorship/ledger";
import type { Log } from "../log";
import { appendStreamBatch, compactPiece, streamSavedTo } from "./persistence";
import type { PieceRelay, Relay } from "./relay";
import { compareStreamIds } from "./stream-entries";
import * as Y from "yjs";

export interface StreamSavesOptions {
  db: Db;
  pieceId: string;
  log: Log;
  relay: Relay;
  pieceRelay: PieceRelay;
  /** How often, while anything is unsaved, this process tries to save (or checks that another did). */
  debounceMs: number;
  compactAfterRows: number;
  /** doc_updates rows the piece had at load, and the stream position they hold. */
  rows: number;
  savedTo: string | null;
}

/** How long the save lease lasts unrenewed: the longest a dead holder's piece goes unsaved. */
export const SAVE_LEASE_MS = 3_000;
/** Entries written in one transaction at most. */
const BATCH_ENTRIES = 500;
/** How long flush() waits for the database to have this process's entries. */
const FLUSH_TIMEOUT_MS = 15_000;
const MAX_RETRY_MS = 5_000;
const LEASE = "save";

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : compareStreamIds(a, b) >= 0 ? a : b);
/** Whether the database (at `saved`) holds entry `id`. */
const holds = (saved: string | null, id: string) => saved !== null && compareStreamIds(saved, id) >= 0;

export class StreamSaves {
  rows: number;
  private tick: { updates: Uint8Array[]; ledger: LedgerEntry[] } | null = null;
  /** This process's entries, published one after another in order. */
  private publishing: Promise<void> = Promise.resolve();
  private unpublished = 0;
  /** An entry failed to reach the stream and waits to be sent again: the ticks after it are sent only in their turn. */
  private failing = false;
  private lastPublished: string | null = null;
  private lastSeen: string | null = null;
  /** How far the database is, as far as this process knows (its own writes, the other processes' marker). */
  private saved: string | null;
  /** While this process holds the lease: the database's position as it wrote it. */
  private holding = false;
  private saving: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private disposed = false;

  constructor(private readonly opts: StreamSavesOptions) {
    this.rows = opts.rows;
    this.saved = opts.savedTo;
  }

  /** True while anything this process published or saw in the stream is not known to be in the database. */
  get pending(): boolean {
    return this.tick !== null || this.unpublished > 0 || this.unsaved() !== null;
  }

  addUpdate(update: Uint8Array): void {
    this.current().updates.push(update);
  }

  addLedger(entries: readonly LedgerEntry[]): void {
    if (entries.length > 0) this.current().ledger.push(...entries);
  }

  /** Runs `fn` once the stream holds everything added so far (a client's acknowledgement). */
  afterPublished(fn: () => void): void {
    if (this.tick !== null) this.publishTick(); // this tick's entry first
    void this.publishing.then(fn);
  }

  /** An entry read from the stream (any process's): something the database may not have yet. */
  seen(id: string): void {
    this.lastSeen = later(this.lastSeen, id);
    if (!holds(this.saved, id)) this.schedule();
  }

  /**
   * Resolves once the database holds what this process published and saw in the stream (saving it here when this
   * process holds, or can take, the lease); rejects after FLUSH_TIMEOUT_MS, the entries still in the stream.
   */
  async flush(): Promise<void> {
    if (this.tick !== null) this.publishTick();
    const deadline = Date.now() + FLUSH_TIMEOUT_MS;
    const timedOut = () => new Error(`piece ${this.opts.pieceId}: not saved within ${FLUSH_TIMEOUT_MS / 1000} s (the updates wait in Redis)`);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.publishing, new Promise((r) => (timer = setTimeout(r, FLUSH_TIMEOUT_MS)))]).finally(() => clearTimeout(timer));
    if (this.unpublished > 0) throw timedOut();
    while (this.unsaved() !== null) {
      if (Date.now() > deadline) throw timedOut();
      await this.saveNow();
      if (this.unsaved() !== null) await new Promise((r) => setTimeout(r, Math.min(this.opts.debounceMs, 250)));
    }
  }

  /** The last entry this process published or saw that the database is not known to hold (null: none). */
  private unsaved(): string | null {
    const last = later(this.lastPublished, this.lastSeen);
    return last !== null && !holds(this.saved, last) ? last : null;
  }

  /** Stops saving and gives the lease up (after a flush, or on a room that is gone). */
  dispose(): void {
    this.disposed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.holding) this.opts.relay.release(this.opts.pieceId, LEASE).catch(() => {});
    this.holding = false;
  }

  private current() {
    if (this.tick === null) {
      this.tick = { updates: [], ledger: [] };
      setImmediate(() => this.publishTick());
    }
    return this.tick;
  }

  /**
   * The tick's updates, merged, and ledger entries as one stream entry, after this process's earlier ones. It is sent
   * at once: the relay writes on one connection, which Redis serves in order, so an entry need not wait for the one
   * before it to come back (a round trip each, and under load the ticks queued behind one another). Its outcome is
   * taken in order. A failed entry is sent again, and while one fails, the ticks after it wait their turn instead.
   * (The connection waits out a lost Redis and sends again what it had sent, in order: maxRetriesPerRequest null. What
   * fails is an error of Redis's own, such as a full memory, and an entry sent before that was known may then land
   * ahead of the failed one's retry: Yjs applies them in any order.)
   */
  private publishTick(): void {
    const tick = this.tick;
    this.tick = null;
    if (tick === null || this.disposed) return;
    const update = tick.updates.length === 0 ? null : tick.updates.length === 1 ? tick.updates[0] : Y.mergeUpdates(tick.updates);
    const publish = () => this.opts.pieceRelay.publish(update, tick.ledger);
    let sent: Promise<string> | null = this.failing ? null : publish();
    sent?.catch(() => {}); // its failure is taken below, in order
    this.unpublished++;
    this.publishing = this.publishing.then(async () => {
      // Applied and shown here already: keep trying, in order, for as long as the room is open.
      for (let attempt = 0; !this.disposed; attempt++) {
        try {
          const id = await (sent ?? publish());
          this.lastPublished = id;
          this.seen(id);
          break;
        } catch (err) {
          sent = null;
          this.failing = true;
          this.opts.log.error("collab relay: an update did not reach the stream; retrying", { pieceId: this.opts.pieceId, attempt, error: String(err) });
          await new Promise((r) => setTimeout(r, Math.min(MAX_RETRY_MS, 100 * 2 ** attempt)));
        }
      }
      this.unpublished--;
      if (this.unpublished === 0) this.failing = false;
    });
  }

  private schedule(delay = this.opts.debounceMs): void {
    if (this.timer !== null || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.saveNow().then(() => {
        if (this.unsaved() !== null) this.schedule(this.retryDelay());
      });
    }, delay);
  }

  private retryDelay(): number {
    return this.failures === 0 ? this.opts.debounceMs : Math.min(MAX_RETRY_MS, this.opts.debounceMs * 2 ** this.failures);
  }

  /** One attempt, never two at once: saves the stream's next entries if this process holds (or takes) the lease. */
  private saveNow(): Promise<void> {
    this.saving ??= this.saveStep()
      .catch((err) => {
        this.failures++;
        this.holding = false; // read the position again before the next write
        this.opts.log.error("collab save failed", { pieceId: this.opts.pieceId, failures: this.failures, error: String(err) });
      })
      .finally(() => (this.saving = null));
    return this.saving;
  }

  private async saveStep(): Promise<void> {
    const { db, pieceId, relay } = this.opts;
    if (this.disposed) return;
    if (!(await relay.lease(pieceId, LEASE, SAVE_LEASE_MS))) {
      this.holding = false;
      this.saved = later(this.saved, await relay.savedMarker(pieceId)); // another process saves: how far is it?
      return;
    }
    if (!this.holding) {
      this.saved = await streamSavedTo(db, pieceId); // taken now: from where the database really is
      this.holding = true;
    }
    for (;;) {
      const entries = await relay.entries(pieceId, this.saved, BATCH_ENTRIES);
      if (entries.length === 0) break;
      const to = entries[entries.length - 1].id;
      const batch = { updates: entries.flatMap((e) => (e.update ? [e.update] : [])), ledger: entries.flatMap((e) => e.ledger) };
      if (!(await appendStreamBatch(db, pieceId, batch, this.saved, to))) {
        this.holding = false; // someone wrote meanwhile: start again from the database's position
        return;
      }
      this.saved = to;
      this.rows++;
      this.failures = 0;
      await relay.saved(pieceId, to);
      if (entries.length < BATCH_ENTRIES) break;
    }
    if (this.rows > this.opts.compactAfterRows) {
      try {
        this.rows = await compactPiece(db, pieceId);
      } catch (err) {
        this.opts.log.warn("collab compaction failed", { pieceId, error: String(err) }); // the rows are all still there
      }
    }
  }
}
