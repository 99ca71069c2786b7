import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../db";
import { createTestDb } from "../db/test-db";
import { createAuth, getSessionUser, headersFromNode, type Auth } from "./auth";

const BASE_URL = "http://localhost:3000";

/** The Cookie header a browser would send back after this response. */
function cookieFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

function post(auth: Auth, path: string, body: unknown, cookie?: string): Promise<Response> {
  const headers = new Headers({ "content-type": "application/json", origin: BASE_URL });
  if (cookie) headers.set("cookie", cookie);
  return auth.handler(new Request(`${BASE_URL}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) }));
}

describe("auth", () => {
  let handle: DbHandle;
  let auth: Auth;
  beforeAll(async () => {
    handle = await createTestDb();
    auth = createAuth({ db: handle.db, secret: "test-secret-test-secret-test-secret!", baseURL: BASE_URL });
  });
  afterAll(() => handle.close());

  it("signs up, sets an httpOnly session cookie, and resolves the session user", async () => {
    const res = await post(auth, "/sign-up/email", { name: "Ada", email: "ada@example.com", password: "correct horse" });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/tandem\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);

    const user = await getSessionUser(auth, new Headers({ cookie: cookieFrom(res) }));
    expect(user).toEqual({ id: expect.any(String), name: "Ada", email: "ada@example.com" });
  });

  it("signs in with the right password and refuses a wrong one", async () => {
    const ok = await post(auth, "/sign-in/email", { email: "ada@example.com", password: "correct horse" });
    expect(ok.status).toBe(200);
    const user = await getSessionUser(auth, headersFromNode({ cookie: cookieFrom(ok) }));
    expect(user?.email).toBe("ada@example.com");

    const bad = await post(auth, "/sign-in/email", { email: "ada@example.com", password: "wrong password" });
    expect(bad.status).toBe(401);
    expect(bad.headers.getSetCookie().some((c) => c.startsWith("tandem.session_token=") && !c.startsWith("tandem.session_token=;"))).toBe(false);
  });

  it("refuses a duplicate email", async () => {
    const res = await post(auth, "/sign-up/email", { name: "Other", email: "ada@example.com", password: "another pass" });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });

  it("signs out: the old cookie no longer resolves", async () => {
    const signIn = await post(auth, "/sign-in/email", { email: "ada@example.com", password: "correct horse" });
    const cookie = cookieFrom(signIn);
    expect(await getSessionUser(auth, new Headers({ cookie }))).not.toBeNull();
    const out = await post(auth, "/sign-out", {}, cookie);
    expect(out.status).toBe(200);
    expect(await getSessionUser(auth, new Headers({ cookie }))).toBeNull();
  });

  it("returns null without a cookie or with a forged one", async () => {
    expect(await getSessionUser(auth, new Headers())).toBeNull();
    expect(await getSessionUser(auth, new Headers({ cookie: "tandem.session_token=forged.value" }))).toBeNull();
  });
});
