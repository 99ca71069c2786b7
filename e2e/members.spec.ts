import { expect } from "@playwright/test";
import { test } from "./test";
import { connected, newPiece, newUser, signedIn, signUp } from "./people";

// The owner manages members from the editor header. A role changed there reaches the member's open editor: its
// tools follow and it says so. Removing someone asks first; Escape closes only the question. SCREENS_DIR saves a 1440x900 screenshot.

test("an owner changes a member's role and removes her from the header; her open editor follows", async ({ browser }) => {
  const ann = await signedIn(browser, "Ann", { width: 1440, height: 900 });
  await newPiece(ann, "Quartet");
  await ann.getByRole("button", { name: "Invite" }).click();
  const editorUrl = (await ann.getByTestId("invite-url").textContent())!.trim();
  await ann.getByRole("button", { name: "Close" }).click();

  const bea = await newUser(browser, { width: 1440, height: 900 });
  await bea.goto(editorUrl);
  await bea.waitForURL("**/?next=*");
  await signUp(bea, "Bea", "**/pieces/*");
  await connected(bea);
  await expect(bea.getByLabel("Your role: editor")).toBeVisible();
  await expect(bea.getByRole("button", { name: "Draw" })).toBeEnabled();

  // Ann makes Bea a viewer from the header; Bea's open editor turns read-only and says so.
  await expect(ann.getByRole("list", { name: "Members", exact: true })).toContainText("Bea · editor");
  await ann.getByRole("button", { name: "Members" }).click();
  const manage = ann.getByRole("group", { name: "Manage members" });
  await manage.getByLabel("Role of Bea").selectOption("viewer");
  await expect(ann.getByRole("list", { name: "Members", exact: true })).toContainText("Bea · viewer");
  await expect(bea.getByTestId("role-note")).toContainText("You can now only view this piece.");
  await expect(bea.getByLabel("Your role: viewer")).toBeVisible();
  await expect(bea.getByRole("button", { name: "Draw" })).toBeDisabled();
  await expect(bea.getByText("View only")).toBeVisible();
  await connected(bea); // still watching
  if (process.env.SCREENS_DIR) await bea.screenshot({ path: `${process.env.SCREENS_DIR}/members-role-note.png` });

  // Removing asks first; cancelled, she stays.
  await manage.getByRole("button", { name: "Remove Bea" }).click();
  await expect(manage.getByRole("alertdialog", { name: "Remove Bea?" })).toBeVisible();
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/members.png` });
  await manage.getByRole("button", { name: "Cancel" }).click();
  await expect(manage.getByRole("button", { name: "Remove Bea" })).toBeFocused();
  await expect(ann.getByRole("list", { name: "Members", exact: true })).toContainText("Bea · viewer");
  // Escape closes only the question: the popover stays, focus back on her Remove button.
  await manage.getByRole("button", { name: "Remove Bea" }).click();
  await expect(manage.getByRole("button", { name: "Cancel" })).toBeFocused();
  await ann.keyboard.press("Escape");
  await expect(manage.getByRole("alertdialog", { name: "Remove Bea?" })).toBeHidden();
  await expect(manage).toBeVisible();
  await expect(manage.getByRole("button", { name: "Remove Bea" })).toBeFocused();
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/item-1-members-escape-1440x900.png` });
  await ann.keyboard.press("Escape"); // a second Escape closes the popover
  await expect(manage).toBeHidden();
  await expect(ann.getByRole("button", { name: "Members" })).toBeFocused();
  await ann.getByRole("button", { name: "Members" }).click();

  await manage.getByRole("button", { name: "Remove Bea" }).click();
  await manage.getByRole("button", { name: "Yes, remove Bea" }).click();
  await expect(manage.getByText("Nobody else is in this piece yet")).toBeVisible();
  await expect(ann.getByRole("list", { name: "Members", exact: true })).not.toContainText("Bea");
  await expect(bea.getByTestId("connection-status")).toHaveText("removed");
  await expect(bea.getByText("You are no longer a member of this piece.")).toBeVisible();
});
