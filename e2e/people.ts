/** What the end-to-end specs share: a person in their own browser context, signing up, and the editor's basics. */
import { expect, type Browser, type Page } from "@playwright/test";

export const PASSWORD = "correct-horse-1";
export const KEYS_WIDTH = 56; // piano keys at the canvas' left edge
export const PX_PER_BAR = 192; // 4/4 at the default zoom

export async function newUser(browser: Browser, viewport = { width: 1400, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ viewport });
  return ctx.newPage();
}

export async function signUp(page: Page, name: string) {
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
}

export const noteCount = (page: Page) => page.getByTestId("note-count");
export const connected = (page: Page) => expect(page.getByTestId("connection-status")).toHaveText("connected");

/** Clicks an empty cell of the roll in `bar` (1-based) at height `y`: a new note on the selected track. */
export const addNote = (page: Page, bar: number, y: number) =>
  page.getByTestId("piano-roll").click({ position: { x: KEYS_WIDTH + PX_PER_BAR * (bar - 1) + 40, y } });
