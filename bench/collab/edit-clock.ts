/**
 * Edit propagation latency. The load generator and its observers share one process and one clock,
 * so a write is stamped here, keyed by what it makes the note become, rather than inside the
 * document: both servers carry exactly the same bytes. Observers look the stamp up when the change
 * reaches them.
 */
import { docMaps, type Note } from "../../lib/doc-schema";
import type { BenchClient } from "./clients";

// A write's identity as an observer sees it. Moves always change start, and ids are never reused.
const keyOf = (id: string, note: Note | null | undefined) => (note ? `${id}@${note.start}:${note.pitch}` : `${id}@deleted`);

export class EditClock {
  /** Latencies (ms) of writes sent inside the measured window, one per observer arrival. */
  readonly latencies: number[] = [];
  /** Writes sent inside the window, and their arrivals at observers. */
  sentInWindow = 0;
  arrivalsInWindow = 0;
  private readonly sentAt = new Map<string, number>();
  private windowStart = Infinity;
  private windowEnd = Infinity;

  sent(id: string, note: Note | null): void {
    const now = performance.now();
    this.sentAt.set(keyOf(id, note), now);
    if (now >= this.windowStart && now < this.windowEnd) this.sentInWindow++;
  }

  /** Counts writes from now on, until closeWindow(). */
  openWindow(): void {
    this.windowStart = performance.now();
  }

  closeWindow(): void {
    this.windowEnd = performance.now();
  }

  /** Records every note change that reaches `observer`; returns a function that stops it. */
  observe(observer: BenchClient): () => void {
    const notes = docMaps(observer.doc).notes;
    const onChange = (event: { changes: { keys: Map<string, { action: string }> } }) => {
      const now = performance.now();
      event.changes.keys.forEach((change, id) => {
        const sentAt = this.sentAt.get(keyOf(id, change.action === "delete" ? null : notes.get(id)));
        if (sentAt === undefined || sentAt < this.windowStart || sentAt >= this.windowEnd) return;
        this.latencies.push(now - sentAt);
        this.arrivalsInWindow++;
      });
    };
    notes.observe(onChange);
    return () => notes.unobserve(onChange);
  }
}
