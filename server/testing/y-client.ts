/** A y-websocket client in Node whose upgrade request carries a cookie (tests and benchmarks). */
import { WebSocket } from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the server is complete. */
  synced: Promise<void>;
  /** Resolves with the close code of the first socket close. */
  closed: Promise<number>;
  destroy(): void;
}

export interface YClientOptions {
  maxBackoffTime?: number;
  /** The socket URL's query parameters, as the editor sends them (app/_collab/collab-url.ts). */
  params?: Record<string, string>;
}

export function openYClient(url: string, room: string, cookie: string | null, opts: YClientOptions = {}): YClient {
  let onClose: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (onClose = resolve));
  const Socket = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, cookie ? { headers: { cookie } } : {});
      this.once("close", (code) => onClose(code));
    }
  };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: opts.maxBackoffTime,
    params: opts.params,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
  return {
    doc,
    provider,
    synced,
    closed,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}
