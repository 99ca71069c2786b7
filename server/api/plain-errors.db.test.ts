/** What a client sees when a procedure fails: its own mistake named plainly, never the server's SQL or other people's ids. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTrpcHandler } from "./http-handler";
import { PLAIN_INTERNAL_MESSAGE } from "./public-error";
import { createCollabTestWorld, type CollabTestWorld } from "./collab-test-world";

describe("tRPC errors over HTTP", () => {
  let world: CollabTestWorld;
  let server: Server;
  let base: string;
  let cookie: string;
  let userId: string;
  const logged: { msg: string; fields?: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    world = await createCollabTestWorld();
    const trpc = createTrpcHandler(world.services, { error: (msg, fields) => void logged.push({ msg, fields }) });
    server = createServer((req, res) => void trpc(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await world.auth.api.signUpEmail({ body: { name: "Nul", email: "nul@example.com", password: "password123" }, asResponse: true });
    cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    userId = ((await res.json()) as { user: { id: string } }).user.id;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await world?.close();
  });

  const call = async (path: string, input: unknown) => {
    const headers = { "content-type": "application/json", cookie };
    const res = await fetch(`${base}/api/trpc/${path}`, { method: "POST", headers, body: JSON.stringify(superjson.serialize(input)) });
    const text = await res.text();
    return { status: res.status, text, error: (JSON.parse(text) as { error?: { json: { message: string } } }).error?.json };
  };

  it("refuses a NUL byte in a title or a comment as bad input, saying so", async () => {
    const created = await call("piece.create", { title: "t\u0000x" });
    expect(created.status).toBe(400);
    expect(created.text).toContain("A title cannot contain control characters");
    expect(created.text).not.toMatch(/insert into|params/i);

    const { id: pieceId } = superjson.deserialize<{ id: string }>(JSON.parse((await call("piece.create", { title: "Fine" })).text).result.data);
    expect((await call("piece.rename", { pieceId, title: "bad\u0000" })).status).toBe(400);
    const comment = await call("comments.add", { pieceId, body: "hi\u0000", startBar: 0, endBar: 1 });
    expect(comment.status).toBe(400);
    expect(comment.text).toContain("A comment cannot contain control characters");
    expect((await call("comments.add", { pieceId, body: "c".repeat(2001), startBar: 0, endBar: 1 })).status).toBe(400);
  });

  it("answers a database failure with a plain message and logs the details", async () => {
    logged.length = 0;
    // No procedure checks ids for NUL; the database refuses it, quoting the query and the caller's id.
    const failed = await call("piece.rename", { pieceId: "a\u0000", title: "Any" });
    expect(failed.status).toBe(500);
    expect(failed.error?.message).toBe(PLAIN_INTERNAL_MESSAGE);
    expect(failed.text).not.toContain(userId);
    expect(failed.text).not.toMatch(/select|params|piece_members/i);
    expect(logged).toHaveLength(1);
    expect(logged[0].fields).toMatchObject({ path: "piece.rename" });
    expect(String(logged[0].fields?.error)).toMatch(/piece_members/);
  });
});
