import { expect } from "@playwright/test";
import { test } from "./test";
import { connected, newPiece, newUser, signedIn, signUp } from "./people";

// A teacher's first hour: the invite says who invites her, to which piece and as what; her panel speaks to her role;
// comments become threads, and each side sees what is new to them until they mark it read. A bad tempo is refused.

const SCREEN = { width: 1440, height: 900 };

test("a teacher is invited, comments; the student replies in the thread; each sees what is new", async ({ browser }) => {
  const student = await signedIn(browser, "Sam", SCREEN);
  await newPiece(student, "Homework");
  await student.getByRole("button", { name: "Invite" }).click();
  await student.getByRole("button", { name: "Create reviewer link" }).click();
  const inviteUrl = (await student.getByTestId("invite-url-reviewer").textContent())!.trim();
  await student.getByRole("button", { name: "Close" }).click();

  // Signed out, the link's landing says who invites her, to which piece and as what.
  const teacher = await newUser(browser, SCREEN);
  await teacher.goto(inviteUrl);
  await teacher.waitForURL("**/?next=*");
  const intro = teacher.getByTestId("invite-intro");
  await expect(intro).toContainText("Sam invites you to “Homework” as a reviewer.");
  await expect(intro).toContainText("As a reviewer you can listen, replay how the piece was written and comment");
  await teacher.screenshot({ path: "/work/notes/screens/invite-landing-1440x900.png" });
  await signUp(teacher, "Teacher", "**/pieces/*");
  await connected(teacher);
  await expect(teacher.getByText("As a reviewer you can watch the AI's candidates and comment on them, but not ask for them.")).toBeVisible();
  await expect(teacher.getByText(/Viewers can/)).toHaveCount(0);

  // The teacher comments on bar 2; to the student it is new, on the pieces list and in the panel.
  await teacher.getByLabel("Comment", { exact: true }).fill("Bar 2 rushes: count it out loud?");
  await teacher.getByLabel("Comment from bar").fill("2");
  await teacher.getByLabel("Comment to bar").fill("2");
  await teacher.getByRole("button", { name: "Add comment" }).click();
  await expect(teacher.getByTestId("comments-new")).toHaveCount(0); // her own comment is not news to her
  const pieceUrl = student.url();
  await student.goto("/pieces");
  await expect(student.getByRole("link", { name: /Homework/ })).toContainText("1 new comment");
  await student.screenshot({ path: "/work/notes/screens/pieces-new-comments-1440x900.png" });
  await student.goto(pieceUrl);
  await connected(student);
  await expect(student.getByTestId("comments-new")).toHaveText("1 new");
  const thread = student.getByTestId("comment");
  await expect(thread).toContainText("New");

  // The student replies in the thread; the teacher sees the reply as new, and answers.
  await thread.getByRole("button", { name: "Reply" }).click();
  await thread.getByLabel("Reply to Teacher").fill("Like this? One, two, three, four.");
  await thread.getByRole("button", { name: "Send reply" }).click();
  await expect(thread.getByTestId("comment-reply")).toHaveText(/Sam.*Like this\? One, two, three, four\./);
  const theirs = teacher.getByTestId("comment");
  await expect(theirs.getByTestId("comment-reply")).toContainText("New", { timeout: 10_000 });
  await expect(teacher.getByTestId("comments-new")).toHaveText("1 new");
  await theirs.getByRole("button", { name: "Reply" }).click();
  await theirs.getByLabel("Reply to Teacher").fill("Yes, and keep the left hand soft.");
  await theirs.getByRole("button", { name: "Send reply" }).click();
  await expect(theirs.getByTestId("comment-reply")).toHaveCount(2);
  await expect(student.getByTestId("comments-new")).toHaveText("2 new", { timeout: 10_000 });
  await student.getByTestId("comments-panel").scrollIntoViewIfNeeded();
  await student.screenshot({ path: "/work/notes/screens/comments-thread-1440x900.png" });

  // Marked read, nothing is new any more, and it stays so after a reload.
  await student.getByRole("button", { name: "Mark all read" }).click();
  await expect(student.getByTestId("comments-new")).toHaveCount(0);
  await expect(thread).not.toContainText("New");
  await student.reload();
  await connected(student);
  await expect(student.getByTestId("comment")).toContainText("Yes, and keep the left hand soft.");
  await expect(student.getByTestId("comments-new")).toHaveCount(0);

  // A tempo of 0 is refused beside the field, and the piece keeps its tempo.
  const tempo = student.getByRole("toolbar", { name: "Transport" }).getByLabel("Tempo");
  const before = await tempo.inputValue();
  await tempo.fill("0");
  await tempo.press("Enter");
  await expect(student.getByRole("alert").filter({ hasText: "BPM" })).toHaveText(`0 BPM is too slow: the tempo goes from 20 to 300 BPM. It stays at ${before}.`);
  await expect(tempo).toHaveValue(before);
  await tempo.blur(); // leaving the field keeps the message
  await expect(student.getByRole("alert").filter({ hasText: "BPM" })).toBeVisible();
  await tempo.fill("96");
  await tempo.press("Enter");
  await expect(student.getByRole("alert").filter({ hasText: "BPM" })).toHaveCount(0);
  await expect(teacher.getByRole("toolbar", { name: "Transport" }).getByLabel("Tempo")).toHaveValue("96");
});
