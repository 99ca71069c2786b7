/**
 * One piece served by two app processes (issue 15), as a load balancer spreads people: Ann's browser talks to process
 * A, Bob's to process B, over this machine's PostgreSQL and Redis. Each sees the other arrive, their edits go through
 * Redis both ways, and a reload on B, or Ann opening the piece on B, finds everything. Both processes are started and
 * stopped here (the built server, `next build` first), on a fresh database and Redis keys of their own.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { expect } from "@playwright/test";
import { dropRedisKeys } from "../server/testing/redis-keys";
import { createServerStorage, startChildServer, type ChildServer } from "../server/testing/real-server";
import { addNote, connected, joinByInvite, newPiece, newUser, noteCount, signUp } from "./people";
import { test } from "./test";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `tandem-e2e-${randomUUID().slice(0, 8)}`;
let a: ChildServer, b: ChildServer;
let dropDatabase: () => Promise<void> = async () => {};

/** A port nothing listens on now: each process is told its own, so that its PUBLIC_URL (auth's origin) is right. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once("error", reject);
  });

async function startApp(env: Record<string, string>): Promise<ChildServer> {
  const port = await freePort();
  return startChildServer({ ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` }, { entry: "server/index.ts" });
}

test.beforeAll(async () => {
  const storage = await createServerStorage("postgres");
  dropDatabase = storage.drop;
  // One session secret and one database: a session made on A is good on B, as behind a load balancer.
  const env = { ...storage.env, REDIS_URL, TANDEM_REDIS_PREFIX: prefix, SESSION_SECRET: randomBytes(24).toString("hex"), NODE_ENV: "production" };
  [a, b] = [await startApp(env), await startApp(env)];
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await dropDatabase();
  await dropRedisKeys(REDIS_URL, prefix);
});

test("Ann on process A and Bob on process B write one piece together", async ({ browser }) => {
  const ann = await newUser(browser, { width: 1440, height: 900 });
  const bob = await newUser(browser, { width: 1440, height: 900 });
  await ann.goto(`${a.base}/`);
  await signUp(ann, "Ann", "**/pieces");
  await newPiece(ann, "Across processes");
  // Bob follows the link on B: signs up there, lands in the piece, and each sees the other.
  await joinByInvite(ann, bob, "Bob", b.base);
  expect(new URL(bob.url()).port).toBe(new URL(b.base).port);
  await expect(ann.getByTestId("presence")).toContainText("Bob");
  await expect(bob.getByTestId("presence")).toContainText("Ann");

  await addNote(ann, 1, 200);
  await addNote(ann, 2, 240);
  await expect(noteCount(bob)).toHaveText("2");
  await bob.getByTestId("track-select").selectOption("chords");
  await addNote(bob, 3, 300);
  await expect(noteCount(ann)).toHaveText("3");

  // B loads the piece again for Bob, and A's process is not needed to read it: Ann opens it on B too.
  await bob.reload();
  await connected(bob);
  await expect(noteCount(bob)).toHaveText("3");
  const piecePath = new URL(ann.url()).pathname;
  await ann.goto(`${b.base}${piecePath}`);
  await connected(ann);
  await expect(noteCount(ann)).toHaveText("3");
  await expect(bob.getByTestId("presence")).toContainText("Ann");
  if (process.env.SCREENS_DIR) await bob.screenshot({ path: `${process.env.SCREENS_DIR}/cluster-two-processes-1440x900.png` });
});
