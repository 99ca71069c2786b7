/**
 * One process alone (no REDIS_URL): what a room has applied and not yet written to the database, appended to files of
 * the piece's (`DATA_DIR/collab-unsaved`) before any client is shown it (room.ts whenKept), and replayed when the
 * piece is loaded again. So a process killed inside the save window (PERSIST_DEBOUNCE_MS) loses nothing it showed
 * anyone: without this, a client holding another person's lost edit would bring it back on reconnecting, and the
 * server would refuse that client's update whole, as written under the other person's client id (update-check.ts),
 * or credit it to the client when the id was new.
 *
 * Records are appended one tick at a time (an edit with its provenance and ledger entries), without fsync: they
 * outlive the process, not the machine (a power cut loses the unsaved window as before). Each save of the queue seals
 * a generation (one file); once the database has the batch, the files up to that generation are deleted.
 *
 * A replayed record counts as unsaved only if applying it changes the loaded document: a record's update and its
 * ledger entries were written together in one statement (persistence.ts appendBatch), so a record whose update the
 * database has was saved whole, and replaying it would only write its ledger rows twice.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { mkdir, readdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import type * as Y from "yjs";
import type { LedgerEntry } from "../authorship/ledger";
import type { Log } from "../log";
import { applyUpdates } from "./origins";
import type { Batch } from "./persistence";

interface Tick {
  gen: number;
  updates: Uint8Array[];
  ledger: LedgerEntry[];
}

/**
 * The folder of every piece's unsaved log, made and listed once per process (the first time a piece opens): after
 * that, this process knows each piece's files itself, those a process before left behind and those its own logs
 * closed with, and a piece's open reads only its own.
 */
export class UnsavedFolder {
  /** Each piece's files that no open log holds, by generation: from the listing, then from the logs that close. */
  private readonly left = new Map<string, number[]>();
  private listed: Promise<void> | null = null;

  constructor(
    readonly dir: string,
    readonly log: Log,
  ) {}

  /**
   * Opens the piece's log and replays what a process before (or a room of this one that closed unsaved) left into
   * `doc` (loaded from the database). Returns the log and the records the database lacks, to be saved again: their
   * files stay until then.
   */
  async open(pieceId: string, doc: Y.Doc, origin: unknown): Promise<{ log: UnsavedLog; unsaved: Batch }> {
    await (this.listed ??= this.list());
    const gens = this.left.get(pieceId) ?? [];
    this.left.delete(pieceId);
    return UnsavedLog.replay(this, pieceId, gens, doc, origin);
  }

  /** A piece's log closed with files the database may lack: the piece's next open replays them. */
  leftBehind(pieceId: string, gens: number[]): void {
    if (gens.length > 0) this.left.set(pieceId, [...(this.left.get(pieceId) ?? []), ...gens].sort((a, b) => a - b));
  }

  private async list(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const name of await readdir(this.dir)) {
      const m = /^(.+)\.(\d+)\.log$/.exec(name);
      const gen = m ? Number(m[2]) : NaN;
      if (m && Number.isSafeInteger(gen)) this.leftBehind(decodeURIComponent(m[1]), [gen]);
    }
  }
}

export class UnsavedLog {
  /** The generation new records go to; a save seals it. */
  private gen: number;
  /** Generations with a file, and the open descriptor of those appended to since. */
  private readonly files = new Set<number>();
  private readonly fds = new Map<number, number>();
  private tick: Tick | null = null;

  private constructor(
    private readonly folder: UnsavedFolder,
    private readonly pieceId: string,
    private readonly log: Log,
    gens: number[],
  ) {
    gens.forEach((g) => this.files.add(g));
    this.gen = gens.length === 0 ? 0 : Math.max(...gens) + 1;
  }

  /** The piece's log, with the files `gens` replayed into `doc`; UnsavedFolder.open says what it returns. */
  static async replay(folder: UnsavedFolder, pieceId: string, gens: number[], doc: Y.Doc, origin: unknown): Promise<{ log: UnsavedLog; unsaved: Batch }> {
    const { log } = folder;
    const unsaved: Batch = { updates: [], ledger: [] };
    const opened = new UnsavedLog(folder, pieceId, log, gens);
    for (const gen of gens) {
      const bytes = await readFile(opened.file(gen)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return Buffer.alloc(0); // deleted by hand since the listing: nothing to replay
        throw err;
      });
      for (const record of decodeRecords(bytes)) {
        if (!changes(doc, record.updates, origin)) continue;
        unsaved.updates.push(...record.updates);
        unsaved.ledger.push(...record.ledger);
      }
    }
    if (gens.length > 0) log.warn("collab: replayed edits a process left unsaved", { pieceId, files: gens.length, updates: unsaved.updates.length });
    if (gens.length > 0 && unsaved.updates.length === 0) await opened.drop(opened.seal());
    return { log: opened, unsaved };
  }

  add(update: Uint8Array | null, ledger: readonly LedgerEntry[]): void {
    if (this.tick === null) {
      this.tick = { gen: this.gen, updates: [], ledger: [] };
      setImmediate(() => this.closeTick());
    }
    if (update) this.tick.updates.push(update);
    this.tick.ledger.push(...ledger);
  }

  /** Runs `fn` once every record added so far is in its file: at once, the appends being synchronous. */
  afterAppended(fn: () => void): void {
    this.closeTick();
    fn();
  }

  /** Ends the generation a save is taking (everything added so far); returns it. Later records go to the next. */
  seal(): number {
    this.closeTick();
    return this.gen++;
  }

  /** The database has every record up to generation `upTo`: their files go. */
  async drop(upTo: number): Promise<void> {
    for (const gen of [...this.files].filter((g) => g <= upTo)) {
      this.files.delete(gen);
      this.closeFile(gen);
      await unlink(this.file(gen)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== "ENOENT") this.log.warn("collab: could not delete a saved log file", { pieceId: this.pieceId, error: String(err) });
      });
    }
  }

  /** Closes the files (the room is gone); what they hold stays for the piece's next open. */
  close(): void {
    this.closeTick();
    for (const gen of [...this.fds.keys()]) this.closeFile(gen);
    this.folder.leftBehind(this.pieceId, [...this.files]);
    this.files.clear();
  }

  /**
   * Appends the tick's record now. Synchronous: a write of a few hundred bytes to the page cache costs some
   * microseconds, where an asynchronous one cost a thread-pool round trip and a turn of the event loop for every
   * change shown (about 0.25 ms of CPU a write in bench:collab at 50 collaborators).
   */
  private closeTick(): void {
    const tick = this.tick;
    if (tick === null) return;
    this.tick = null;
    this.files.add(tick.gen);
    try {
      let fd = this.fds.get(tick.gen);
      if (fd === undefined) this.fds.set(tick.gen, (fd = openSync(this.file(tick.gen), "a")));
      writeSync(fd, encodeRecord(tick.updates, tick.ledger)); // unmerged: merging costs more than the bytes it saves
    } catch (err) {
      // A full disk or a lost folder: the edits are shown anyway, as without the log; the database save still follows.
      this.log.error("collab: could not append to the unsaved log", { pieceId: this.pieceId, error: String(err) });
    }
  }

  private closeFile(gen: number): void {
    const fd = this.fds.get(gen);
    this.fds.delete(gen);
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      // already closed: nothing is lost, the records were written
    }
  }

  private file(gen: number): string {
    return path.join(this.folder.dir, `${encodeURIComponent(this.pieceId)}.${gen}.log`);
  }
}

/** Whether applying `updates` changes `doc` (Yjs emits "update" only for a transaction that changed something). */
function changes(doc: Y.Doc, updates: Uint8Array[], origin: unknown): boolean {
  let changed = false;
  const heard = () => (changed = true);
  doc.on("update", heard);
  try {
    applyUpdates(doc, updates, origin);
  } finally {
    doc.off("update", heard);
  }
  return changed;
}

/** One tick's updates and the ledger entries they made. */
export interface LogRecord {
  updates: Uint8Array[];
  ledger: LedgerEntry[];
}

/** [u32 bytes after this][u32 updates][u32 bytes, the update: for each][ledger as JSON], big-endian. */
export function encodeRecord(updates: readonly Uint8Array[], ledger: readonly LedgerEntry[]): Buffer {
  const json = Buffer.from(JSON.stringify(ledger));
  const head = Buffer.alloc(8);
  const parts: Uint8Array[] = [head];
  for (const update of updates) {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(update.length, 0);
    parts.push(size, update);
  }
  parts.push(json);
  const record = Buffer.concat(parts);
  record.writeUInt32BE(record.length - 4, 0);
  record.writeUInt32BE(updates.length, 4);
  return record;
}

/** The whole records of a file; a record cut short by a crash mid-append, and anything after it, is left out. */
export function decodeRecords(bytes: Buffer): LogRecord[] {
  const records: LogRecord[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const end = at + 4 + bytes.readUInt32BE(at);
    if (end > bytes.length) break;
    const updates: Uint8Array[] = [];
    let p = at + 8;
    for (let n = bytes.readUInt32BE(at + 4); n > 0 && p + 4 <= end; n--) {
      const size = bytes.readUInt32BE(p);
      updates.push(new Uint8Array(bytes.subarray(p + 4, p + 4 + size)));
      p += 4 + size;
    }
    let ledger: LedgerEntry[];
    try {
      if (p > end) throw new Error("an update runs past its record");
      ledger = JSON.parse(bytes.subarray(p, end).toString("utf8")) as LedgerEntry[];
    } catch {
      break;
    }
    records.push({ updates, ledger });
    at = end;
  }
  return records;
}
