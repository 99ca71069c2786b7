/**
 * Which of one client's edits the server acknowledged. The client connects with `?acks=1`, as the editor does, and the
 * server answers each sync step 2 and update it sends, in order, with a syncStatus (lib/collab-protocol.ts); with Redis
 * it answers only once the piece's stream holds the edit. This mirrors the editor's count (app/_collab/track-edits.ts,
 * unsynced-edits.ts) but keeps the edits themselves, so the bench can look each acknowledged one up in the ledger.
 */
import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";
import { MessageType, SyncStatus, SyncStep } from "../../lib/collab-protocol";
import type { Note } from "../../lib/doc-schema";

export interface Edit {
  id: string;
  /** What the edit made the note (null: deleted). */
  note: Note | null;
}

/** One document message: a live update carries one edit, a sync step 2 every note the server lacked. */
interface Message {
  edits: Edit[];
  live: boolean;
}

export class AckedEdits {
  /**
   * Live edits (one update message each) the server answered "applied": the ledger owes each its own row. An edit that
   * went in a sync step 2 is owed only as part of its note's final state (the step merges a note's offline edits).
   */
  readonly acknowledged: Edit[] = [];
  /** Edits in sync steps 2 the server answered "applied". */
  acknowledgedInCatchUp = 0;
  /** Edits in messages the server answered "dropped" (a writer's never are). */
  dropped = 0;
  /** Made while no socket carried them: the next sync step 2 brings them. */
  private offline: Edit[] = [];
  /** Document messages sent and not yet answered, oldest first. */
  private readonly inFlight: Message[] = [];

  constructor(private readonly provider: WebsocketProvider) {
    const handlers = provider.messageHandlers;
    const handleSync = handlers[MessageType.sync];
    handlers[MessageType.sync] = (encoder, decoder, p, emitSynced, messageType) => {
      const step = decoding.peekVarUint(decoder);
      handleSync(encoder, decoder, p, emitSynced, messageType);
      // The answer to the server's step 1 goes out as this returns: it carries everything the server lacks.
      if (step === SyncStep.step1) this.catchUpSent();
    };
    handlers[MessageType.syncStatus] = (_encoder, decoder) => {
      const message = this.inFlight.shift();
      if (message === undefined) return;
      if (decoding.readVarUint(decoder) !== SyncStatus.applied) this.dropped += message.edits.length;
      else if (message.live) this.acknowledged.push(...message.edits);
      else this.acknowledgedInCatchUp += message.edits.length;
    };
    // What was sent and not answered may not have arrived: it goes again with the next sync step 2.
    provider.on("connection-close", () => (this.offline = [...this.inFlight.splice(0).flatMap((m) => m.edits), ...this.offline]));
  }

  /** Told just before the edit's transaction: y-websocket sends it inside the transaction if its socket is open. */
  edit(e: Edit): void {
    const ws = this.provider.ws;
    if (this.provider.wsconnected && ws !== null && ws.readyState === ws.OPEN) this.inFlight.push({ edits: [e], live: true });
    else this.offline.push(e);
  }

  /** Messages still unanswered, and edits not yet sent. */
  pending(): number {
    return this.inFlight.length + this.offline.length;
  }

  private catchUpSent(): void {
    this.inFlight.push({ edits: this.offline, live: false });
    this.offline = [];
  }
}
