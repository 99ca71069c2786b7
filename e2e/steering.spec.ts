/** Steering in the AI panel: a mood and a control reach the model (energy is the notes' velocity on any model). */
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";
import { test } from "./test";
import { askBar, connected, newUser, signUp } from "./people";

test("a mood with Energy set to loud gives candidates written loud, and the panel says what it steers and how strongly", async ({ browser }) => {
  const ann = await newUser(browser, { width: 1440, height: 900 });
  await ann.goto("/");
  await signUp(ann, "Ann", "**/pieces");
  const song = readFileSync(new URL("../lib/midi/fixtures/pop909-001.mid", import.meta.url));
  await ann.getByTestId("midi-import-piece").setInputFiles({ name: "Steered.mid", mimeType: "audio/midi", buffer: song });
  await ann.waitForURL("**/pieces/*");
  await connected(ann);

  await ann.getByLabel("Region start bar").fill("9");
  await ann.getByLabel("Region end bar").fill("10");
  const tracks = ann.getByRole("group", { name: "Tracks the AI writes" }).getByRole("checkbox");
  for (let i = 1; i < (await tracks.count()); i++) await tracks.nth(i).uncheck(); // the first track alone
  await ann.getByText("Steering", { exact: true }).click();
  await ann.getByLabel("Mood").selectOption("calm");
  await ann.getByLabel("Energy").selectOption({ label: "loud" });
  await expect(ann.getByText("Steering: calm")).toBeVisible();
  // How strongly the steering is followed: guidance, at its default, explained where it is set
  const follow = ann.getByLabel("Follow the controls", { exact: true });
  await expect(follow).toHaveValue("1");
  const followHelp = ann.locator(`[id="${await follow.getAttribute("aria-describedby")}"]`);
  await expect(followHelp).toContainText("beyond what it learned");
  await follow.fill("2");
  await followHelp.scrollIntoViewIfNeeded();
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/steering-1440x900.png` });
  await ann.getByLabel("Candidates").fill("2");
  await askBar(ann).getByRole("button", { name: /^(Rewrite|Fill) bars 9–10$/ }).click();
  await expect(ann.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 90_000 });

  const velocities = await ann.evaluate(() => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const views = [...(doc.getMap("generations").values() as Iterable<{ candidates: { velocity: number }[][] }>)];
    return views.flatMap((v) => v.candidates.flat().map((n) => n.velocity));
  });
  expect(velocities.length).toBeGreaterThan(0);
  expect(new Set(velocities)).toEqual(new Set([96])); // "loud": the middle of its velocity bucket
});
