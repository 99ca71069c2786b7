import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServerStorage, signUp, startChildServer, trpc, type ChildServer } from "./testing/real-server";

// What the real server shows a stranger: WebSocket upgrades it has no use for, page headers, and
// collab sockets opened by another site's page.

const PUBLIC_URL = "http://tandem.test:8080";

/** Sends a WebSocket upgrade request on a raw socket; resolves with what came back and whether the server closed it within 5 s. */
function rawUpgrade(base: string, path: string, headers: Record<string, string> = {}): Promise<{ answer: string; closed: boolean }> {
  const { hostname, port } = new URL(base);
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closed: false });
    }, 5_000);
    socket.on("connect", () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
      ),
    );
    socket.on("data", (b: Buffer) => {
      answer += b.toString();
      if (answer.startsWith("HTTP/1.1 101")) socket.destroy(); // a collab socket that opened: enough seen
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ answer, closed: true });
    });
  });
}

const statusLine = (answer: string) => answer.split("\r\n")[0];

describe("the real server's exposure", () => {
  let storage: Awaited<ReturnType<typeof createServerStorage>>;
  let server: ChildServer;

  beforeAll(async () => {
    storage = await createServerStorage();
    server = await startChildServer({ ...storage.env, PUBLIC_URL });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await storage?.drop();
  });

  it("answers 200 upgrades to paths that are not a piece with 404 and closes each", async () => {
    const paths = ["/foo", "/api/health", "/_next/hmr", "/collab"];
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => rawUpgrade(server.base, paths[i % paths.length])));
    expect(results.filter((r) => statusLine(r.answer) === "HTTP/1.1 404 Not Found" && r.closed)).toHaveLength(200);
    // The server still works afterwards.
    expect((await fetch(`${server.base}/api/health`)).status).toBe(200);
  });

  it("sends pages a Content-Security-Policy with a fresh script nonce, no framing, and nosniff", async () => {
    const [a, b] = [await fetch(`${server.base}/`), await fetch(`${server.base}/pieces`)];
    const policy = a.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+={0,2}'/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).toContain("object-src 'none'");
    expect(b.headers.get("content-security-policy")).not.toBe(policy); // a nonce a response, never reused
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await fetch(`${server.base}/api/health`)).headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a collab socket opened by another site's page, and takes one from PUBLIC_URL's", async () => {
    const ann = await signUp(server.base, "Ann");
    const { id: pieceId } = await trpc<{ id: string }>(server.base, ann, "piece.create", { title: "Origins" });
    const foreign = await rawUpgrade(server.base, `/collab/${pieceId}`, { Origin: "http://evil.example", Cookie: ann });
    expect(statusLine(foreign.answer)).toBe("HTTP/1.1 403 Forbidden");
    expect(foreign.closed).toBe(true);
    const own = await rawUpgrade(server.base, `/collab/${pieceId}`, { Origin: PUBLIC_URL, Cookie: ann });
    expect(statusLine(own.answer)).toBe("HTTP/1.1 101 Switching Protocols");
  });
});
