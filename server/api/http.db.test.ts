/** The wiring server/index.ts uses: better-auth's node handler at /api/auth, tRPC's node-http handler at /api/trpc. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authNodeHandler } from "../auth";
import { appRouter } from "./root";
import { createCollabTestWorld, type CollabTestWorld } from "./collab-test-world";
import { createContextFactory } from "./trpc";

describe("auth and tRPC over HTTP", () => {
  let world: CollabTestWorld;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    world = await createCollabTestWorld();
    const auth = authNodeHandler(world.auth);
    const trpc = createHTTPHandler({ router: appRouter, createContext: createContextFactory(world.services), basePath: "/api/trpc/" });
    server = createServer((req, res) => {
      if (req.url?.startsWith("/api/auth/")) return void auth(req, res);
      if (req.url?.startsWith("/api/trpc/")) return trpc(req, res);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await world.close();
  });

  const mutate = (path: string, input: unknown, cookie?: string) =>
    fetch(`${base}/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(superjson.serialize(input)),
    });

  it("signs up through /api/auth and calls procedures with the session cookie", async () => {
    const signUp = await fetch(`${base}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify({ name: "Ada", email: "ada-http@example.com", password: "password123" }),
    });
    expect(signUp.status).toBe(200);
    const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    expect((await mutate("piece.create", { title: "Over the wire" })).status).toBe(401);
    const created = await mutate("piece.create", { title: "Over the wire" }, cookie);
    expect(created.status).toBe(200);
    const { id } = superjson.deserialize<{ id: string }>((await created.json()).result.data);

    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ pieceId: id })));
    const got = await fetch(`${base}/api/trpc/piece.get?input=${input}`, { headers: { cookie } });
    const piece = superjson.deserialize<{ title: string; role: string }>((await got.json()).result.data);
    expect(piece).toMatchObject({ title: "Over the wire", role: "owner" });
  });
});
