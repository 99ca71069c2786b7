/** The model's line: while Ann's long requests run, Bob's goes next, and everyone sees where each request stands. SCREENS_DIR saves a screenshot. */
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { askBar, connected, newUser, signUp } from "./people";

/**
 * Asks for a 16-bar infill of every track through the API (the panel allows one request at a time), without waiting
 * for it. One candidate: eight streamed thousands of ghost notes into both browsers, whose pages then took minutes to
 * answer on a loaded 2-core host (the spec timed out in CI).
 */
const askForLongInfill = (page: Page, pieceId: string) =>
  page.evaluate((id) => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const trackIds = [...doc.getMap("tracks").keys()];
    const input = { pieceId: id, mode: "infill", region: { startBar: 4, endBar: 20, pitchLo: 0, pitchHi: 127, trackIds }, candidates: 1, temperature: 1 };
    void fetch("/api/trpc/generation.request?batch=1", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ 0: { json: input } }) });
  }, pieceId);

test("a second person's request goes ahead of another's backlog, and everyone sees each request's place in line", async ({ browser }) => {
  const viewport = { width: 1440, height: 900 };
  const ann = await newUser(browser, viewport);
  await ann.goto("/");
  await signUp(ann, "Ann", "**/pieces");
  const song = readFileSync(new URL("../lib/midi/fixtures/pop909-001.mid", import.meta.url));
  await ann.getByTestId("midi-import-piece").setInputFiles({ name: "Rush hour.mid", mimeType: "audio/midi", buffer: song });
  await ann.waitForURL("**/pieces/*");
  await connected(ann);
  const pieceId = new URL(ann.url()).pathname.split("/").pop()!;

  await ann.getByRole("button", { name: "Invite" }).click();
  const inviteUrl = (await ann.getByTestId("invite-url").textContent())!.trim();
  await ann.getByRole("button", { name: "Close" }).click();
  const bob = await newUser(browser, viewport);
  await bob.goto(inviteUrl);
  await bob.waitForURL("**/?next=*");
  await signUp(bob, "Bob", "**/pieces/*");
  await connected(bob);

  // Ann asks twelve times, the most one person may: the first runs, the others wait (so many, and long, that the model
  // is still busy when Bob asks however fast it writes; they are discarded at the end).
  for (let i = 0; i < 12; i++) await askForLongInfill(ann, pieceId);
  // Ann's later requests wait (their places depend on who else the model serves: a test before this one may have left
  // a request of its own, and fair turns then interleave it with Ann's)
  const request = ann.getByLabel("Request");
  const annWaiting = request.locator("option", { hasText: /by Ann \(waiting, (next|\d+(st|nd|rd|th)) in line\)/ });
  await expect.poll(() => annWaiting.count(), { timeout: 15_000 }).toBeGreaterThan(1);

  // Bob asks once: his waits, and goes ahead of Ann's backlog (fair turns, not the order of arrival), which everyone sees.
  await bob.getByLabel("Region start bar").fill("13");
  await bob.getByLabel("Region end bar").fill("14");
  await askBar(bob).getByRole("button", { name: /^(Rewrite|Fill) bars 13–14$/ }).click();
  await expect(bob.getByTestId("generation-progress")).toHaveText(/Waiting for the model: (next|\d+(st|nd|rd|th)) in line/);
  const place = (text: string) => {
    const m = /waiting, (next|(\d+)(?:st|nd|rd|th)) in line/.exec(text);
    return m ? (m[1] === "next" ? 1 : Number(m[2])) : null;
  };
  const bobs = request.locator("option", { hasText: /by Bob \(waiting, .* in line\)/ });
  await expect(bobs).toHaveCount(1);
  const annsWaiting = async () => (await request.locator("option", { hasText: /by Ann \(waiting/ }).allTextContents()).map(place);
  const bobsPlace = place((await bobs.textContent())!)!;
  const behindBob = (await annsWaiting()).filter((p) => p !== null && p > bobsPlace);
  expect(behindBob.length).toBeGreaterThan(0); // Ann's later requests wait behind Bob's one

  const annsLater = request.locator("option", { hasText: new RegExp(`by Ann \\(waiting, ${behindBob[0]}(st|nd|rd|th) in line\\)`) });
  await request.selectOption((await annsLater.getAttribute("value"))!);
  await expect(ann.getByTestId("generation-progress")).toHaveText(/Waiting for the model: \d+(st|nd|rd|th) in line/);
  await ann.getByTestId("candidate-panel").scrollIntoViewIfNeeded();
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/generation-line-1440x900.png` });

  // Every request is discarded, so the model is not kept busy for the tests after this one.
  await ann.evaluate(async (id) => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const discard = (generationId: string) =>
      fetch("/api/trpc/generation.discard?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: { pieceId: id, generationId } } }),
      });
    await Promise.all([...doc.getMap("generations").keys()].map(discard));
  }, pieceId);
  await expect(request.locator("option", { hasText: "waiting" })).toHaveCount(0);
});
