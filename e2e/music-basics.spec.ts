import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { connected, newPiece, newUser, signedIn, signUp } from "./people";

// Musical basics: the piece's key tints its scale's rows on the roll, chord symbols over the bars are detected from
// the notes and can be typed over (and cleared) for everyone, the time signature moves the bar lines and no note,
// and the note history speaks in note names, bars and beats and note values. SCREENS_DIR saves a 1440x900 screenshot.

/** The page's live document, which workspace.tsx puts on window for the end-to-end tests. */
type TestWindow = { __tandem: { doc: import("yjs").Doc } };

/** Puts a C major triad (C4 E4 G4, a quarter note each) on the melody track at bar 2 of 4/4, through the page's own document. */
const addTriad = (page: Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as TestWindow).__tandem.doc;
    doc.transact(() => {
      for (const pitch of [60, 64, 67]) doc.getMap("notes").set(`triad-${pitch}`, { track: "melody", pitch, start: 1920, duration: 480, velocity: 90 });
    });
  });

const noteStarts = (page: Page) =>
  page.evaluate(() => [...(window as unknown as TestWindow).__tandem.doc.getMap<{ start: number }>("notes").values()].map((n) => n.start).sort((a, b) => a - b));

/** How many pixels of `rgb` the canvas has in three columns near its right edge, where no note is. */
const pixelsOf = (page: Page, rgb: [number, number, number], fromLeft?: number) =>
  page.getByTestId("piano-roll").evaluate(
    (canvas: HTMLCanvasElement, [r, g, b, left]) => {
      const ctx = canvas.getContext("2d")!;
      const xs = left === null ? [canvas.width - 40, canvas.width - 37, canvas.width - 33] : [left];
      let n = 0;
      for (const x of xs) {
        const px = ctx.getImageData(x, 0, 1, canvas.height).data;
        for (let i = 0; i < px.length; i += 4) if (px[i] === r && px[i + 1] === g && px[i + 2] === b) n++;
      }
      return n;
    },
    [...rgb, fromLeft ?? null] as const,
  );
const TONIC_ROW: [number, number, number] = [0x1f, 0x2a, 0x3f]; // render.ts C.tonicRow
const SCALE_ROW: [number, number, number] = [0x1e, 0x23, 0x2c]; // render.ts C.scaleRow
const TONIC_KEY: [number, number, number] = [0x6d, 0x8c, 0xff]; // render.ts C.tonicKey

test("key and scale, chord symbols, time signature and a note history in musicians' words", async ({ browser }) => {
  const ann = await signedIn(browser, "Ann", { width: 1440, height: 900 });
  await newPiece(ann, "Basics");
  await ann.getByRole("button", { name: "Invite" }).click();
  const inviteUrl = (await ann.getByTestId("invite-url").textContent())!.trim();
  await ann.keyboard.press("Escape");
  const bob = await newUser(browser, { width: 1440, height: 900 });
  await bob.goto(inviteUrl);
  await bob.waitForURL("**/?next=*");
  await signUp(bob, "Bob", "**/pieces/*");
  await connected(bob);

  // Ann sets the key to D major: the summary spells its scale, and the roll tints its rows and marks D's.
  const settings = ann.getByTestId("piece-settings");
  await expect(settings).toContainText("No key set");
  expect(await pixelsOf(ann, TONIC_ROW)).toBe(0);
  await settings.getByLabel("Key", { exact: true }).selectOption("D");
  await expect(settings.getByTestId("key-summary")).toHaveText("D major: D E F# G A B C#. Its rows are tinted on the roll.");
  await expect.poll(() => pixelsOf(ann, TONIC_ROW)).toBeGreaterThan(0);
  expect(await pixelsOf(ann, SCALE_ROW)).toBeGreaterThan(0);
  const keysEdge = await ann.getByRole("toolbar", { name: "Chord symbols" }).getByRole("button", { name: /^Bar 1:/ }).evaluate((b) => (b as HTMLElement).offsetLeft);
  expect(await pixelsOf(ann, TONIC_KEY, keysEdge - 3)).toBeGreaterThan(0);
  await expect(bob.getByTestId("piece-settings").getByTestId("key-summary")).toContainText("D major");
  await expect.poll(() => pixelsOf(bob, TONIC_ROW)).toBeGreaterThan(0);

  // A C major triad in bar 2: both see the chord detected over that bar.
  await addTriad(ann);
  const chords = (page: Page) => page.getByRole("toolbar", { name: "Chord symbols" });
  await expect(chords(ann).getByRole("button", { name: "Bar 2: C", exact: true })).toHaveText("C");
  await expect(chords(bob).getByRole("button", { name: "Bar 2: C", exact: true })).toBeVisible();

  // Ann types another symbol for the bar; nonsense is refused with a reason first. Bob sees hers.
  await chords(ann).getByRole("button", { name: "Bar 2: C", exact: true }).click();
  const field = chords(ann).getByLabel("Bar 2 chord symbol");
  await field.fill("H7");
  await field.press("Enter");
  await expect(ann.getByRole("alert").filter({ hasText: "not a chord symbol" })).toBeVisible();
  await field.fill("am7");
  await field.press("Enter");
  await expect(chords(ann).getByRole("button", { name: "Bar 2: Am7 (typed)" })).toHaveText("Am7");
  await expect(chords(bob).getByRole("button", { name: "Bar 2: Am7 (typed)" })).toBeVisible();
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/music-basics-1440x900.png` });

  // Bob clears it: the detected chord comes back for both.
  await chords(bob).getByRole("button", { name: "Bar 2: Am7 (typed)" }).click();
  await chords(bob).getByLabel("Bar 2 chord symbol").fill("");
  await chords(bob).getByLabel("Bar 2 chord symbol").press("Enter");
  await expect(chords(ann).getByRole("button", { name: "Bar 2: C", exact: true })).toBeVisible();
  await expect(chords(bob).getByRole("button", { name: "Bar 2: C", exact: true })).toBeVisible();

  // Ann changes the time signature to 3/4: the bars are three quarters as wide for both, and no note moves.
  const bar1 = await chords(ann).getByRole("button", { name: /^Bar 1:/ }).boundingBox();
  await settings.getByLabel("Beats per bar").selectOption("3");
  await expect(bob.getByTestId("piece-settings").getByLabel("Beats per bar")).toHaveValue("3");
  await expect.poll(async () => (await chords(ann).getByRole("button", { name: /^Bar 1:/ }).boundingBox())?.width).toBeCloseTo((bar1!.width * 3) / 4, 0);
  expect(await noteStarts(ann)).toEqual([1920, 1920, 1920]);
  // Tick 1920 is now bar 2 beat 2, in the middle of the C chord's bar.
  await expect(chords(ann).getByRole("button", { name: "Bar 2: C", exact: true })).toBeVisible();

  // Bob selects the notes and moves them up a semitone and a sixteenth later; the history says so in words.
  await bob.getByTestId("piano-roll").focus();
  await bob.keyboard.press("Control+a");
  await bob.keyboard.press("ArrowUp");
  await bob.keyboard.press("ArrowRight");
  const history = bob.getByTestId("note-history");
  await expect(history).toContainText(/pitch (C4 → C#4|E4 → F4|G4 → G#4)/);
  await expect(history).toContainText("start bar 2 beat 2 → bar 2 beat 2 + 1/16");
  await expect(history.getByTestId("note-history-note")).toHaveText(/^(C#4|F4|G#4), bar 2 beat 2 \+ 1\/16, 1\/4 long, on Melody$/);
  await expect(history).not.toContainText(/\d→\d/);
});
