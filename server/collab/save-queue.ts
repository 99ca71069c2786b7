/**
 * What a room alone (no REDIS_URL) has applied but not yet written: updates and their ledger entries, written together
 * at most debounceMs after the first of them arrives, and meanwhile appended to the piece's unsaved log
 * (unsaved-log.ts), which the room waits for before showing anyone a change (afterKept). A failed write puts the batch
 * back (in front of anything newer) and retries with backoff; compaction follows a write once rows pile up.
 */
import type { Db } from "../../db";
import type { LedgerEntry } from "../authorship/ledger";
import type { Log } from "../log";
import { appendBatch, compactPiece, type Batch } from "./persistence";
import type { UnsavedLog } from "./unsaved-log";

export interface SaveQueueOptions {
  db: Db;
  pieceId: string;
  log: Log;
  debounceMs: number;
  compactAfterRows: number;
  /** Where the batch waits for the database, outliving the process; none: changes are shown at once (tests). */
  unsaved: UnsavedLog | null;
}

const MAX_RETRY_MS = 30_000;

export class SaveQueue {
  /** doc_updates rows the piece has now (set from the load, then counted). */
  rows = 0;
  private batch: Batch = { updates: [], ledger: [] };
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private failures = 0;
  private disposed = false;

  constructor(private readonly opts: SaveQueueOptions) {}

  /** True while anything is queued or being written. */
  get pending(): boolean {
    return this.batch.updates.length > 0 || this.batch.ledger.length > 0 || this.writing !== null;
  }

  addUpdate(update: Uint8Array): void {
    this.batch.updates.push(update);
    this.opts.unsaved?.add(update, []);
    this.schedule();
  }

  addLedger(entries: readonly LedgerEntry[]): void {
    if (entries.length === 0) return;
    this.batch.ledger.push(...entries);
    this.opts.unsaved?.add(null, entries);
    this.schedule();
  }

  /** What an earlier process left unsaved (UnsavedLog.open): saved first, from the log files it is already in. */
  restore(unsaved: Batch): void {
    if (unsaved.updates.length === 0 && unsaved.ledger.length === 0) return;
    this.batch = { updates: [...unsaved.updates, ...this.batch.updates], ledger: [...unsaved.ledger, ...this.batch.ledger] };
    this.schedule();
  }

  /** Runs `fn` once everything added so far would outlive this process: in the unsaved log, or at once without one. */
  afterKept(fn: () => void): void {
    if (this.opts.unsaved) this.opts.unsaved.afterAppended(fn);
    else fn();
  }

  /** Writes everything queued now; rejects if the database refused it (it stays queued for a retry). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => {});
    if (this.batch.updates.length === 0 && this.batch.ledger.length === 0) return;
    this.clearTimer();
    const batch = this.batch;
    this.batch = { updates: [], ledger: [] };
    this.writing = this.write(batch, this.opts.unsaved?.seal() ?? null);
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
  }

  /** Stops the timer; whatever is still queued is the caller's to have flushed first. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.opts.unsaved?.close();
  }

  /** `sealed`: the last unsaved-log generation the batch holds all of. */
  private async write(batch: Batch, sealed: number | null): Promise<void> {
    const { db, pieceId, log } = this.opts;
    try {
      await appendBatch(db, pieceId, batch);
    } catch (err) {
      this.batch = { updates: [...batch.updates, ...this.batch.updates], ledger: [...batch.ledger, ...this.batch.ledger] };
      this.failures++;
      log.error("collab save failed", { pieceId, failures: this.failures, error: String(err) });
      this.schedule(Math.min(MAX_RETRY_MS, this.opts.debounceMs * 2 ** this.failures));
      throw err;
    }
    this.failures = 0;
    this.rows++;
    if (sealed !== null) await this.opts.unsaved?.drop(sealed);
    if (this.rows <= this.opts.compactAfterRows) return;
    try {
      this.rows = await compactPiece(db, pieceId);
    } catch (err) {
      log.warn("collab compaction failed", { pieceId, error: String(err) }); // the rows are all still there
    }
  }

  private schedule(delay = this.opts.debounceMs): void {
    if (this.timer !== null || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => {}); // logged and rescheduled by write()
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
