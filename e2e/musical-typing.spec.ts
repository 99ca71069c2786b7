import { expect } from "@playwright/test";
import { test } from "./test";
import { newPiece, noteCount, playLoop, signedIn } from "./people";

// Musical typing: the computer keyboard plays the selected track as a MIDI keyboard does (issue 16, playing in).
// SCREENS_DIR saves a screenshot of the toolbar with typing on.

test("musical typing plays the selected track from the letter keys and records released keys into it while the piece plays", async ({ browser }) => {
  const page = await signedIn(browser, "Tyra", { width: 1440, height: 900 });
  await newPiece(page, "Typed in");
  const transport = page.getByRole("toolbar", { name: "Transport" });
  const roll = page.getByTestId("piano-roll");
  const typing = page.getByRole("button", { name: "Musical typing" });
  const octave = page.getByTestId("typing-octave");
  const tool = (name: string) => page.getByRole("group", { name: "Tool" }).getByRole("button", { name });
  const playhead = () => page.evaluate(() => window.__tandemPlayback?.playhead() ?? null);

  // Off, letters are the roll's shortcuts.
  await page.getByTestId("track-select").selectOption("bass");
  await roll.focus();
  await page.keyboard.press("s");
  await expect(tool("Select notes")).toHaveAttribute("aria-pressed", "true");
  await expect(typing).toHaveAttribute("aria-pressed", "false");
  await expect(octave).toHaveCount(0);

  // M turns it on; X and Z move the octave, C and V the velocity, each shown beside the toggle.
  await page.keyboard.press("m");
  await expect(typing).toHaveAttribute("aria-pressed", "true");
  await expect(octave).toHaveText("Octave C4");
  await page.keyboard.press("x");
  await expect(octave).toHaveText("Octave C5");
  await page.keyboard.press("z");
  await expect(octave).toHaveText("Octave C4");
  await page.keyboard.press("c");
  await expect(page.getByTestId("typing-velocity")).toHaveText("Velocity 80");
  await page.keyboard.press("v");
  await expect(page.getByTestId("typing-velocity")).toHaveText("Velocity 100");
  if (process.env.SCREENS_DIR) await page.screenshot({ path: `${process.env.SCREENS_DIR}/musical-typing-1440x900.png` });

  // Stopped, keys are only heard; D plays E rather than pick the Draw tool.
  await page.keyboard.press("d", { delay: 100 });
  await page.waitForTimeout(300);
  await expect(noteCount(page)).toHaveText("0");
  await expect(tool("Draw")).toHaveAttribute("aria-pressed", "false");

  // Playing (a four-bar loop), A S D land in the selected track as they are released, held keys repeating nothing.
  await playLoop(page, 1, 4);
  await expect.poll(async () => (await playhead()) ?? -1).toBeGreaterThan(480);
  await roll.focus(); // the loop's bar fields had focus: a text field never plays
  for (const key of ["a", "s", "d"]) {
    await page.keyboard.down(key);
    await page.keyboard.down(key); // what auto-repeat sends while a key is held
    await page.waitForTimeout(150);
    await page.keyboard.up(key);
  }
  await expect(noteCount(page)).toHaveText("3");

  // Focus in a text field plays nothing, whatever is typed there; the octave stays.
  const comment = page.getByLabel("Comment", { exact: true });
  await comment.click();
  await page.keyboard.type("asdx", { delay: 50 });
  await expect(comment).toHaveValue("asdx");
  await page.waitForTimeout(300);
  await expect(noteCount(page)).toHaveText("3");
  await expect(octave).toHaveText("Octave C4");
  await transport.getByRole("button", { name: "■ Stop" }).click();
  await expect(page.getByText(/Audio could not start/)).toHaveCount(0);

  // In the document: C D E on the bass track at the typed velocity, each credited to Tyra.
  const notes = await page.evaluate(() =>
    [...window.__tandem!.doc.getMap<{ track: string; pitch: number; velocity: number }>("notes").entries()].map(([id, n]) => ({ id, ...n })),
  );
  expect(notes.map((n) => [n.track, n.pitch, n.velocity]).sort()).toEqual([
    ["bass", 60, 100],
    ["bass", 62, 100],
    ["bass", 64, 100],
  ]);
  const tyraId = await page.evaluate(async () => (await (await fetch("/api/auth/get-session")).json()).user.id as string);
  await expect
    .poll(() => page.evaluate((ids) => ids.map((id) => window.__tandem!.doc.getMap<{ kind: string; userId: string }>("provenance").get(id)).map((p) => `${p?.kind} ${p?.userId}`), notes.map((n) => n.id)))
    .toEqual(notes.map(() => `human ${tyraId}`));

  // Escape turns it off, and the letters are shortcuts again.
  await roll.focus();
  await page.keyboard.press("Escape");
  await expect(typing).toHaveAttribute("aria-pressed", "false");
  await expect(octave).toHaveCount(0);
  await page.keyboard.press("d");
  await expect(tool("Draw")).toHaveAttribute("aria-pressed", "true");
});
