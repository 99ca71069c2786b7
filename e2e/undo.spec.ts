import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { addNote, askBar, connected, newPiece, newUser, noteCount, showCandidateWithNotes, signUp } from "./people";

// Issue 14, item 3: what removes other people's notes asks first, in words (how many, whose), in a dialog that
// Escape cancels; Ctrl+Z undoes the person's last operation whatever it was (here: removing a model's untouched
// notes); the toolbar's Undo is enabled only when there is something to undo, also after a visit to the report.
// SCREENS_DIR saves a 1440x900 screenshot of the question.

const VIEW = { width: 1440, height: 900 };
const mod = process.platform === "darwin" ? "Meta" : "Control";
const shot = (page: Page, name: string) => (process.env.SCREENS_DIR ? page.screenshot({ path: `${process.env.SCREENS_DIR}/${name}` }) : null);
const question = (page: Page) => page.getByRole("alertdialog");
const undoButton = (page: Page) => page.getByRole("toolbar", { name: "Editing" }).getByRole("button", { name: "Undo", exact: true });

/**
 * Shows a candidate with notes none of which equals a note already in the piece: accepting it replaces Ada's note
 * (one equal to it would keep it, and nothing would be asked). Returns its ghost note count.
 */
async function showReplacingCandidate(page: Page): Promise<number> {
  await showCandidateWithNotes(page);
  const index = await page.evaluate(() => {
    type N = { track: string; pitch: number; start: number; duration: number };
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const key = (n: N) => `${n.track}/${n.pitch}/${n.start}/${n.duration}`;
    const there = new Set([...doc.getMap<N>("notes").values()].map(key));
    const [g] = [...doc.getMap<{ candidates: N[][] }>("generations").values()];
    return g.candidates.findIndex((c) => c.length > 0 && !c.some((n) => there.has(key(n))));
  });
  expect(index).toBeGreaterThanOrEqual(0);
  await page.getByRole("tab").nth(index).click();
  return Number(await page.getByTestId("ghost-count").textContent());
}

test("removing other people's notes asks first; Ctrl+Z brings them back; Undo follows the real history", async ({ browser }) => {
  const ada = await newUser(browser, VIEW);
  const bob = await newUser(browser, VIEW);
  await ada.goto("/");
  await signUp(ada, "Ada", "**/pieces");
  await newPiece(ada, "Canon");
  await ada.getByRole("button", { name: "Invite" }).click();
  const inviteUrl = (await ada.getByTestId("invite-url").textContent())!.trim();
  await ada.getByRole("button", { name: "Close", exact: true }).click();
  await bob.goto(inviteUrl);
  await bob.waitForURL("**/?next=*");
  await signUp(bob, "Bob", "**/pieces/*");
  await connected(bob);

  // Ada writes a note in bar 1 and one in bar 2; her own removals ask nothing.
  await addNote(ada, 1, 200);
  await addNote(ada, 2, 240);
  await expect(noteCount(bob)).toHaveText("2");

  // Bob asks the model for bar 2: accepting would replace Ada's note there, so he is asked first, and names her.
  await bob.getByLabel("Region start bar").fill("2");
  await bob.getByLabel("Region end bar").fill("2");
  await bob.getByLabel("Candidates").fill("3");
  await askBar(bob).getByRole("button", { name: "Rewrite bar 2" }).click();
  const ghosts = await showReplacingCandidate(bob);
  expect(ghosts).toBeGreaterThan(0);
  await bob.getByRole("button", { name: "Accept" }).click();
  await expect(question(bob)).toContainText("Accept this candidate in place of 1 note?");
  await expect(question(bob)).toContainText("It is Ada's.");
  await question(bob).getByRole("button", { name: "Accept and replace 1 note" }).click();
  await expect(noteCount(ada)).toHaveText(String(1 + ghosts));

  // Ada removes the model's untouched notes: all of them are Bob's (he accepted them). Asked first; Cancel has focus.
  const panel = ada.getByTestId("undo-by-author");
  const remove = panel.getByRole("button", { name: "Remove its untouched notes" });
  await remove.click();
  const q = question(ada);
  await expect(q).toBeVisible();
  await expect(q.getByRole("heading")).toHaveText(`Remove ${ghosts} ${ghosts === 1 ? "note" : "notes"} by tandem-fim for everyone?`);
  await expect(q).toContainText(ghosts === 1 ? "It is Bob's." : `All ${ghosts} are Bob's.`);
  await expect(q.getByRole("button", { name: "Cancel" })).toBeFocused();
  await shot(ada, "confirm-remove-1440x900.png");
  // Focus stays inside the question: Tab goes to its other button, not back to the page.
  const removeThem = q.getByRole("button", { name: `Remove ${ghosts} ${ghosts === 1 ? "note" : "notes"}` });
  await ada.keyboard.press("Tab");
  await expect(removeThem).toBeFocused();
  // Escape cancels: nothing changes.
  await ada.keyboard.press("Escape");
  await expect(q).toBeHidden();
  await expect(noteCount(ada)).toHaveText(String(1 + ghosts));
  await expect(noteCount(bob)).toHaveText(String(1 + ghosts));

  await remove.click();
  await removeThem.click();
  await expect(noteCount(bob)).toHaveText("1");
  await expect(panel.getByRole("status")).toContainText(`Removed tandem-fim's untouched notes: ${ghosts} ${ghosts === 1 ? "note" : "notes"} changed.`);
  await expect(undoButton(ada)).toBeEnabled();

  // Ctrl+Z brings every one of them back, for everyone, as the panel's "Undo this" would.
  await ada.keyboard.press(`${mod}+z`);
  await expect(noteCount(bob)).toHaveText(String(1 + ghosts));
  await expect(noteCount(ada)).toHaveText(String(1 + ghosts));
  await expect(panel.getByRole("list", { name: "Operations" })).toContainText("(undone)");
  // Redo removes them again; the toolbar's Undo brings them back.
  await ada.keyboard.press(`${mod}+Shift+z`);
  await expect(noteCount(bob)).toHaveText("1");
  await undoButton(ada).click();
  await expect(noteCount(bob)).toHaveText(String(1 + ghosts));

  // Bob's Delete of Ada's note asks too; Escape leaves it.
  await bob.getByTestId("piano-roll").focus();
  await bob.keyboard.press(`${mod}+a`);
  await bob.keyboard.press("Delete");
  await expect(question(bob)).toContainText("Ada's");
  await bob.keyboard.press("Escape");
  await expect(noteCount(bob)).toHaveText(String(1 + ghosts));

  // To the report and back (client-side): a fresh history, so Undo is off until Ada does something.
  await ada.getByRole("link", { name: "Contribution report →" }).click();
  await ada.waitForURL("**/report");
  await ada.getByRole("link", { name: "← Back to the piece" }).click();
  await connected(ada);
  await expect(undoButton(ada)).toBeDisabled();
  await addNote(ada, 4, 200);
  await expect(noteCount(ada)).toHaveText(String(2 + ghosts));
  await expect(undoButton(ada)).toBeEnabled();
  await undoButton(ada).click();
  await expect(noteCount(ada)).toHaveText(String(1 + ghosts));
  await expect(undoButton(ada)).toBeDisabled();
});
