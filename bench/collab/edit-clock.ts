/**
 * Edit propagation latency. The load generator and its observers share one process and one clock,
 * so a write is stamped here, keyed by what it makes the note become, rather than inside the
 * document: both servers carry exactly the same bytes. Observers look the stamp up when the change
 * reaches them.
 */
import { docMaps, type Note } from "../../lib/doc-schema";
import type { BenchClient } from "./clients";

/** A write's identity as an observer sees it. Moves always change start, and ids are never reused. */
export const editKey = (id: string, note: Note | null | undefined) => (note ? `${id}@${note.start}:${note.pitch}` : `${id}@deleted`);

interface Stamp {
  at: number;
  /** Sent while a measured window was open. */
  measured: boolean;
}

export class EditClock {
  /** Latencies (ms) of writes sent inside measured windows, one per observer arrival. */
  readonly latencies: number[] = [];
  /** Writes sent inside measured windows, and their arrivals at observers (whenever they came). */
  sentMeasured = 0;
  arrivalsMeasured = 0;
  measuring = false;
  private readonly stamps = new Map<string, Stamp>();

  sent(id: string, note: Note | null): void {
    this.stamps.set(editKey(id, note), { at: performance.now(), measured: this.measuring });
    if (this.measuring) this.sentMeasured++;
  }

  /** Records every note change that reaches `observer`; returns a function that stops it. */
  observe(observer: BenchClient): () => void {
    const notes = docMaps(observer.doc).notes;
    const onChange = (event: { changes: { keys: Map<string, { action: string }> } }) => {
      const now = performance.now();
      event.changes.keys.forEach((change, id) => {
        const stamp = this.stamps.get(editKey(id, change.action === "delete" ? null : notes.get(id)));
        if (!stamp?.measured) return;
        this.latencies.push(now - stamp.at);
        this.arrivalsMeasured++;
      });
    };
    notes.observe(onChange);
    return () => notes.unobserve(onChange);
  }
}
