/**
 * The cluster's balancer over plain Node HTTP servers: connections go round the backends in turn, a backend that
 * refuses is skipped (and said to be down, then up again), bytes cross both ways whole, and a WebSocket upgrade
 * works through it.
 */
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { createBalancer, type Backend, type Balancer } from "./balancer";

const servers: http.Server[] = [];
let balancer: Balancer | undefined;
afterEach(async () => {
  await balancer?.close();
  balancer = undefined;
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const portOf = (s: { address(): unknown }) => (s.address() as AddressInfo).port;

/** A backend that answers every request with its name, or with the sha256 of what was posted. */
async function backend(name: string): Promise<http.Server & { backend: Backend }> {
  const server = http.createServer((req, res) => {
    const hash = createHash("sha256");
    let length = 0;
    req.on("data", (b: Buffer) => (hash.update(b), (length += b.length)));
    req.on("end", () => res.end(req.method === "POST" ? `${name} ${length} ${hash.digest("hex")}` : name));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return Object.assign(server, { backend: { host: "127.0.0.1", port: portOf(server) } });
}

/** A port nothing listens on: a server's, after it has closed. */
async function deadPort(): Promise<Backend> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = portOf(s);
  await new Promise((r) => s.close(r));
  return { host: "127.0.0.1", port };
}

async function startBalancer(backends: Backend[], onBackendState?: (b: Backend, up: boolean) => void) {
  balancer = createBalancer({ backends, onBackendState });
  await new Promise<void>((r) => balancer!.server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${portOf(balancer.server)}`;
}

/** One request on a connection of its own (fetch would reuse one, and so one backend). */
function request(url: string, body?: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: body ? "POST" : "GET", agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

it("hands the connections to the backends in turn", async () => {
  const all = await Promise.all(["a", "b", "c"].map(backend));
  const url = await startBalancer(all.map((s) => s.backend));
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) answers.push((await request(url)).text);
  expect(answers).toEqual(["a", "b", "c", "a", "b", "c"]);
});

it("skips a backend that refuses, says so once, and says when it accepts again", async () => {
  const [a, c] = await Promise.all([backend("a"), backend("c")]);
  const gone = await deadPort();
  const states: string[] = [];
  const url = await startBalancer([a.backend, gone, c.backend], (b, up) => states.push(`${b.port === gone.port ? "gone" : b.port} ${up ? "up" : "down"}`));
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) answers.push((await request(url)).text);
  // The dead backend's turns go to the next one: every request is answered.
  expect(answers).toEqual(["a", "c", "c", "a", "c", "c"]);
  expect(states).toEqual(["gone down"]);

  const back = http.createServer((_, res) => res.end("b"));
  await new Promise<void>((r) => back.listen(gone.port, "127.0.0.1", r));
  servers.push(back);
  const again: string[] = [];
  for (let i = 0; i < 3; i++) again.push((await request(url)).text);
  expect(again.sort()).toEqual(["a", "b", "c"]);
  expect(states).toEqual(["gone down", "gone up"]);
});

it("answers 503 when no backend accepts", async () => {
  const url = await startBalancer([await deadPort(), await deadPort()]);
  const res = await request(url);
  expect(res.status).toBe(503);
  expect(res.text).toContain("No Tandem app process accepts connections");
});

it("carries a large body up and the answer down, byte for byte", async () => {
  const a = await backend("a");
  const url = await startBalancer([a.backend]);
  const body = randomBytes(8 * 1024 * 1024);
  const res = await request(url, body);
  expect(res.text).toBe(`a ${body.length} ${createHash("sha256").update(body).digest("hex")}`);
});

it("carries a WebSocket upgrade, and the socket's messages both ways", async () => {
  const a = await backend("a");
  const wss = new WebSocketServer({ server: a });
  wss.on("connection", (socket, req) => socket.on("message", (data, binary) => socket.send(binary ? data : `${req.url}: ${data}`)));
  const url = await startBalancer([a.backend]);
  const ws = new WebSocket(url.replace("http", "ws") + "/collab/piece-1");
  const messages: unknown[] = [];
  ws.on("message", (data, binary) => messages.push(binary ? Buffer.from(data as Buffer) : String(data)));
  await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
  const blob = randomBytes(300_000);
  ws.send("hello");
  ws.send(blob);
  await expect.poll(() => messages.length).toBe(2);
  expect(messages[0]).toBe("/collab/piece-1: hello");
  expect((messages[1] as Buffer).equals(blob)).toBe(true);
  ws.close();
  await new Promise((r) => ws.once("close", r));
  wss.close();
});

it("close() cuts the connections it carries", async () => {
  const a = await backend("a");
  const wss = new WebSocketServer({ server: a });
  const url = await startBalancer([a.backend]);
  const ws = new WebSocket(url.replace("http", "ws") + "/");
  await new Promise((resolve, reject) => (ws.once("open", resolve), ws.once("error", reject)));
  const closed = new Promise((r) => ws.once("close", r));
  await balancer!.close();
  balancer = undefined;
  await closed;
  expect(ws.readyState).toBe(WebSocket.CLOSED);
  wss.close();
});
