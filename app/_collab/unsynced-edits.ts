/**
 * The person's own edits that the server has not confirmed yet. Yjs keeps every edit in the local doc whatever the
 * socket does, and sends what the server lacks when it reconnects (the sync step 2 answering the server's step 1);
 * the server answers each document message in order (a syncStatus, lib/collab-protocol.ts). Counting the edits each
 * message carried tells the page how many are still to sync, and which ones the server dropped because this person
 * may no longer write (made as an editor while offline, sent after a demotion). No Yjs in here: the provider's side
 * is track-edits.ts.
 */

export interface SyncState {
  /** The document has synced with the server at least once: before that it is empty, and nothing can be edited. */
  loaded: boolean;
  /** Local edits the server has not confirmed: made while offline, or sent and not yet answered. */
  unsynced: number;
  /** Edits made while offline are on their way (in the sync step 2 sent on reconnecting) and not yet answered. */
  catchingUp: boolean;
  /** Edits the server dropped because this person may not write any more; they stay only in this tab. */
  refused: number;
}

/** One document message sent and not yet answered: how many of the person's edits it carried. */
interface InFlight {
  edits: number;
  catchUp: boolean;
}

const INITIAL: SyncState = { loaded: false, unsynced: 0, catchingUp: false, refused: 0 };

export class UnsyncedEdits {
  /** Made while no socket carried them: the next sync step 2 brings them all. */
  private offline = 0;
  private readonly inFlight: InFlight[] = [];
  private state = INITIAL;
  private readonly listeners = new Set<() => void>();

  /** The current state; the same object until something changes (for useSyncExternalStore). */
  readonly snapshot = (): SyncState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The doc synced with the server (the answer to its sync step 1 arrived). */
  synced(): void {
    if (!this.state.loaded) this.update({ loaded: true });
  }

  /**
   * One local edit: `sent` when the open socket carried it at once, in `messages` update messages (counted on the last,
   * which the server answers last), else it waits for a reconnect.
   */
  edit(sent: boolean, messages = 1): void {
    if (!sent) this.offline++;
    else for (let i = 1; i <= messages; i++) this.inFlight.push({ edits: i === messages ? 1 : 0, catchUp: false });
    this.publish();
  }

  /**
   * A sync step 2 went out (the answer to the server's step 1 on connecting), in `messages` parts: together they carry
   * every edit made offline, counted on the last part, which the server answers last.
   */
  catchUpSent(messages = 1): void {
    for (let i = 1; i < messages; i++) this.inFlight.push({ edits: 0, catchUp: this.offline > 0 });
    this.inFlight.push({ edits: this.offline, catchUp: this.offline > 0 });
    this.offline = 0;
    this.publish();
  }

  /**
   * The server's answer to the oldest unanswered document message. Returns how many edits it dropped: the edits that
   * message carried when the server says it may not write, else 0. An answer with nothing in flight is ignored.
   */
  answered(applied: boolean): number {
    const message = this.inFlight.shift();
    if (message === undefined) return 0;
    const dropped = applied ? 0 : message.edits;
    this.publish(this.state.refused + dropped);
    return dropped;
  }

  /** The socket closed: what was sent and not answered may not have arrived, so it goes with the next sync step 2. */
  connectionLost(): void {
    for (const message of this.inFlight.splice(0)) this.offline += message.edits;
    this.publish();
  }

  private publish(refused = this.state.refused): void {
    let unsynced = this.offline;
    for (const message of this.inFlight) unsynced += message.edits;
    const catchingUp = this.inFlight.some((m) => m.catchUp);
    const { state } = this;
    if (unsynced !== state.unsynced || catchingUp !== state.catchingUp || refused !== state.refused) this.update({ unsynced, catchingUp, refused });
  }

  private update(change: Partial<SyncState>): void {
    this.state = { ...this.state, ...change };
    this.listeners.forEach((listener) => listener());
  }
}
