/**
 * A jam (issue 16): Ann leads call and response from the computer keyboard, her MIDI keyboard and the on-screen keys,
 * the model answers in the next bars, Bob sees the model's bars come in, listens and plays along on the free track, Cy
 * (a reviewer) listens too but cannot play, and Keep writes the take: Ann's notes hers, Bob's his, the model's its own;
 * Ctrl+Z takes it back.
 * SCREENS_DIR saves 1440x900 screenshots of the Jam panel before the jam and while it plays.
 */
import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { connected, fakeMidiKeyboard, importSong, joinByInvite, midiMenu, newUser, signUp } from "./people";

type View = {
  status: string;
  leaderId: string;
  alongs?: { userId: string; track: string; played: unknown[] }[];
  settings: { playerTrack: string; modelTracks: string[]; bars: number };
  clock: { startAt: number; barMs: number };
  bars: { takeBar: number; notes: unknown[] }[];
  missed: { takeBar: number; why: string }[];
  played: { at: number; pitch: number }[];
};

/** The piece's jams, as this person's doc has them. */
const jams = (page: Page) =>
  page.evaluate(() => [...((window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc.getMap("jams").values() as Iterable<View>)]);

/**
 * The pass over the loop that Stop would keep now (the last whole one), if it holds both the leader's notes and a
 * model bar with notes (the model may leave a bar empty), and the jam is not in the last bar of the next pass (so a
 * Stop now keeps that pass); else null.
 */
function passToKeep(v: View, now: number): number | null {
  const n = v.settings.bars;
  const barOf = (t: number) => Math.floor((t - v.clock.startAt) / v.clock.barMs);
  const current = barOf(now);
  const pass = Math.floor(current / n) - 1;
  if (pass < 0 || current % n === n - 1) return null;
  const inPass = (bar: number) => Math.floor(bar / n) === pass;
  return v.bars.some((b) => inPass(b.takeBar) && b.notes.length > 0) && v.played.some((p) => inPass(barOf(p.at))) ? pass : null;
}

/** Notes in bars 1-4 on `track`, by who wrote them: "model", or the person's id. */
const loopNotes = (page: Page, track: string) =>
  page.evaluate((track) => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const meta = doc.getMap<number>("meta");
    const barTicks = (1920 * meta.get("beatsPerBar")!) / meta.get("beatUnit")!;
    const provenance = doc.getMap<{ kind: string; userId?: string }>("provenance");
    return [...doc.getMap<{ track: string; start: number }>("notes").entries()]
      .filter(([, n]) => n.track === track && n.start < 4 * barTicks)
      .map(([id]) => (provenance.get(id)?.kind === "model" ? "model" : (provenance.get(id)?.userId ?? "?")));
  }, track);

/** The ids of the notes in bars 1-4, every track's, sorted. */
const loopIds = (page: Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const meta = doc.getMap<number>("meta");
    const barTicks = (1920 * meta.get("beatsPerBar")!) / meta.get("beatUnit")!;
    return [...doc.getMap<{ start: number }>("notes").entries()].filter(([, n]) => n.start < 4 * barTicks).map(([id]) => id).sort();
  });

test("Ann leads a jam from the computer keyboard, the model answers, Bob sees its bars, and Keep writes the take", async ({ browser }) => {
  const ann = await newUser(browser, { width: 1440, height: 900 });
  const sendMidi = await fakeMidiKeyboard(ann);
  await ann.goto("/");
  await signUp(ann, "Ann", "**/pieces");
  const bob = await newUser(browser, { width: 1440, height: 900 });
  await importSong(ann, "Jammed.mid");
  await joinByInvite(ann, bob, "Bob");
  // Cy, a reviewer, watches and listens: a second listener, who may not play along.
  const cy = await newUser(browser, { width: 1440, height: 900 });
  await ann.getByRole("button", { name: "Invite" }).click();
  await ann.getByRole("button", { name: "Create reviewer link" }).click();
  const reviewerUrl = (await ann.getByTestId("invite-url-reviewer").textContent())!.trim();
  await ann.getByRole("button", { name: "Close" }).click();
  await cy.goto(reviewerUrl);
  await cy.waitForURL("**/?next=*");
  await signUp(cy, "Cy", "**/pieces/*");
  await connected(cy);

  // Ann's MIDI keyboard is on.
  await midiMenu(ann);
  await ann.getByLabel("MIDI keyboard").check();
  await expect(ann.getByTestId("midi-inputs")).toHaveText("Listening to Test Keys");
  await midiMenu(ann).then((button) => button.click()); // closed again

  // Ann sets up call and response over bars 1-4 at 60 bpm: she plays the first track, the model answers on another.
  await ann.getByRole("button", { name: "Jam", exact: true }).click();
  const panel = ann.getByTestId("jam-panel");
  await expect(panel.getByRole("radio", { name: "Call and response" })).toBeChecked();
  await panel.getByLabel("Tempo (bpm)").fill("60");
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/jam-setup-1440x900.png` });
  await panel.getByRole("button", { name: "Start jam" }).click();

  // Everyone sees the jam.
  await expect(panel.getByTestId("jam-live")).toContainText("You lead");
  await expect(bob.getByTestId("jam-live")).toContainText("Ann leads");
  await expect(panel.getByRole("group", { name: "On-screen keyboard" })).toBeVisible();

  // After the count-in, Ann plays from the computer keyboard, and a key on screen, over and over until she stops.
  await expect(panel.getByTestId("jam-where")).toContainText("Now at bar 1", { timeout: 20_000 });
  await panel.getByRole("button", { name: "C4", exact: true }).click();
  await sendMidi([0x90, 79, 90]); // and G5 from the MIDI keyboard: into the jam, not the piece
  await ann.waitForTimeout(200);
  await sendMidi([0x80, 79, 0]);
  await ann.getByTestId("piano-roll").focus(); // keys to the roll, not a field
  await ann.keyboard.press("m");
  let jamming = true;
  const playing = (async () => {
    for (let i = 0; jamming; i++) {
      const key = "adgk"[i % 4];
      await ann.keyboard.down(key);
      await ann.waitForTimeout(200);
      await ann.keyboard.up(key);
      await ann.waitForTimeout(300);
    }
  })();

  // Bob listens; Ann's notes and the model's bars reach him as they come.
  await bob.getByRole("button", { name: "Listen" }).click();
  await expect(bob.getByRole("button", { name: "Listening" })).toHaveAttribute("aria-pressed", "true");

  // Bob plays along on the track the jam leaves free, from the on-screen keys: everyone hears him with the jam.
  const bobPanel = bob.getByTestId("jam-panel");
  await bobPanel.getByRole("button", { name: "Play along" }).click();
  await expect(bobPanel).toContainText("your keys go into the take");
  if (process.env.SCREENS_DIR) await bob.screenshot({ path: `${process.env.SCREENS_DIR}/jam-play-along-1440x900.png` });
  const bobPlaying = (async () => {
    while (jamming) {
      // Short: once Ann stops, Bob's keys go from the panel, and a click already waiting for them must not wait on.
      await bobPanel.getByRole("button", { name: "E4", exact: true }).click({ timeout: 2_000 }).catch(() => undefined);
      await bob.waitForTimeout(400);
    }
  })();
  await expect.poll(async () => (await jams(ann))[0]?.alongs?.[0]?.played.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);

  // Cy sees the jam, listens, and gets the model's bars and Bob's notes as they come; she cannot play along.
  const cyPanel = cy.getByTestId("jam-panel");
  await expect(cy.getByTestId("jam-live")).toContainText("Ann leads");
  await cyPanel.getByRole("button", { name: "Listen" }).click();
  await expect(cyPanel.getByRole("button", { name: "Listening" })).toHaveAttribute("aria-pressed", "true");
  await expect(cyPanel).toContainText("Bob plays PIANO along");
  await expect(cyPanel.getByRole("button", { name: "Play along" })).toHaveCount(0);
  await expect.poll(async () => (await jams(cy))[0]?.bars.length ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await jams(cy))[0]?.alongs?.[0]?.played.length ?? 0).toBeGreaterThan(0);
  await expect.poll(async () => (await jams(bob))[0]?.played.length ?? 0, { timeout: 20_000 }).toBeGreaterThanOrEqual(4);
  expect((await jams(bob))[0].played.map((p) => p.pitch)).toEqual(expect.arrayContaining([60, 79]));
  await expect.poll(async () => (await jams(bob))[0]?.bars.length ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
  await expect(bob.getByRole("list", { name: "This pass's bars" }).getByRole("listitem")).toHaveCount(4);
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/jam-1440x900.png` });

  // Once a whole pass holds Ann's notes and the model's answer, Ann stops: that pass is the take; Keep writes it.
  await expect.poll(async () => passToKeep((await jams(ann))[0], Date.now()), { timeout: 60_000, intervals: [100] }).not.toBeNull();
  await panel.getByRole("button", { name: "Stop" }).click();
  jamming = false;
  await Promise.all([playing, bobPlaying]);
  const { leaderId, settings, alongs } = (await jams(ann))[0];
  const bobsTrack = alongs![0].track;
  await expect(bob.getByTestId("jam-where")).toContainText("Stopped");
  await expect(bob.getByText("Waiting for Ann to keep or discard the take.")).toBeVisible();
  const beforeKeep = await loopIds(bob);
  await panel.getByRole("button", { name: "Keep" }).click();
  await expect(bob.getByTestId("jam-panel")).toHaveCount(0);
  expect(await jams(ann)).toEqual([]);

  expect(new Set(await loopNotes(bob, settings.playerTrack))).toEqual(new Set([leaderId])); // Ann's, replacing what was there
  expect(await loopNotes(bob, settings.modelTracks[0])).toContain("model");
  expect(new Set(await loopNotes(ann, bobsTrack))).toEqual(new Set([alongs![0].userId])); // Bob's, on his track

  // Keep is one step of Ann's undo: Ctrl+Z takes the take back out, and the notes it replaced return, for everyone.
  await ann.getByTestId("piano-roll").focus();
  await ann.keyboard.press("Control+z");
  await expect.poll(() => loopIds(bob)).toEqual(beforeKeep);
  await expect(panel.getByRole("button", { name: "Start jam" })).toBeVisible(); // Ann's panel is back to its setup
});
