import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../db";
import { users } from "../db/schema/auth";
import { createTestDb } from "../db/test-db";
import { createAuth, getSessionUser, type Auth } from "./auth";

// Names are shown to everyone in a piece (as members, and as the authors of notes): bounded, and free of
// NUL (which PostgreSQL refuses with an error naming the query and its parameters).

const BASE_URL = "http://localhost:3000";

describe("names at sign-up and in the profile", () => {
  let handle: DbHandle;
  let auth: Auth;
  let n = 0;
  beforeAll(async () => {
    handle = await createTestDb();
    auth = createAuth({ db: handle.db, secret: "names-test-secret-names-test-secret!", baseURL: BASE_URL });
  });
  afterAll(() => handle.close());

  const post = (path: string, body: unknown, cookie?: string) =>
    auth.handler(
      new Request(`${BASE_URL}/api/auth${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL, ...(cookie ? { cookie } : {}) },
        body: JSON.stringify(body),
      }),
    );
  const signUp = (name: string, extra: object = {}) =>
    post("/sign-up/email", { name, email: `names-${++n}@example.com`, password: "password123", ...extra });
  const refusal = async (res: Response) => ({ status: res.status, message: ((await res.json()) as { message: string }).message });
  const userCount = async () => (await handle.db.select({ id: users.id }).from(users)).length;

  it("refuses a 5 MB name, and one of 81 characters, with the limit in the message", async () => {
    const before = await userCount();
    expect(await refusal(await signUp("x".repeat(5_000_000)))).toEqual({ status: 400, message: "A name can be at most 80 characters" });
    expect((await signUp("y".repeat(81))).status).toBe(400);
    expect(await userCount()).toBe(before);
    expect((await signUp("z".repeat(80))).status).toBe(200);
  });

  it("refuses a NUL byte in a name with a plain message and creates nobody", async () => {
    const before = await userCount();
    expect(await refusal(await signUp("a\u0000b"))).toEqual({ status: 400, message: "A name cannot contain control characters" });
    expect(await userCount()).toBe(before);
  });

  it("keeps the name trimmed, and refuses a profile picture (Tandem shows none)", async () => {
    const res = await signUp("  Ann  ");
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect((await getSessionUser(auth, new Headers({ cookie })))?.name).toBe("Ann");
    expect((await signUp("Pic", { image: "x\u0000" })).status).toBe(400);
  });

  it("applies the same bounds when a person renames themselves", async () => {
    const res = await signUp("Bea");
    const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(await refusal(await post("/update-user", { name: "c\u0000d" }, cookie))).toEqual({
      status: 400,
      message: "A name cannot contain control characters",
    });
    expect((await post("/update-user", { name: "w".repeat(100_000) }, cookie)).status).toBe(400);
    expect((await post("/update-user", { name: " Beatrice " }, cookie)).status).toBe(200);
    const me = await getSessionUser(auth, new Headers({ cookie }));
    const [row] = await handle.db.select({ name: users.name }).from(users).where(eq(users.id, me!.id));
    expect(row.name).toBe("Beatrice");
  });
});
