import { expect } from "@playwright/test";
import { test } from "./test";
import { addNote, askBar, connected, KEYS_WIDTH, newPiece, newUser, noteCount, PX_PER_BAR, signUp } from "./people";

// A teacher reviews a student's piece: the student writes notes and accepts an AI candidate; the teacher
// (a reviewer) filters to the model's notes, replays the history, comments on a bar and cannot edit; the
// student sees the comment and resolves it; the report credits both the student and the model.

const MINE = 3; // notes the student writes

test("a teacher reviews a student's piece: filter, replay, comment; the student resolves; the teacher cannot edit", async ({ browser }) => {
  const student = await newUser(browser);
  const teacher = await newUser(browser);

  await student.goto("/");
  await signUp(student, "Student", "**/pieces");
  await newPiece(student, "Homework");
  const pieceUrl = student.url();
  await student.getByRole("button", { name: "Invite" }).click();
  await student.getByRole("button", { name: "Create reviewer link" }).click();
  const inviteUrl = (await student.getByTestId("invite-url-reviewer").textContent())!.trim();

  // The student writes three notes (bars 1 and 4) and accepts a candidate from the model for bars 2-3.
  await addNote(student, 1, 200);
  await addNote(student, 1, 240);
  await addNote(student, 4, 220);
  await expect(noteCount(student)).toHaveText(String(MINE));
  await student.getByLabel("Region start bar").fill("2");
  await student.getByLabel("Region end bar").fill("3");
  await student.getByLabel("Candidates").fill("3");
  await askBar(student).getByRole("button", { name: "Fill bars 2–3" }).click();
  await expect(student.getByRole("button", { name: "Accept" })).toBeEnabled({ timeout: 60_000 });
  const tabs = student.getByRole("tab");
  for (let i = 0; i < (await tabs.count()); i++) {
    await tabs.nth(i).click();
    if (Number(await student.getByTestId("ghost-count").textContent()) > 0) break;
  }
  const ghosts = Number(await student.getByTestId("ghost-count").textContent());
  expect(ghosts).toBeGreaterThan(0);
  await student.getByRole("button", { name: "Accept" }).click();
  await expect(noteCount(student)).toHaveText(String(MINE + ghosts));

  // The teacher joins as a reviewer.
  await teacher.goto(inviteUrl);
  await teacher.waitForURL("**/?next=*");
  await signUp(teacher, "Teacher", "**/pieces/*");
  await connected(teacher);
  await expect(teacher.getByLabel("Your role: reviewer")).toBeVisible();
  await expect(noteCount(teacher)).toHaveText(String(MINE + ghosts));

  // Only the model's notes, then only the student's.
  const shown = teacher.getByTestId("review-shown");
  await expect(shown).toHaveText(`Showing ${MINE + ghosts} of ${MINE + ghosts} notes`);
  await teacher.getByTestId("author-filter").selectOption({ label: "tandem-fim (model)" });
  await expect(shown).toHaveText(`Showing ${ghosts} of ${MINE + ghosts} notes`);
  await teacher.getByTestId("author-filter").selectOption({ label: "Student" });
  await expect(shown).toHaveText(`Showing ${MINE} of ${MINE + ghosts} notes`);
  await teacher.getByTestId("author-filter").selectOption({ label: "Everyone" });

  // Replay: the piece grows from nothing to what it is now.
  await teacher.getByTestId("replay-toggle").check();
  const scrubber = teacher.getByTestId("replay-scrubber");
  await expect(scrubber).toBeVisible();
  await scrubber.focus();
  await scrubber.press("Home");
  await expect(teacher.getByTestId("replay-position")).toHaveText("Before anything was written");
  await expect(shown).toHaveText("Showing 0 of 0 notes");
  // Step forward until the student's notes are all there: the model's come later.
  for (let i = 0; i < 30 && (await shown.textContent()) !== `Showing ${MINE} of ${MINE} notes`; i++) await scrubber.press("ArrowRight");
  await expect(shown).toHaveText(`Showing ${MINE} of ${MINE} notes`);
  await expect(teacher.getByTestId("replay-position")).toContainText("by Student");
  await scrubber.press("End");
  await expect(shown).toHaveText(`Showing ${MINE + ghosts} of ${MINE + ghosts} notes`);
  await teacher.getByTestId("replay-toggle").uncheck();

  // The teacher comments on bar 2.
  await teacher.getByLabel("Comment", { exact: true }).fill("Is this the model's idea or yours?");
  await teacher.getByLabel("Comment from bar").fill("2");
  await teacher.getByLabel("Comment to bar").fill("2");
  await teacher.getByRole("button", { name: "Add comment" }).click();
  await expect(teacher.getByTestId("comment")).toContainText("Is this the model's idea or yours?");

  // The teacher cannot edit: a click on the roll adds nothing, and a write straight into the doc is dropped by the server.
  await addNote(teacher, 5, 220);
  await teacher.evaluate(() => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    doc.getMap("notes").set("sneaky", { track: "melody", pitch: 60, start: 0, duration: 480, velocity: 80 });
  });
  await student.waitForTimeout(1000);
  await expect(noteCount(student)).toHaveText(String(MINE + ghosts));

  // The student sees the comment, marked on the roll's bar ruler under bar 2: a click on the mark picks it in the panel.
  await expect(student.getByTestId("comment")).toContainText("Is this the model's idea or yours?", { timeout: 10_000 });
  await expect(student.getByTestId("comment")).not.toHaveAttribute("aria-current", "true");
  // The marks' band is the ruler's lower edge (the ruler is 24 px high; its upper part drags a loop).
  await student.getByTestId("piano-roll").click({ position: { x: KEYS_WIDTH + PX_PER_BAR + 40, y: 18 } });
  await expect(student.getByTestId("comment")).toHaveAttribute("aria-current", "true");
  await expect(student.getByTestId("loop-label")).toHaveCount(0); // the click went to the mark, not to a loop drag
  await student.getByTestId("comment").getByRole("button", { name: "Resolve" }).click();
  await expect(student.getByTestId("comment")).toContainText("Resolved by Student");
  await expect(teacher.getByTestId("comment")).toContainText("Resolved by Student", { timeout: 10_000 });

  // After a reload the teacher's write is still gone.
  await teacher.reload();
  await connected(teacher);
  await expect(noteCount(teacher)).toHaveText(String(MINE + ghosts));

  // A second comment, on bar 4; the bar filter shows the comments on some bars only.
  await teacher.getByLabel("Comment", { exact: true }).fill("Bar 4 rushes.");
  await teacher.getByLabel("Comment from bar").fill("4");
  await teacher.getByLabel("Comment to bar").fill("4");
  await teacher.getByRole("button", { name: "Add comment" }).click();
  const comments = teacher.getByTestId("comment");
  await expect(comments).toHaveCount(2);
  await teacher.getByTestId("comment-bar-filter").check();
  await teacher.getByLabel("Show comments from bar").fill("4");
  await teacher.getByLabel("Show comments to bar").fill("5");
  await expect(comments).toHaveCount(1);
  await expect(comments).toContainText("Bar 4 rushes.");
  await expect(teacher.getByTestId("comments-shown")).toHaveText("Showing 1 of 2 comments");
  await teacher.getByLabel("Show comments from bar").fill("1");
  await teacher.getByLabel("Show comments to bar").fill("2");
  await expect(comments).toHaveCount(1);
  await expect(comments).toContainText("Is this the model's idea or yours?");
  await teacher.getByLabel("Show comments from bar").fill("6");
  await expect(teacher.getByTestId("comments-shown")).toHaveText("No comments on bar 6");
  await expect(comments).toHaveCount(0);
  // Picking bar 4's mark on the ruler moves the filter to that comment's bar.
  await teacher.getByTestId("piano-roll").click({ position: { x: KEYS_WIDTH + PX_PER_BAR * 3 + 40, y: 18 } });
  await expect(comments).toHaveCount(1);
  await expect(comments).toContainText("Bar 4 rushes.");
  await expect(comments).toHaveAttribute("aria-current", "true");
  await expect(teacher.getByLabel("Show comments from bar")).toHaveValue("4");
  await teacher.getByTestId("comment-bar-filter").uncheck();
  await expect(comments).toHaveCount(2);

  // The report credits the student and the model, and finds no drift.
  await student.goto(`${pieceUrl}/report`);
  await expect(student.getByRole("heading", { name: "Contribution report: Homework" })).toBeVisible();
  const table = student.getByTestId("contributor-table");
  await expect(table).toContainText("Student");
  await expect(table).toContainText("tandem-fim");
  await expect(student.getByTestId("acceptance-rate")).toContainText("1 of 3 candidates accepted");
  await expect(student.getByTestId("consistency")).toContainText("Consistent");
});
