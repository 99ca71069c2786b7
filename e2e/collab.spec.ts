import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { addNote, askBar, connected, newPiece, newUser, noteCount, signUp } from "./people";

// Two people, one piece: sign-up, invite, live edits, an infill from the model, accept, authorship, reload.

const modelNotes = (page: Page) =>
  page.evaluate(() => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    return [...doc.getMap<{ kind: string }>("provenance").entries()].filter(([id, p]) => p.kind === "model" && doc.getMap("notes").has(id)).length;
  });

test("two people compose with the model and the ledger credits everyone", async ({ browser }) => {
  const ann = await newUser(browser, { width: 1400, height: 860 });
  const bob = await newUser(browser, { width: 1400, height: 860 });

  // Ann signs up, creates a piece and invites Bob.
  await ann.goto("/");
  await signUp(ann, "Ann", "**/pieces");
  await newPiece(ann, "Duet");
  await ann.getByRole("button", { name: "Invite" }).click();
  const inviteUrl = (await ann.getByTestId("invite-url").textContent())!.trim();
  expect(inviteUrl).toMatch(/\/invite\/\S+$/);

  // Bob opens the link, signs up on the way and lands in the piece.
  await bob.goto(inviteUrl);
  await bob.waitForURL("**/?next=*");
  await signUp(bob, "Bob", "**/pieces/*");
  await connected(bob);
  await expect(ann.getByTestId("presence")).toContainText("Bob");
  await expect(bob.getByTestId("presence")).toContainText("Ann");

  // Both add notes and see each other's.
  await addNote(ann, 1, 200);
  await addNote(ann, 1, 240);
  await expect(noteCount(bob)).toHaveText("2");
  await bob.getByTestId("track-select").selectOption("chords");
  await addNote(bob, 4, 300);
  await addNote(bob, 4, 330);
  await expect(noteCount(ann)).toHaveText("4");

  // Bob asks the model to fill bars 2-3; Ann sees the ghost candidates, labelled with who asked.
  await bob.getByLabel("Region start bar").fill("2");
  await bob.getByLabel("Region end bar").fill("3");
  await bob.getByLabel("Candidates").fill("3");
  await askBar(bob).getByRole("button", { name: "Fill bars 2–3" }).click();
  await expect(ann.getByTestId("candidate-panel")).toContainText("Requested by Bob", { timeout: 60_000 });
  await expect(bob.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 60_000 });
  // Pick the first candidate that has notes (a candidate may leave the region empty).
  const tabs = bob.getByRole("tab");
  let picked = 0;
  for (; picked < (await tabs.count()); picked++) {
    await tabs.nth(picked).click();
    if (Number(await bob.getByTestId("ghost-count").textContent()) > 0) break;
  }
  // Which candidate shows is each person's own choice (the first until they pick): Ann picks the same one.
  await ann.getByRole("tab").nth(picked).click();
  await expect.poll(async () => Number(await ann.getByTestId("ghost-count").textContent())).toBeGreaterThan(0);

  // Bob accepts: the model's notes land in the piece for both, attributed to the model.
  const ghosts = Number(await bob.getByTestId("ghost-count").textContent());
  await bob.getByRole("button", { name: "Accept" }).click();
  await expect(noteCount(ann)).toHaveText(String(4 + ghosts));
  await expect(noteCount(bob)).toHaveText(String(4 + ghosts));
  await expect.poll(() => modelNotes(ann)).toBe(ghosts);
  await expect.poll(() => modelNotes(bob)).toBe(ghosts);
  await expect(ann.getByTestId("ghost-count")).toHaveText("0");

  // Colour by author, and the share panel credits Ann, Bob and the model.
  await ann.getByRole("button", { name: "View", exact: true }).click();
  await ann.getByLabel("Colour by author").check();
  const shares = ann.getByTestId("shares");
  await expect(shares).toContainText("Ann");
  await expect(shares).toContainText("Bob");
  await expect(shares).toContainText("tandem-fim");

  // A reload keeps the notes, their authorship and the shares.
  await ann.reload();
  await bob.reload();
  await connected(ann);
  await connected(bob);
  await expect(noteCount(ann)).toHaveText(String(4 + ghosts));
  await expect(noteCount(bob)).toHaveText(String(4 + ghosts));
  await expect.poll(() => modelNotes(ann)).toBe(ghosts);
  await expect(ann.getByTestId("shares")).toContainText("tandem-fim");
  await expect(ann.getByTestId("shares")).toContainText("Bob");
});
