/**
 * Opening a piece waits on its collab socket: connect, the upgrade (session and membership checked), then
 * the server's full sync reply. The editor's code (Yjs, the roll) is a chunk of its own that the page loads
 * after it has run; waiting for it before connecting put that load and the socket's round trips one after
 * the other. The page opens the socket as soon as it runs instead, asks for the document the way a new,
 * empty doc does, and keeps what arrives; y-websocket adopts the socket (as its WebSocket class) when the
 * editor starts and gets everything it missed, in order. No Yjs in here: this runs before that chunk loads.
 */
import { EMPTY_DOC_SYNC_STEP_1 } from "@/lib/collab-protocol";

/** A socket nobody adopts within this long (the editor failed to load, the user left) is closed. */
const UNCLAIMED_MS = 15_000;

type Handler = ((event: Event) => void) | null;

/**
 * A WebSocket opened before its user: events are kept until adopt(), then replayed to the on* handlers
 * set by then, and passed straight through afterwards. It has the part of WebSocket's surface that
 * y-websocket uses.
 */
export class EarlySocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  onopen: Handler = null;
  onmessage: Handler = null;
  onerror: Handler = null;
  onclose: Handler = null;

  private readonly ws: WebSocket;
  private kept: Event[] | null = [];
  /** The adopter's first sync step 1 repeats the one sent on open; the server would send the whole doc twice. */
  private dropRepeatedStep1 = true;

  constructor(
    readonly url: string,
    Socket: typeof WebSocket = WebSocket,
  ) {
    this.ws = new Socket(url);
    this.ws.binaryType = "arraybuffer";
    this.ws.addEventListener("open", () => this.ws.send(EMPTY_DOC_SYNC_STEP_1));
    for (const type of ["open", "message", "error", "close"] as const) this.ws.addEventListener(type, this.dispatch);
  }

  get readyState(): number {
    return this.ws.readyState;
  }

  get binaryType(): BinaryType {
    return this.ws.binaryType;
  }

  set binaryType(_type: BinaryType) {
    // Stays "arraybuffer": messages kept before adoption were delivered as ArrayBuffers.
  }

  /** Starts delivering events to the handlers: the kept ones in a moment (once the adopter has set its handlers), then live. */
  adopt(): this {
    queueMicrotask(() => {
      const kept = this.kept ?? [];
      this.kept = null;
      for (const event of kept) this.deliver(event);
    });
    return this;
  }

  send(data: Uint8Array | ArrayBuffer | string): void {
    if (this.dropRepeatedStep1) {
      this.dropRepeatedStep1 = false;
      if (sameBytes(data, EMPTY_DOC_SYNC_STEP_1)) return;
    }
    this.ws.send(data);
  }

  close(code?: number, reason?: string): void {
    this.kept = null;
    this.ws.close(code, reason);
  }

  private readonly dispatch = (event: Event): void => {
    if (this.kept) this.kept.push(event);
    else this.deliver(event);
  };

  private deliver(event: Event): void {
    const handler = { open: this.onopen, message: this.onmessage, error: this.onerror, close: this.onclose }[event.type];
    handler?.call(this, event);
  }
}

/**
 * The page's early socket, waiting to be claimed: the editor loader holds one of these and hands it to the
 * editor, whose provider claims the socket through earlyOrNewWebSocket.
 */
export interface EarlySockets {
  /** Opens the socket for `url` now, unless one is already waiting for it; returns a function that closes it if still unclaimed. */
  open(url: string, Socket?: typeof WebSocket): () => void;
  /** The waiting socket for `url`, now owned by the caller, or null. */
  claim(url: string): EarlySocket | null;
}

export function createEarlySockets(): EarlySockets {
  let waiting: { socket: EarlySocket; timer: ReturnType<typeof setTimeout> } | null = null;
  const discard = () => {
    if (!waiting) return;
    clearTimeout(waiting.timer);
    waiting.socket.close();
    waiting = null;
  };
  return {
    open(url, Socket = WebSocket) {
      if (waiting?.socket.url !== url) {
        discard();
        const socket = new EarlySocket(url, Socket);
        waiting = { socket, timer: setTimeout(() => waiting?.socket === socket && discard(), UNCLAIMED_MS) };
      }
      const socket = waiting!.socket;
      return () => {
        if (waiting?.socket === socket) discard();
      };
    },
    claim(url) {
      if (waiting?.socket.url !== url) return null;
      const { socket, timer } = waiting;
      clearTimeout(timer);
      waiting = null;
      return socket.adopt();
    },
  };
}

/**
 * A WebSocket class for y-websocket: its first connection to `url` adopts the socket the page opened
 * early, if there is one; every other (a reconnect, another piece) is a new WebSocket.
 */
export function earlyOrNewWebSocket(early: EarlySockets | null, Socket: typeof WebSocket = WebSocket): typeof WebSocket {
  return function WebSocketOrEarly(url: string | URL, protocols?: string | string[]) {
    return early?.claim(String(url)) ?? new Socket(url, protocols);
  } as unknown as typeof WebSocket;
}

function sameBytes(data: Uint8Array | ArrayBuffer | string, bytes: Uint8Array): boolean {
  if (typeof data === "string") return false;
  const view = data instanceof Uint8Array ? data : new Uint8Array(data);
  return view.length === bytes.length && view.every((b, i) => b === bytes[i]);
}
