/**
 * One collaborator of the scale bench: a signed-up person's y-websocket client, connected as the editor connects
 * (`?acks=1`), writing its own notes (bench/collab/writer.ts); an observer also applies everyone's edits and times them.
 */
import { Acks } from "../../lib/collab-protocol";
import { openYClient, type YClient } from "../../server/testing/y-client";
import type { Person } from "../collab/accounts";
import { skipRemoteUpdates } from "../collab/clients";
import { Writer } from "../collab/writer";
import { AckedEdits } from "./acked-edits";
import type { FanOutClock } from "./fan-out-clock";

export interface CollaboratorOptions {
  /** The HTTP base of what the socket connects to: an app process, or the balancer in front of them. */
  base: string;
  pieceId: string;
  person: Person;
  /** The app process the client is connected to (its index), for telling same-process fan-out from cross-process. */
  app: number;
  clock: FanOutClock;
  /** Prefix of the ids of the notes it writes. */
  name: string;
  /** Applies everyone's edits and times them (false: skips other people's updates unread, as a load generator). */
  observes: boolean;
}

export class Collaborator {
  readonly client: YClient;
  readonly writer: Writer;
  readonly acks: AckedEdits;
  /** performance.now() of each socket close, each socket open, and each completed sync. */
  readonly closes: number[] = [];
  readonly opens: number[] = [];
  readonly syncs: number[] = [];

  constructor(readonly o: CollaboratorOptions) {
    this.client = openYClient(o.base.replace("http", "ws") + "/collab", o.pieceId, o.person.cookie ?? null, { params: { [Acks.param]: Acks.value } });
    if (!o.observes) skipRemoteUpdates(this.client.provider); // before AckedEdits wraps the sync handler
    this.acks = new AckedEdits(this.client.provider);
    this.client.provider.on("connection-close", () => this.closes.push(performance.now()));
    this.client.provider.on("status", ({ status }: { status: string }) => status === "connected" && this.opens.push(performance.now()));
    this.client.provider.on("sync", (synced: boolean) => synced && this.syncs.push(performance.now()));
    if (o.observes) o.clock.observe(this.client.doc, o.app);
    this.writer = new Writer(o.name, o.person.userId, { ...this.client, closes: () => this.closes.length }, {
      sent: (id, note) => {
        o.clock.sent(o.app, id, note);
        this.acks.edit({ id, note });
      },
    });
  }

  destroy(): void {
    this.writer.stop();
    this.client.destroy();
  }
}
