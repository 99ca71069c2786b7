/** What the end-to-end specs share: a person in their own browser context, signing up, and the editor's basics. */
import { readFileSync } from "node:fs";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";

export const PASSWORD = "correct-horse-1";
export const KEYS_WIDTH = 56; // piano keys at the canvas' left edge
export const PX_PER_TICK = 0.07; // the roll's opening zoom (OPENING_VIEW in editor-state.ts)
export const PX_PER_BAR = 1920 * PX_PER_TICK; // a 4/4 bar: 134.4 px
export const RULER = 24; // the bar numbers above the notes
export const ROW = 10; // px per semitone
export const TOP_PITCH = 96; // C7, the highest row in view when the roll opens

export async function newUser(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport });
  return ctx.newPage();
}

/**
 * Signs up on the page's sign-up form and waits to land on `url` (the pieces page from the home page, the
 * piece from an invite). The server rate-limits sign-ups per address (every test signs up from 127.0.0.1), so a
 * refused attempt is retried after the window.
 */
export async function signUp(page: Page, name: string, url: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  for (let attempt = 0; ; attempt++) {
    await page.getByRole("button", { name: "Sign up" }).click();
    const landed = await page.waitForURL(url, { timeout: 12_000 }).then(
      () => true,
      () => false,
    );
    if (landed) return;
    if (attempt === 3) throw new Error(`${name} could not sign up`);
  }
}

/** A new person in their own browser context, signed up and on their pieces page. */
export async function signedIn(browser: Browser, name: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await newUser(browser, viewport);
  await page.goto("/");
  await signUp(page, name, "**/pieces");
  return page;
}

/** Creates a piece from the pieces page and waits until its document is connected. */
export async function newPiece(page: Page, title: string) {
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Create piece" }).click();
  await page.waitForURL("**/pieces/*");
  await connected(page);
}

/** Imports a pop909 song (lib/midi/fixtures) as a new piece from the pieces page and waits until it is connected. */
export async function importSong(page: Page, fileName: string) {
  const song = readFileSync(new URL("../lib/midi/fixtures/pop909-001.mid", import.meta.url));
  await page.getByTestId("midi-import-piece").setInputFiles({ name: fileName, mimeType: "audio/midi", buffer: song });
  await page.waitForURL("**/pieces/*");
  await connected(page);
}

/**
 * The owner's invite link (an editor's, the default), opened by `guest`, who signs up as `name` on the way into the
 * piece; on `base` (another process's origin) where given.
 */
export async function joinByInvite(owner: Page, guest: Page, name: string, base?: string) {
  await owner.getByRole("button", { name: "Invite" }).click();
  const inviteUrl = new URL((await owner.getByTestId("invite-url").textContent())!.trim());
  await owner.getByRole("button", { name: "Close" }).click();
  await guest.goto(base ? `${base}${inviteUrl.pathname}` : inviteUrl.href);
  await guest.waitForURL("**/?next=*");
  await signUp(guest, name, "**/pieces/*");
  await connected(guest);
}

/**
 * A stand-in for a connected MIDI keyboard, installed before the page loads: Web MIDI with one input, "Test Keys";
 * returns the function that sends it a message (status, data1, data2).
 */
export async function fakeMidiKeyboard(page: Page): Promise<(data: number[]) => Promise<void>> {
  await page.addInitScript(() => {
    const input = Object.assign(new EventTarget(), { id: "fake", name: "Test Keys", type: "input", state: "connected" });
    const access = Object.assign(new EventTarget(), { inputs: new Map([["fake", input]]), outputs: new Map(), sysexEnabled: false });
    Object.defineProperty(navigator, "requestMIDIAccess", { value: () => Promise.resolve(access), configurable: true });
    (window as unknown as { __sendMidi: (data: number[]) => void }).__sendMidi = (data) =>
      input.dispatchEvent(Object.assign(new Event("midimessage"), { data: new Uint8Array(data) }));
  });
  return (data) => page.evaluate((d) => (window as unknown as { __sendMidi: (data: number[]) => void }).__sendMidi(d), data);
}

export const noteCount = (page: Page) => page.getByTestId("note-count");
export const connected = (page: Page) => expect(page.getByTestId("connection-status")).toHaveText("connected");

/** Clicks an empty cell of the roll in `bar` (1-based) at height `y`: a new note on the selected track. */
export const addNote = (page: Page, bar: number, y: number) =>
  page.getByTestId("piano-roll").click({ position: { x: KEYS_WIDTH + PX_PER_BAR * (bar - 1) + 40, y } });

/** Opens a popover of the editor's toolbar (toolbar-menu.tsx) by its button, unless it is open; returns the button. */
export async function openMenu(button: Locator): Promise<Locator> {
  if ((await button.getAttribute("aria-expanded")) !== "true") await button.click();
  return button;
}

/** The Loop popover of the transport (metronome, count-in, loop range), opened. */
export const playbackOptions = (page: Page) => openMenu(page.getByTestId("playback-options"));

/** Loops bars `from` to `to` (1-based, inclusive) in the transport's options and plays them until stopped. */
export async function playLoop(page: Page, from: number, to: number) {
  const transport = page.getByRole("toolbar", { name: "Transport" });
  await playbackOptions(page);
  await transport.getByLabel("Loop", { exact: true }).check();
  await transport.getByLabel("from bar", { exact: true }).fill(String(from));
  await transport.getByLabel("Loop end bar (inclusive)").fill(String(to));
  await transport.getByRole("button", { name: "▶ Play" }).click();
  await expect(transport.getByRole("button", { name: "▶ Play" })).toBeDisabled();
}

/** The MIDI popover of the toolbar (export, import into a track, a MIDI keyboard), opened. */
export const midiMenu = (page: Page) => openMenu(page.getByTestId("midi-menu"));

/** The Ask the AI bar, which shows beside the selected bars. */
export const askBar = (page: Page) => page.getByTestId("ask-ai-bar");

/**
 * Waits for the generation's candidates and shows the first that has notes (a candidate may leave its region empty);
 * returns how many ghost notes it shows.
 */
export async function showCandidateWithNotes(page: Page, timeout = 90_000): Promise<number> {
  await expect(page.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout });
  const tabs = page.getByRole("tab");
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    if (Number(await page.getByTestId("ghost-count").textContent()) > 0) break;
  }
  return Number(await page.getByTestId("ghost-count").textContent());
}
