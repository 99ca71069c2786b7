/**
 * A new person's first hour, as they see it at 1440x900: a guide on the empty piece, the sounds loading as it opens,
 * one toolbar row, Draw clicks that deselect before they draw again, the Ask the AI bar beside the selected bars with
 * the action they call for, errors beside the field that caused them, and the pitch range picked on a keyboard. When
 * the sounds cannot load, the toolbar's status area says so, covering nothing.
 */
import { expect, type Locator, type Page } from "@playwright/test";
import { test } from "./test";
import { askBar, KEYS_WIDTH, newPiece, noteCount, PX_PER_BAR, PX_PER_TICK, ROW, RULER, signedIn, TOP_PITCH } from "./people";

const shot = (page: Page, name: string) => (process.env.SCREENS_DIR ? page.screenshot({ path: `${process.env.SCREENS_DIR}/${name}` }) : null);

/** A grid cell of the roll: the tick and pitch it shows, in the canvas' own pixels. */
const cell = (tick: number, pitch: number) => ({ x: KEYS_WIDTH + tick * PX_PER_TICK + 2, y: RULER + (TOP_PITCH - pitch) * ROW + ROW / 2 });

/** Whether what the page shows at each corner and the middle of `el` is `el` itself (or inside it): nothing covers it. */
async function uncovered(el: Locator): Promise<boolean> {
  return el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const points = [
      [r.left + 12, r.top + 12],
      [r.right - 12, r.top + 12],
      [r.left + 12, r.bottom - 12],
      [r.right - 12, r.bottom - 12],
      [r.left + r.width / 2, r.top + r.height / 2],
    ];
    return points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && node.contains(hit);
    });
  });
}

test("at 1440x900 a new person finds the guide, one toolbar row, the Ask the AI bar by the bars, and errors by their fields", async ({ browser }) => {
  const page = await signedIn(browser, "Nia", { width: 1440, height: 900 });
  const samples: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/samples/")) samples.push(r.url());
  });
  await newPiece(page, "First hour");
  const roll = page.getByTestId("piano-roll");
  const click = (tick: number, pitch: number) => roll.click({ position: cell(tick, pitch) });

  // The empty piece says what to do first, on the roll; the sounds load as it opens, before any Play.
  const guide = page.getByTestId("empty-piece-guide");
  await expect(guide).toBeInViewport({ ratio: 1 });
  for (const step of ["Draw notes", "Select bars", "Ask the AI", "Invite"]) await expect(guide).toContainText(step);
  await expect.poll(() => samples.length).toBeGreaterThan(0);
  await expect(page.getByRole("button", { name: "▶ Play" })).toHaveAttribute("aria-busy", "false", { timeout: 30_000 });
  await expect(page.getByText("Loading sounds…")).toHaveCount(0);
  await shot(page, "empty-piece-guide.png");

  // One toolbar row under the header: every control in it sits on the same line.
  const toolbar = page.getByTestId("editor-toolbar");
  const bar = (await toolbar.boundingBox())!;
  expect(bar.height).toBeLessThan(56);
  const tops = await toolbar.evaluate((el) => [...el.querySelectorAll("button, select, input:not([type=checkbox])")].filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => c.getBoundingClientRect().top));
  expect(tops.length).toBeGreaterThan(10);
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(8);
  await shot(page, "editor-toolbar.png");

  // Draw: clicks add notes (in bars 1 and 3); the guide steps aside once there are notes. Bar 2 stays empty.
  await click(0, 72);
  await click(480, 74);
  await click(3840, 67);
  await expect(noteCount(page)).toHaveText("3");
  await expect(guide).toHaveCount(0);
  // A note picked by hand, then a click on empty space: it only lets the note go. The next click draws.
  await click(0, 72);
  await expect(page.getByTestId("selection-summary")).toContainText("1 note selected: C5");
  await click(3840 + 960, 60);
  await expect(page.getByTestId("selection-summary")).toHaveText("No notes selected.");
  await expect(noteCount(page)).toHaveText("3");
  await click(3840 + 960, 60);
  await expect(noteCount(page)).toHaveText("4");

  // The Bars tool: a drag across bars 4-5 (after the piece's end) shows the Ask the AI bar beside them, in view and
  // uncovered, and the action a musician expects there: continue the piece up to them, not an infill of nothing.
  await page.getByRole("button", { name: "Select bars for the AI" }).click();
  const box = (await roll.boundingBox())!;
  const y = box.y + cell(0, 50).y;
  await page.mouse.move(box.x + KEYS_WIDTH + PX_PER_BAR * 3 + 20, y);
  await page.mouse.down();
  await page.mouse.move(box.x + KEYS_WIDTH + PX_PER_BAR * 4 + 20, y, { steps: 4 });
  await page.mouse.up();
  const ask = askBar(page);
  await expect(ask).toBeInViewport({ ratio: 1 });
  await expect(ask).toContainText("bars 4–5");
  expect(await uncovered(ask)).toBe(true);
  const askBox = (await ask.boundingBox())!;
  expect(askBox.x).toBeGreaterThanOrEqual(box.x + KEYS_WIDTH + PX_PER_BAR * 3);
  expect(askBox.x).toBeLessThan(box.x + KEYS_WIDTH + PX_PER_BAR * 4);
  await expect(ask.locator("button.primary")).toHaveText("Continue to bar 5");
  await expect(ask.getByLabel("Candidates")).toHaveValue("3");

  // Typed bars say what they call for: an empty bar inside the piece is filled, bars with notes are rewritten.
  await page.getByLabel("Region start bar").fill("2");
  await page.getByLabel("Region end bar").fill("2");
  await expect(ask.locator("button.primary")).toHaveText("Fill bar 2");
  await expect(ask.getByRole("button", { name: "Continue after bar 3" })).toBeVisible();
  await page.getByLabel("Region start bar").fill("1");
  await page.getByLabel("Region end bar").fill("3");
  await expect(ask.locator("button.primary")).toHaveText("Rewrite bars 1–3");
  expect(await uncovered(ask)).toBe(true);
  await shot(page, "ask-ai-bar.png");

  // A bad number of candidates is refused beside the field, in view; asking with it says what to fix, in the bar.
  const candidates = ask.getByLabel("Candidates");
  await candidates.fill("9");
  const fieldError = ask.getByRole("alert").filter({ hasText: "Candidates can be 1 to 8" });
  await expect(fieldError).toBeInViewport({ ratio: 1 });
  await expect(candidates).toHaveAttribute("aria-invalid", "true");
  const errorId = await fieldError.getAttribute("id");
  expect((await candidates.getAttribute("aria-describedby"))!.split(" ")).toContain(errorId);
  const fieldBox = (await candidates.boundingBox())!;
  const errorBox = (await fieldError.boundingBox())!;
  expect(errorBox.y - (fieldBox.y + fieldBox.height)).toBeLessThan(24); // right under the field's row
  await ask.locator("button.primary").click();
  await expect(ask.getByRole("alert").filter({ hasText: "Fix this setting first" })).toBeInViewport({ ratio: 1 });
  await candidates.fill("2");
  await expect(ask.getByRole("alert")).toHaveCount(0);

  // More options: the pitch range in note names, picked on the keyboard (the lowest key, then the highest), or typed.
  await ask.getByRole("button", { name: "More options" }).click();
  await expect(page.getByRole("heading", { name: "AI options" })).toBeInViewport();
  const keys = page.getByRole("group", { name: /Piano keys/ });
  await keys.getByRole("button", { name: "C3", exact: true }).click({ timeout: 10_000 });
  await keys.getByRole("button", { name: "C5", exact: true }).click();
  await expect(page.getByTestId("pitch-range")).toHaveText("C3 to C5");
  await expect(page.getByLabel("Lowest pitch")).toHaveValue("C3");
  await expect(page.getByLabel("Highest pitch")).toHaveValue("C5");
  await expect(keys.getByRole("button", { name: "C3", exact: true })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Lowest pitch").fill("F#3");
  await expect(page.getByTestId("pitch-range")).toHaveText("F#3 to C5");
  // A name that is no pitch is refused beside its field, and the range stays.
  const lowest = page.getByLabel("Lowest pitch");
  await lowest.fill("H2");
  await lowest.blur();
  const nameError = page.getByRole("alert").filter({ hasText: "“H2” is not a note name" });
  await expect(nameError).toBeInViewport({ ratio: 1 });
  await expect(lowest).toHaveAttribute("aria-describedby", (await nameError.getAttribute("id"))!);
  await expect(page.getByTestId("pitch-range")).toHaveText("F#3 to C5");
  // Every option says what it does where it is set.
  for (const name of ["Temperature", "Repetition", "Bars to continue"]) {
    const help = await page.getByLabel(name, { exact: true }).getAttribute("aria-describedby");
    await expect(page.locator(`[id="${help}"]`)).toContainText(/\w+ \w+ \w+/);
  }
  await expect(page.getByText("How closely the AI echoes what each track played in earlier bars")).toBeVisible();
});

test("when the sounds cannot load, the toolbar says so beside the note count, on its line, covering nothing, and it is read out", async ({ browser }) => {
  const page = await signedIn(browser, "Sol", { width: 1440, height: 900 });
  await page.route("**/samples/piano/**", (route) => route.fulfill({ status: 404, body: "" }));
  await newPiece(page, "No sounds");

  const toolbar = page.getByTestId("editor-toolbar");
  const said = toolbar.getByRole("alert").filter({ hasText: "The sounds could not be loaded" });
  // The drum kit loads on before the piano's failure is told, which takes a while on a busy host.
  await expect(said).toBeInViewport({ ratio: 1, timeout: 60_000 }); // role="alert": read out as it appears
  await expect(said.locator("..")).toHaveAttribute("title", /^The sounds could not be loaded \(piano: .+\); check the connection and press Play to try again$/); // the whole of it on hover

  // On the note count's line, after it, inside the toolbar, and over none of the chord row or the roll.
  const bar = (await toolbar.boundingBox())!;
  const box = (await said.boundingBox())!;
  const count = (await page.getByTestId("note-count").boundingBox())!;
  expect(box.x).toBeGreaterThan(count.x);
  expect(Math.abs(box.y + box.height / 2 - (count.y + count.height / 2))).toBeLessThan(8);
  expect(box.y).toBeGreaterThanOrEqual(bar.y);
  expect(box.y + box.height).toBeLessThanOrEqual(bar.y + bar.height);
  const chordRow = (await page.getByTestId("chord-row").boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(chordRow.y);
  // The roll's top-left corner, where the message used to sit, shows the roll.
  const corner = await page.getByTestId("piano-roll").evaluate((canvas) => {
    const r = canvas.getBoundingClientRect();
    return document.elementFromPoint(r.left + 12, r.top + 12) === canvas;
  });
  expect(corner).toBe(true);
  await shot(page, "item-5-sound-error-1440x900.png");
});
