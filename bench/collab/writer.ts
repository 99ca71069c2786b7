/**
 * One simulated collaborator's edits: adds, moves and deletes of its own notes at a Poisson rate,
 * each a transaction of its own. It remembers what it last wrote to every note it touched, which
 * is what the server and the database must hold at the end.
 */
import * as Y from "yjs";
import { docMaps, type Note } from "../../lib/doc-schema";
import type { BenchClient } from "./clients";
import type { EditClock } from "./edit-clock";

const TRACKS = ["melody", "chords", "bass"];
const TICKS_PER_BAR = 1920;
const MIN_LIVE_NOTES = 4; // below this a collaborator only adds
const EDIT_ORIGIN = "bench-edit";

const randomInt = (n: number) => Math.floor(Math.random() * n);

export class Writer {
  readonly clientId: number;
  /** What this writer last wrote to each note it touched (null: deleted). */
  readonly expected = new Map<string, Note | null>();
  edits = 0;
  private readonly live: string[] = [];
  private seq = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    readonly userId: string,
    readonly client: BenchClient,
    /** Told of each write just before its transaction (the moment y-websocket sends it). */
    private readonly clock: Pick<EditClock, "sent">,
  ) {
    this.clientId = client.doc.clientID;
  }

  /** Edits at `ratePerSecond` on average (exponential gaps) until stop(). */
  start(ratePerSecond: number): void {
    const next = () => {
      this.timer = setTimeout(() => {
        this.edit();
        next();
      }, (-Math.log(1 - Math.random()) / ratePerSecond) * 1000);
    };
    next();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** This writer's own clock in its doc: the server has all of its edits once its state vector reaches it. */
  ownClock(): number {
    return stateOf(this.client.doc, this.clientId);
  }

  private edit(): void {
    const r = Math.random();
    if (this.live.length < MIN_LIVE_NOTES || r < 0.4) this.add();
    else if (r < 0.8) this.move();
    else this.remove();
    this.edits++;
  }

  private add(): void {
    const id = `${this.name}-${this.seq++}`;
    const note: Note = {
      track: TRACKS[randomInt(TRACKS.length)],
      pitch: 36 + randomInt(60),
      start: randomInt(64) * TICKS_PER_BAR + randomInt(16) * 120,
      duration: 120 * (1 + randomInt(8)),
      velocity: 60 + randomInt(60),
    };
    this.live.push(id);
    this.write(id, note);
  }

  private move(): void {
    const id = this.live[randomInt(this.live.length)];
    const before = this.expected.get(id)!;
    // Always later, so no two writes of a note are equal (each is a ledger row, and a distinct arrival).
    this.write(id, { ...before, start: before.start + 120 * (1 + randomInt(4)), pitch: 36 + randomInt(60) });
  }

  private remove(): void {
    const i = randomInt(this.live.length);
    const id = this.live[i];
    this.live[i] = this.live[this.live.length - 1];
    this.live.pop();
    this.write(id, null);
  }

  private write(id: string, note: Note | null): void {
    const { notes } = docMaps(this.client.doc);
    this.expected.set(id, note);
    this.clock.sent(id, note); // stamped just before the transaction: y-websocket sends inside it
    this.client.doc.transact(() => (note ? notes.set(id, note) : notes.delete(id)), EDIT_ORIGIN);
  }
}

export const stateOf = (doc: Y.Doc, clientId: number): number => Y.getState(doc.store, clientId);
