import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { addNote, newPiece, newUser, noteCount, signUp } from "./people";

// Axe on every kind of page a person meets: sign-in, their pieces, the editor with notes (and with a header popover
// open), review mode replaying the history, and the contribution report. Any serious or critical violation fails,
// listed with its rule, what to fix and where; in the editor a moderate one too (a missing main landmark, content
// outside every landmark). SCREENS_DIR saves a screenshot of the editor.

const BLOCKING = ["serious", "critical"];
const EDITOR_BLOCKING = ["moderate", ...BLOCKING];

async function expectNoBlockingViolations(page: Page, where: string, impacts: readonly string[] = BLOCKING) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations.filter((v) => v.impact && impacts.includes(v.impact));
  const said = blocking.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.failureSummary ?? ""}`).join("\n")}`,
  );
  expect(said, `axe on ${where}`).toEqual([]);
}

test("sign-in, pieces, editor, review mode and report have no serious or critical axe violations, the editor no moderate ones", async ({ browser }) => {
  test.setTimeout(240_000); // eight pages scanned
  const page = await newUser(browser, { width: 1440, height: 900 }); // axe needs a context of its own
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign up" })).toBeVisible();
  await expectNoBlockingViolations(page, "the sign-in page");

  await signUp(page, "Axel", "**/pieces");
  await expect(page.getByLabel("Title")).toBeVisible();
  await expectNoBlockingViolations(page, "the pieces page, empty");

  await newPiece(page, "Accessible étude");
  await addNote(page, 1, 200);
  await addNote(page, 2, 240);
  await addNote(page, 3, 300);
  await expect(noteCount(page)).toHaveText("3");
  await expectNoBlockingViolations(page, "the editor", EDITOR_BLOCKING);
  if (process.env.SCREENS_DIR) await page.screenshot({ path: `${process.env.SCREENS_DIR}/item-3-editor-main-1440x900.png` });

  // The header's popovers, each open in turn.
  for (const [button, group] of [["Credits", "Credit exports"], ["Members", "Manage members"], ["Invite", "Invite links"]]) {
    await page.getByRole("button", { name: button, exact: true }).click();
    await expect(page.getByRole("group", { name: group })).toBeVisible();
    if (button === "Invite") await expect(page.getByTestId("invite-url")).toBeVisible();
    await expectNoBlockingViolations(page, `the editor with the ${button} popover open`, EDITOR_BLOCKING);
    await page.keyboard.press("Escape");
  }

  await page.getByTestId("replay-toggle").check();
  await expect(page.getByTestId("replay-scrubber")).toBeVisible();
  await expectNoBlockingViolations(page, "review mode, replaying", EDITOR_BLOCKING);
  await page.getByTestId("replay-toggle").uncheck();

  const pieceUrl = page.url();
  await page.goto(`${pieceUrl}/report`);
  await expect(page.getByRole("heading", { name: "Contribution report: Accessible étude" })).toBeVisible();
  await expect(page.getByTestId("consistency")).toContainText("Consistent");
  await expectNoBlockingViolations(page, "the report");

  await page.goto("/pieces");
  await expect(page.getByRole("link", { name: /Accessible étude/ })).toBeVisible();
  await expectNoBlockingViolations(page, "the pieces page with a piece");
});
