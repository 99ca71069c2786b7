/** What the end-to-end specs share: a person in their own browser context, signing up, and the editor's basics. */
import { expect, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "correct-horse-1";
export const KEYS_WIDTH = 56; // piano keys at the canvas' left edge
export const PX_PER_BAR = 192; // 4/4 at the default zoom

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

export const noteCount = (page: Page) => page.getByTestId("note-count");
export const connected = (page: Page) => expect(page.getByTestId("connection-status")).toHaveText("connected");

/** Clicks an empty cell of the roll in `bar` (1-based) at height `y`: a new note on the selected track. */
export const addNote = (page: Page, bar: number, y: number) =>
  page.getByTestId("piano-roll").click({ position: { x: KEYS_WIDTH + PX_PER_BAR * (bar - 1) + 40, y } });
