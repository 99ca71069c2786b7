/**
 * Fan-out latency across app processes. Every collaborator is in this one bench process, so sender and receivers share
 * one clock: a write is stamped here with its send time and the app process its sender is connected to, keyed by what
 * it makes the note become (the server's schema has no room for a timestamp, and the bytes stay the editor's). Each
 * receiving client looks the stamp up when the change first reaches its own doc, and the latency goes to "same
 * process" or "across processes" by where that receiver is connected.
 */
import type * as Y from "yjs";
import { docMaps, type Note } from "../../lib/doc-schema";
import { editKey } from "../collab/edit-clock";

interface Stamp {
  at: number;
  app: number;
  /** Sent while the measured window was open (not during the warm-up). */
  measured: boolean;
}

export class FanOutClock {
  /** Latencies (ms) to receivers on the sender's own app process. */
  readonly sameProcess: number[] = [];
  /** Latencies (ms) to receivers on another app process. */
  readonly acrossProcesses: number[] = [];
  measuring = false;
  private readonly stamps = new Map<string, Stamp>();

  /** A write by a client connected to app process `app`, stamped just before its transaction. */
  sent(app: number, id: string, note: Note | null): void {
    this.stamps.set(editKey(id, note), { at: performance.now(), app, measured: this.measuring });
  }

  /** Times every note change that reaches `doc` from someone else; `app` is the process the receiver is connected to. */
  observe(doc: Y.Doc, app: number): void {
    const notes = docMaps(doc).notes;
    notes.observe((event) => {
      if (event.transaction.local) return; // the receiver's own write
      const now = performance.now();
      event.changes.keys.forEach((change, id) => {
        const stamp = this.stamps.get(editKey(id, change.action === "delete" ? null : notes.get(id)));
        if (!stamp?.measured) return;
        (stamp.app === app ? this.sameProcess : this.acrossProcesses).push(now - stamp.at);
      });
    });
  }
}
