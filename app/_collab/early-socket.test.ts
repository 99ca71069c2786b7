import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CloseCode, EMPTY_DOC_SYNC_STEP_1, MessageType, SyncStep } from "@/lib/collab-protocol";
import { createEarlySockets, EarlySocket, earlyOrNewWebSocket, type EarlySockets } from "./early-socket";

/** Just enough of a browser WebSocket: listeners, a ready state, and what was sent; the test plays the server. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  sent: unknown[] = [];
  closedWith: [number?, string?] | null = null;
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    super();
    FakeSocket.made.push(this);
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  close(code?: number, reason?: string) {
    this.closedWith = [code, reason];
    this.readyState = 3;
  }
  serverOpens() {
    this.readyState = 1;
    this.dispatchEvent(new Event("open"));
  }
  serverSends(bytes: number[]) {
    this.dispatchEvent(new MessageEvent("message", { data: Uint8Array.from(bytes).buffer }));
  }
  serverCloses(code: number) {
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event("close"), { code })); // Node has no CloseEvent
  }
}
const Fake = FakeSocket as unknown as typeof WebSocket;
const URL_A = "ws://host/collab/piece-a";

/** Sets y-websocket's handlers the way it does right after constructing its socket; returns what they saw. */
function attach(socket: EarlySocket) {
  const seen: string[] = [];
  socket.binaryType = "arraybuffer";
  socket.onopen = () => seen.push("open");
  socket.onmessage = (e) => seen.push(`message ${[...new Uint8Array((e as MessageEvent).data)].join(",")}`);
  socket.onerror = () => seen.push("error");
  socket.onclose = (e) => seen.push(`close ${(e as Event & { code: number }).code}`);
  return seen;
}

let early: EarlySockets;
beforeEach(() => (early = createEarlySockets()));
afterEach(() => {
  early.claim(URL_A)?.close(); // nothing left waiting
  FakeSocket.made = [];
  vi.useRealTimers();
});

describe("EarlySocket", () => {
  it("asks for the document on open, keeps what arrives, and replays it in order once adopted", async () => {
    const socket = new EarlySocket(URL_A, Fake);
    const fake = FakeSocket.made[0];
    expect(fake.binaryType).toBe("arraybuffer");
    fake.serverOpens();
    expect(fake.sent).toEqual([EMPTY_DOC_SYNC_STEP_1]);
    fake.serverSends([0, 0, 1, 0]);
    fake.serverSends([0, 1, 9, 9]);

    const seen = attach(socket.adopt());
    expect(seen).toEqual([]); // replayed after the adopter has set its handlers, not during adopt()
    await Promise.resolve();
    expect(seen).toEqual(["open", "message 0,0,1,0", "message 0,1,9,9"]);
    fake.serverSends([1, 2]);
    expect(seen.at(-1)).toBe("message 1,2"); // live from now on
    expect(socket.readyState).toBe(socket.OPEN);
  });

  it("drops the adopter's first sync request when it repeats the one already sent, and passes everything else", async () => {
    const socket = new EarlySocket(URL_A, Fake);
    const fake = FakeSocket.made[0];
    fake.serverOpens();
    socket.adopt();
    socket.send(Uint8Array.from(EMPTY_DOC_SYNC_STEP_1)); // y-websocket's onopen: the same request
    socket.send(Uint8Array.of(MessageType.awareness, 5)); // its awareness
    socket.send(Uint8Array.from(EMPTY_DOC_SYNC_STEP_1)); // a later resync is not dropped
    expect(fake.sent.map((d) => [...(d as Uint8Array)])).toEqual([[...EMPTY_DOC_SYNC_STEP_1], [MessageType.awareness, 5], [...EMPTY_DOC_SYNC_STEP_1]]);
  });

  it("keeps an adopter's first message when it is not the empty doc's request", () => {
    const socket = new EarlySocket(URL_A, Fake);
    FakeSocket.made[0].serverOpens();
    socket.adopt().send(Uint8Array.of(MessageType.sync, SyncStep.step1, 2, 1, 7)); // a state vector that holds something
    expect(FakeSocket.made[0].sent).toHaveLength(2);
  });

  it("hands a refusal (closed before anyone adopted it) to the adopter", async () => {
    const socket = new EarlySocket(URL_A, Fake);
    FakeSocket.made[0].serverCloses(CloseCode.unauthenticated);
    const seen = attach(socket.adopt());
    await Promise.resolve();
    expect(seen).toEqual([`close ${CloseCode.unauthenticated}`]);
  });
});

describe("the early sockets and the WebSocket class y-websocket gets", () => {
  it("gives the first connection to the piece the early socket, and every later one a new socket", () => {
    early.open(URL_A, Fake);
    const Socket = earlyOrNewWebSocket(early, Fake);
    const first = new Socket(URL_A);
    expect(first).toBeInstanceOf(EarlySocket);
    const again = new Socket(URL_A, ["p"]);
    expect(again).toBeInstanceOf(FakeSocket);
    expect(FakeSocket.made.map((s) => s.url)).toEqual([URL_A, URL_A]);
    expect((again as unknown as FakeSocket).protocols).toEqual(["p"]);
  });

  it("does not hand a socket for one piece to another", () => {
    early.open(URL_A, Fake);
    expect(new (earlyOrNewWebSocket(early, Fake))("ws://host/collab/piece-b")).toBeInstanceOf(FakeSocket);
    expect(early.claim(URL_A)).toBeInstanceOf(EarlySocket);
  });

  it("opens one socket for repeated calls, and closes it when released or never claimed", () => {
    vi.useFakeTimers();
    const release = early.open(URL_A, Fake);
    early.open(URL_A, Fake);
    expect(FakeSocket.made).toHaveLength(1);
    release();
    expect(FakeSocket.made[0].closedWith).not.toBeNull();
    expect(early.claim(URL_A)).toBeNull();

    early.open(URL_A, Fake);
    vi.advanceTimersByTime(15_000);
    expect(FakeSocket.made[1].closedWith).not.toBeNull();
    expect(early.claim(URL_A)).toBeNull();
  });

  it("leaves a claimed socket open when the page releases it", () => {
    const release = early.open(URL_A, Fake);
    const socket = early.claim(URL_A);
    release();
    expect(socket).not.toBeNull();
    expect(FakeSocket.made[0].closedWith).toBeNull();
  });

  it("closes the waiting socket of a piece the page left for another", () => {
    early.open(URL_A, Fake);
    early.open("ws://host/collab/piece-b", Fake);
    expect(FakeSocket.made[0].closedWith).not.toBeNull();
    early.claim("ws://host/collab/piece-b")?.close();
  });
});
