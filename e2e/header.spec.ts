import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { test } from "./test";
import { newPiece, newUser, signedIn, signUp } from "./people";

// The piece header at 1440x900: its popovers open one at a time and close on Escape or a click outside, giving focus
// back to their button; with four members it stays on one row, the rest folded into "+2", and a long title ends in an
// ellipsis; Copy link says "Copied", or what to do when the clipboard is refused. The toolbar's menus close the same
// way. SCREENS_DIR saves screenshots.

const VIEW = { width: 1440, height: 900 };
/** Seen: in the window and not covered by anything else (the toolbar below the header, say) at its corners and middle. */
async function expectSeen(popover: Locator) {
  await expect(popover).toBeInViewport();
  const covered = await popover.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]].map(([x, y]) => [r.left + r.width * x, r.top + r.height * y]);
    return points.filter(([x, y]) => !el.contains(document.elementFromPoint(x, y))).map(([x, y]) => `${Math.round(x)},${Math.round(y)}`);
  });
  expect(covered, "points of the popover covered by something else").toEqual([]);
}

const shot = (page: Page, name: string) => (process.env.SCREENS_DIR ? page.screenshot({ path: `${process.env.SCREENS_DIR}/${name}` }) : null);

test("the header's popovers open one at a time; Escape and a click outside close them and give focus back", async ({ browser }) => {
  test.setTimeout(240_000);
  const ann = await signedIn(browser, "Ann", VIEW);
  await newPiece(ann, "One at a time");
  const button = (name: string) => ann.getByRole("button", { name, exact: true });
  const credits = ann.getByRole("group", { name: "Credit exports" });
  const invite = ann.getByRole("group", { name: "Invite links" });
  const members = ann.getByRole("group", { name: "Manage members" });

  await button("Credits").click();
  await expectSeen(credits);
  await button("Invite").click();
  await expectSeen(invite);
  await expect(credits).toBeHidden();
  await expect(button("Credits")).toHaveAttribute("aria-expanded", "false");
  await button("Members").click();
  await expectSeen(members);
  await expect(invite).toBeHidden();

  await ann.keyboard.press("Escape");
  await expect(members).toBeHidden();
  await expect(button("Members")).toBeFocused();

  // A click outside, on the header's title (nothing there takes focus).
  await button("Credits").click();
  await expectSeen(credits);
  await ann.getByRole("heading", { name: "One at a time" }).click();
  await expect(credits).toBeHidden();
  await expect(button("Credits")).toBeFocused();

  // Escape from a field inside the popover; the popover's Close too.
  await button("Invite").click();
  await invite.getByLabel("Uses").fill("3");
  await ann.keyboard.press("Escape");
  await expect(invite).toBeHidden();
  await expect(button("Invite")).toBeFocused();
  await button("Members").click();
  await members.getByRole("button", { name: "Close" }).click();
  await expect(members).toBeHidden();
  await expect(button("Members")).toBeFocused();

  // From the keyboard: Enter opens, Escape closes, focus stays on the button.
  await button("Credits").focus();
  await ann.keyboard.press("Enter");
  await expectSeen(credits);
  await ann.keyboard.press("Escape");
  await expect(credits).toBeHidden();
  await expect(button("Credits")).toBeFocused();
});

test("the toolbar's menus close as the header's popovers do: Escape and a click outside give focus back to the button", async ({ browser }) => {
  const ann = await signedIn(browser, "Ann", VIEW);
  await newPiece(ann, "Menus");
  const view = ann.getByRole("button", { name: "View", exact: true });
  const settings = ann.getByRole("group", { name: "View settings" });

  // Escape from a checkbox inside the menu.
  await view.click();
  await expectSeen(settings);
  await settings.getByLabel("Velocity lane").focus();
  await ann.keyboard.press("Escape");
  await expect(settings).toBeHidden();
  await expect(view).toBeFocused();
  await expect(view).toHaveAttribute("aria-expanded", "false");
  await shot(ann, "item-2-toolbar-menu-escape-1440x900.png");

  // A click outside, on the header's title (nothing there takes focus).
  await view.click();
  await settings.getByLabel("Velocity lane").focus();
  await ann.getByRole("heading", { name: "Menus" }).click();
  await expect(settings).toBeHidden();
  await expect(view).toBeFocused();

  // A click on another button outside leaves focus on that button.
  await view.click();
  await expectSeen(settings);
  await ann.getByRole("button", { name: "Credits", exact: true }).click();
  await expect(settings).toBeHidden();
  await expect(ann.getByRole("button", { name: "Credits", exact: true })).toBeFocused();
});

async function joins(browser: Browser, name: string, inviteUrl: string) {
  const page = await newUser(browser, VIEW);
  await page.goto(inviteUrl);
  await page.waitForURL("**/?next=*");
  await signUp(page, name, "**/pieces/*");
  // Four editors open at once on a 2-core machine: the fourth may take a while to sync.
  await expect(page.getByTestId("connection-status")).toHaveText("connected", { timeout: 60_000 });
  return page;
}

/** The header's visible parts: each one's top and right edge, to see that they share one row inside the window. */
const headerBoxes = (page: Page) =>
  page.locator("header.editor-header").evaluate((header) =>
    [...header.children]
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ top: r.top, bottom: r.bottom, right: r.right })),
  );

test("with four members the header stays on one row and shows +2; a long title ends in an ellipsis; Copy link says Copied", async ({ browser }) => {
  test.setTimeout(360_000); // four people sign up, each in a browser of their own
  const ctx = await browser.newContext({ viewport: VIEW, permissions: ["clipboard-read", "clipboard-write"] });
  const ann = await ctx.newPage();
  await ann.goto("/");
  await signUp(ann, "Ann", "**/pieces");
  const title = "A very long title for the piece that four friends write together on a rainy Sunday afternoon in spring";
  await newPiece(ann, title);

  await ann.getByRole("button", { name: "Invite", exact: true }).click();
  const url = (await ann.getByTestId("invite-url").textContent())!.trim();
  await ann.getByRole("button", { name: "Copy editor link" }).click();
  const said = ann.getByRole("status").filter({ hasText: "Copied" });
  await expect(said).toBeInViewport();
  expect(await ann.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await expect(said).toBeHidden({ timeout: 6000 }); // for a moment only

  // Refused: the message says so and the link is selected to copy by hand.
  await ann.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
  });
  await ann.getByRole("button", { name: "Copy editor link" }).click();
  await expect(ann.getByRole("status").filter({ hasText: "did not let Tandem copy the link" })).toBeInViewport();
  expect(await ann.evaluate(() => window.getSelection()?.toString().trim())).toBe(url);
  await ann.keyboard.press("Escape");

  for (const name of ["Bea", "Cid", "Dee"]) await joins(browser, name, url);

  const memberList = ann.getByRole("list", { name: "Members", exact: true });
  await expect(memberList.getByRole("button", { name: "+2 more members: Cid (editor), Dee (editor)" })).toBeInViewport();
  await expect(memberList).toContainText("Ann (you) · owner");
  await expect(memberList).toContainText("Bea · editor");
  await expect(memberList).not.toContainText("Cid");
  const here = ann.getByTestId("presence");
  await expect(here.getByRole("button", { name: "+2 more people here now: Cid, Dee" })).toBeInViewport();

  // One row, inside the window: every part of the header starts on the same line and ends before the right edge.
  const boxes = await headerBoxes(ann);
  const rowTop = Math.min(...boxes.map((b) => b.top));
  const rowBottom = Math.max(...boxes.map((b) => b.bottom));
  for (const b of boxes) expect(b.top).toBeLessThan(rowTop + 20);
  expect(rowBottom - rowTop).toBeLessThan(50);
  expect(Math.max(...boxes.map((b) => b.right))).toBeLessThanOrEqual(VIEW.width);

  // The title is cut with an ellipsis, on one line, and says all of itself on hover.
  const heading = ann.getByRole("heading", { level: 1 });
  await expect(heading).toHaveAttribute("title", title);
  const cut = await heading.evaluate((h) => ({
    ellipsis: getComputedStyle(h).textOverflow,
    clipped: h.scrollWidth > h.clientWidth,
    oneLine: h.getBoundingClientRect().height < 40, // a line of the title is about 29 px
  }));
  expect(cut).toEqual({ ellipsis: "ellipsis", clipped: true, oneLine: true });

  // "+2" lists the others; it is one popover among the header's.
  await memberList.getByRole("button", { name: /^\+2 more members/ }).click();
  const more = ann.getByRole("group", { name: "More members" });
  await expectSeen(more);
  await expect(more).toContainText("Cid (editor)");
  await expect(more).toContainText("Dee (editor)");
  await shot(ann, "header-four-members.png");
  await ann.getByRole("button", { name: "Members", exact: true }).click();
  await expect(more).toBeHidden();
  await expectSeen(ann.getByRole("group", { name: "Manage members" }));
  await ann.getByRole("button", { name: "Credits", exact: true }).click();
  await expectSeen(ann.getByRole("group", { name: "Credit exports" }));
  await shot(ann, "header-popover.png");
  // The header is still one row with a popover open.
  const withPopover = await headerBoxes(ann);
  expect(Math.max(...withPopover.map((b) => b.bottom)) - Math.min(...withPopover.map((b) => b.top))).toBeLessThan(50);
});
