/**
 * Fan-out latency across app processes. Every collaborator is in this one bench process, so sender and receivers share
 * one clock: a write is stamped here with its send time and the app process its sender is connected to, keyed by what
 * it makes the note become (the server's schema has no room for a timestamp, and the bytes stay the editor's). Each
 * receiving client looks the stamp up when the change first reaches its own doc, and the latency goes to "same
 * process" or "across processes" by where that receiver is connected, and to the measured window or the warm-up before
 * it by when it was sent.
 */
import type * as Y from "yjs";
import { docMaps, type Note } from "../../lib/doc-schema";
import { editKey } from "../collab/edit-clock";

interface Stamp {
  at: number;
  app: number;
  /** Where its latencies go: the warm-up's or the measured window's (null: neither, as while the run settles). */
  into: Latencies | null;
}

export interface Latencies {
  /** Latencies (ms) to receivers on the sender's own app process. */
  sameProcess: number[];
  /** Latencies (ms) to receivers on another app process. */
  acrossProcesses: number[];
}

export class FanOutClock {
  readonly measured: Latencies = { sameProcess: [], acrossProcesses: [] };
  /** The warm-up's: freshly started processes are slower while their code is compiled (bench/README.md). */
  readonly warmUp: Latencies = { sameProcess: [], acrossProcesses: [] };
  /** What writes sent now count toward. */
  phase: "warm-up" | "measured" | null = null;
  private readonly stamps = new Map<string, Stamp>();

  /** A write by a client connected to app process `app`, stamped just before its transaction. */
  sent(app: number, id: string, note: Note | null): void {
    const into = this.phase === "measured" ? this.measured : this.phase === "warm-up" ? this.warmUp : null;
    this.stamps.set(editKey(id, note), { at: performance.now(), app, into });
  }

  /** Times every note change that reaches `doc` from someone else; `app` is the process the receiver is connected to. */
  observe(doc: Y.Doc, app: number): void {
    const notes = docMaps(doc).notes;
    notes.observe((event) => {
      if (event.transaction.local) return; // the receiver's own write
      const now = performance.now();
      event.changes.keys.forEach((change, id) => {
        const stamp = this.stamps.get(editKey(id, change.action === "delete" ? null : notes.get(id)));
        if (!stamp?.into) return;
        (stamp.app === app ? stamp.into.sameProcess : stamp.into.acrossProcesses).push(now - stamp.at);
      });
    });
  }
}
