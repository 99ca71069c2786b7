/** The model's line: while Ann's long requests run, Bob's goes next, and everyone sees where each request stands. */
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { askBar, connected, newUser, signUp } from "./people";

/** Asks for an 8-bar, 8-candidate infill of every track through the API (the panel allows one request at a time), without waiting for it. */
const askForLongInfill = (page: Page, pieceId: string) =>
  page.evaluate((id) => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const trackIds = [...doc.getMap("tracks").keys()];
    const input = { pieceId: id, mode: "infill", region: { startBar: 4, endBar: 12, pitchLo: 0, pitchHi: 127, trackIds }, candidates: 8, temperature: 1 };
    void fetch("/api/trpc/generation.request?batch=1", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ 0: { json: input } }) });
  }, pieceId);

test("a second person's request goes after the one running, and everyone sees each request's place in line", async ({ browser }) => {
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

  // Ann asks three times: the first runs, the other two wait.
  for (let i = 0; i < 3; i++) await askForLongInfill(ann, pieceId);
  const request = ann.getByLabel("Request");
  await expect(request.locator("option", { hasText: "(waiting, 2nd in line)" })).toHaveCount(1);

  // Bob asks once: his goes right after the one running, ahead of Ann's two waiting.
  await bob.getByLabel("Region start bar").fill("13");
  await bob.getByLabel("Region end bar").fill("14");
  await askBar(bob).getByRole("button", { name: /^(Rewrite|Fill) bars 13–14$/ }).click();
  await expect(bob.getByTestId("generation-progress")).toHaveText(/Waiting for the model: next in line/);
  await expect(request.locator("option", { hasText: /by Bob \(waiting, next in line\)/ })).toHaveCount(1);
  const annsNext = request.locator("option", { hasText: /by Ann \(waiting, 2nd in line\)/ });
  await expect(annsNext).toHaveCount(1);

  await request.selectOption((await annsNext.getAttribute("value"))!);
  await expect(ann.getByTestId("generation-progress")).toHaveText(/Waiting for the model: 2nd in line/);
  await ann.getByTestId("candidate-panel").scrollIntoViewIfNeeded();
  await ann.screenshot({ path: "/work/notes/screens/generation-line-1440x900.png" });
});
