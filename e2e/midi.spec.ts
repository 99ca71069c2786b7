import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import type { Note } from "../lib/doc-schema";
import { parseMidiFile, writeMidiFile } from "../lib/midi";
import { fakeMidiKeyboard, midiMenu, playbackOptions, playLoop, signUp as signUpOnForm } from "./people";

// MIDI in and out: a file becomes a new piece, plays with the right schedule, and exports back to the same notes.

const song = {
  meta: { bpm: 96, beatsPerBar: 3, beatUnit: 4 },
  tracks: [
    { id: "m", name: "Tune", role: "melody" as const, instrument: "lead", order: 0 },
    { id: "b", name: "Low end", role: "bass" as const, instrument: "bass", order: 1 },
    { id: "d", name: "Kit", role: "drums" as const, instrument: "drums", order: 2 },
  ],
  notes: [
    ...[72, 74, 76, 77, 79, 81].map((pitch, i): Note => ({ track: "m", pitch, start: i * 480, duration: 360, velocity: 70 + i * 5 })),
    ...[0, 1440].map((start): Note => ({ track: "b", pitch: 36, start, duration: 1440, velocity: 90 })),
    ...[0, 480, 960, 1440, 1920, 2400].map((start, i): Note => ({ track: "d", pitch: i % 3 === 0 ? 36 : 42, start, duration: 120, velocity: 100 })),
  ],
};
const key = (n: Note, trackName: string) => `${trackName}|${n.pitch}|${n.start}|${n.duration}|${n.velocity}`;
const songKeys = song.notes.map((n) => key(n, song.tracks.find((t) => t.id === n.track)!.name)).sort();

/** From the home page, through the shared sign-up that waits out the server's sign-up rate limit (people.ts). */
async function signUp(page: Page, name: string) {
  await page.goto("/");
  await signUpOnForm(page, name, "**/pieces");
}

test("a MIDI file becomes a piece, plays as scheduled, and exports back to the same notes", async ({ page }) => {
  await signUp(page, "Mia");

  // A corrupt file is refused by name, and makes no piece.
  await page.getByTestId("midi-import-piece").setInputFiles({ name: "broken.mid", mimeType: "audio/midi", buffer: Buffer.from("RIFF\0\0\0\0WAVEfmt ") });
  await expect(page.getByText("broken.mid: not a MIDI file (it does not start with an MThd header). Nothing was imported.")).toBeVisible();
  await expect(page.getByText("No pieces yet")).toBeVisible();

  const bytes = Buffer.from(writeMidiFile(song));
  await page.getByTestId("midi-import-piece").setInputFiles({ name: "Waltz sketch.mid", mimeType: "audio/midi", buffer: bytes });
  await page.waitForURL("**/pieces/*");
  await expect(page.getByTestId("connection-status")).toHaveText("connected");
  await expect(page.getByTestId("note-count")).toHaveText(String(song.notes.length));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Waltz sketch");
  const transport = page.getByRole("toolbar", { name: "Transport" });
  await expect(transport.getByLabel("Tempo")).toHaveValue("96");

  // Export: the download parses back to the same tracks, tempo, meter and notes.
  const download = page.waitForEvent("download");
  await midiMenu(page);
  await page.getByRole("button", { name: "Export MIDI" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Waltz sketch.mid");
  const back = parseMidiFile(new Uint8Array(readFileSync((await file.path())!)), "export");
  expect(back.meta).toEqual(song.meta);
  expect(back.tracks.map((t) => [t.name, t.role])).toEqual(song.tracks.map((t) => [t.name, t.role]));
  expect(back.notes.map((n) => key(n, back.tracks.find((t) => t.id === n.track)!.name)).sort()).toEqual(songKeys);

  // Play: Tone is asked for every note, at the piece's tempo, on each track's instrument; the samples load from the app.
  await transport.getByRole("button", { name: "▶ Play" }).click();
  await expect(transport.getByRole("button", { name: "■ Stop" })).toBeEnabled();
  const schedule = await page.evaluate(() => window.__tandemPlayback!.schedule);
  const secondsPerTick = 60 / 96 / 480;
  expect(schedule.events).toHaveLength(song.notes.length);
  expect(schedule.events.filter((e) => e.instrument === "drums").map((e) => e.time)).toEqual([0, 480, 960, 1440, 1920, 2400].map((t) => t * secondsPerTick));
  expect(schedule.events.filter((e) => e.instrument === "lead").map((e) => [e.pitch, e.time])).toEqual(
    [72, 74, 76, 77, 79, 81].map((p, i) => [p, i * 480 * secondsPerTick]),
  );
  // The sounds load from the app, the piece plays to its end and stops by itself.
  await expect(transport.getByRole("button", { name: "■ Stop" })).toBeDisabled({ timeout: 20_000 });
  await expect(page.getByText(/Audio could not start/)).toHaveCount(0);

  // With count-in, metronome and a loop over bar 2, the schedule says so.
  await playbackOptions(page);
  await transport.getByLabel("Metronome", { exact: true }).check();
  await transport.getByLabel("Count-in").check();
  await transport.getByLabel("Loop", { exact: true }).check();
  await transport.getByLabel("from bar", { exact: true }).fill("2");
  await transport.getByLabel("Loop end bar (inclusive)").fill("2");
  await transport.getByRole("button", { name: "▶ Play" }).click();
  await expect(transport.getByRole("button", { name: "■ Stop" })).toBeEnabled();
  const looped = await page.evaluate(() => window.__tandemPlayback!.schedule);
  expect(looped.countIn).toHaveLength(3);
  expect(looped.startAt).toBeCloseTo(3 * 480 * secondsPerTick);
  expect(looped.loop!.seconds).toBeCloseTo(1440 * secondsPerTick);
  expect(looped.clicks.map((c) => c.accent)).toEqual([true, false, false]);
  expect(looped.events.map((e) => e.pitch).sort()).toEqual([36, 36, 42, 42, 77, 79, 81].sort());
  // The playhead follows Tone's transport: it moves, and stays inside the loop (bar 2 of 3/4) as it wraps.
  await expect(transport.getByRole("button", { name: "▶ Play" })).toBeDisabled(); // sounds loaded, still playing
  const playhead = () => page.evaluate(() => window.__tandemPlayback!.playhead());
  const seen = new Set<number>();
  await expect
    .poll(async () => {
      const tick = await playhead();
      if (tick === null) return seen.size; // the transport starts a moment after Play (Tone's start delay)
      expect(tick).toBeGreaterThanOrEqual(1440);
      expect(tick).toBeLessThan(2880);
      seen.add(Math.floor(tick / 480));
      return seen.size;
    }, { timeout: 20_000 })
    .toBe(3); // each of the loop's three beats
  // Turning the metronome off while it plays is heard at once: playback goes on without clicks.
  await playbackOptions(page);
  await transport.getByLabel("Metronome", { exact: true }).uncheck();
  await expect.poll(() => page.evaluate(() => window.__tandemPlayback!.schedule.clicks.length)).toBe(0);
  await expect(transport.getByRole("button", { name: "■ Stop" })).toBeEnabled();
  await expect.poll(async () => (await playhead()) ?? -1).toBeGreaterThanOrEqual(1440);
  await transport.getByRole("button", { name: "■ Stop" }).click();
  expect(await playhead()).toBeNull();
});

test("a MIDI keyboard plays the selected track and records released keys into it while the piece plays", async ({ page }) => {
  const send = await fakeMidiKeyboard(page); // a stand-in for a connected keyboard, whose messages the test sends
  await signUp(page, "Kit");
  await page.getByLabel("Title").fill("Played in");
  await page.getByRole("button", { name: "Create piece" }).click();
  await page.waitForURL("**/pieces/*");
  await expect(page.getByTestId("connection-status")).toHaveText("connected");
  const transport = page.getByRole("toolbar", { name: "Transport" });
  const playhead = () => page.evaluate(() => window.__tandemPlayback?.playhead() ?? null);

  await midiMenu(page);
  await page.getByLabel("MIDI keyboard").check();
  await expect(page.getByTestId("midi-inputs")).toHaveText("Listening to Test Keys");

  // Stopped, a key is only heard.
  await send([0x90, 60, 100]);
  await send([0x80, 60, 0]);
  await page.waitForTimeout(300);
  await expect(page.getByTestId("note-count")).toHaveText("0");

  // Playing (a four-bar loop), a key lands in the selected track when released, snapped to sixteenths.
  await page.getByTestId("track-select").selectOption("bass");
  await playLoop(page, 1, 4);
  await expect.poll(async () => (await playhead()) ?? -1).toBeGreaterThan(480);
  // The playhead read in the same task as the key goes down: no round trip of the test's between the two.
  const pressedAt = await page.evaluate((d) => {
    const at = window.__tandemPlayback!.playhead()!;
    (window as unknown as { __sendMidi: (data: number[]) => void }).__sendMidi(d);
    return at;
  }, [0x91, 43, 90]);
  await page.waitForTimeout(400);
  await send([0x91, 43, 0]); // a note-on at velocity 0 releases it
  await expect(page.getByTestId("note-count")).toHaveText("1");
  await transport.getByRole("button", { name: "■ Stop" }).click();

  const [note] = await page.evaluate(() => [...window.__tandem!.doc.getMap<{ track: string; pitch: number; start: number; duration: number; velocity: number }>("notes").values()]);
  expect(note).toMatchObject({ track: "bass", pitch: 43, velocity: 90 });
  expect(note.start % 120).toBe(0);
  expect(note.duration % 120).toBe(0);
  expect(Math.abs(note.start - pressedAt)).toBeLessThanOrEqual(120); // the press, snapped to a sixteenth (rounded, or cut to the grid)
  // Provenance names Kit by id (the editor looks her name up to show it).
  const kitId = await page.evaluate(async () => (await (await fetch("/api/auth/get-session")).json()).user.id as string);
  await expect
    .poll(() => page.evaluate(() => [...window.__tandem!.doc.getMap<{ kind: string; userId: string }>("provenance").values()].map((p) => `${p.kind} ${p.userId}`)))
    .toEqual([`human ${kitId}`]);

  // From the editor, a file goes into the selected track; a corrupt one is refused by name and changes nothing.
  await page.getByTestId("track-select").selectOption("chords");
  await midiMenu(page);
  await page.getByTestId("midi-import-track").setInputFiles({ name: "riff.mid", mimeType: "audio/midi", buffer: Buffer.from(writeMidiFile(song)) });
  await expect(page.getByText(`Imported ${song.notes.length} notes into Chords`)).toBeVisible();
  await expect(page.getByTestId("note-count")).toHaveText(String(1 + song.notes.length));
  const truncated = Buffer.from(writeMidiFile(song)).subarray(0, 40);
  await page.getByTestId("midi-import-track").setInputFiles({ name: "cut.mid", mimeType: "audio/midi", buffer: truncated });
  await expect(page.getByText(/^cut\.mid: truncated.*Nothing was imported\.$/)).toBeVisible();
  await expect(page.getByTestId("note-count")).toHaveText(String(1 + song.notes.length));
  const chords = await page.evaluate(() => [...window.__tandem!.doc.getMap<{ track: string }>("notes").values()].filter((n) => n.track === "chords").length);
  expect(chords).toBe(song.notes.length);

  // Placed at the current bar: the file's bar 1 starts at bar 3 of the piece.
  await page.getByLabel("Region start bar").fill("3");
  await page.getByLabel("Region end bar").fill("4");
  await expect(transport.getByRole("button", { name: "Play from bar 3" })).toBeVisible();
  await page.getByTestId("track-select").selectOption("bass");
  const bassStarts = () =>
    page.evaluate(() => [...window.__tandem!.doc.getMap<{ track: string; start: number }>("notes").values()].filter((n) => n.track === "bass").map((n) => n.start));
  const recorded = await bassStarts(); // the note played in above
  await midiMenu(page);
  await page.getByLabel("Where the imported notes start").selectOption("bar");
  await page.getByTestId("midi-import-track").setInputFiles({ name: "riff.mid", mimeType: "audio/midi", buffer: Buffer.from(writeMidiFile(song)) });
  await expect(page.getByText(`Imported ${song.notes.length} notes into Bass from bar 3`)).toBeVisible();
  const bass = await bassStarts();
  const meter = await page.evaluate(() => Object.fromEntries(window.__tandem!.doc.getMap("meta").entries()) as { beatsPerBar: number; beatUnit: number });
  const bar3 = 2 * ((480 * 4 * meter.beatsPerBar) / meter.beatUnit);
  expect(bass.sort((a, b) => a - b)).toEqual([...recorded, ...song.notes.map((n) => bar3 + n.start)].sort((a, b) => a - b));
});
