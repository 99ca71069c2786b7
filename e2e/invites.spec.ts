import { expect } from "@playwright/test";
import { test } from "./test";
import { connected, newPiece, newUser, signedIn, signUp } from "./people";

// The owner's invite links: limits, the list, revoking; a revoked link says so; a signed-out socket says so.

test("an owner limits, lists and revokes invite links; a revoked link is refused in plain words", async ({ browser }) => {
  const ann = await signedIn(browser, "Ann", { width: 1440, height: 900 });
  await newPiece(ann, "Band");
  await ann.getByRole("button", { name: "Invite" }).click();
  const links = ann.getByRole("group", { name: "Invite links" });
  const editorUrl = (await ann.getByTestId("invite-url").textContent())!.trim();
  expect(editorUrl).toMatch(/\/invite\/\S+$/);

  // A viewer link for one person, for 7 days.
  await links.getByLabel("Expire").selectOption({ label: "in 7 days" });
  await links.getByLabel("Uses").fill("0");
  await expect(links.getByRole("button", { name: "Create viewer link" })).toBeDisabled();
  await expect(links.getByText("Uses: a whole number from 1 to 1000")).toBeVisible();
  await links.getByLabel("Uses").fill("1");
  await links.getByRole("button", { name: "Create viewer link" }).click();
  const viewerUrl = (await ann.getByTestId("invite-url-viewer").textContent())!.trim();
  const working = links.getByRole("list", { name: "Working links" });
  await expect(working.getByRole("listitem")).toHaveCount(2);
  await expect(working.getByRole("listitem").first()).toContainText(/0 of 1 use · expires \d+ \w+ \d{4}/);
  await expect(working.getByRole("listitem").last()).toContainText(/Not used yet · expires/);
  await ann.screenshot({ path: "/work/notes/screens/invite-list-1440x900.png" });

  await links.getByRole("button", { name: "Revoke editor link" }).click();
  await expect(working.getByRole("listitem")).toHaveCount(1);
  await expect(links.getByText("Links that no longer work (1)")).toBeVisible();

  // Bob follows the revoked editor link: a plain refusal, and he is not in the piece.
  const bob = await newUser(browser);
  await bob.goto(editorUrl);
  await bob.waitForURL("**/?next=*");
  await signUp(bob, "Bob", "**/invite/*");
  await expect(bob.locator("p[role=alert]")).toHaveText("This invite link was revoked by the piece's owner; ask them for a new one");

  // The viewer link lets him in once.
  await bob.goto(viewerUrl);
  await bob.waitForURL("**/pieces/*");
  await connected(bob);
  await expect(bob.getByLabel("Your role: viewer")).toBeVisible();
  await ann.getByRole("button", { name: "Close" }).click();
  await ann.getByRole("button", { name: "Invite" }).click();
  await links.getByText("Links that no longer work (2)").click();
  await expect(links.getByRole("list", { name: "Links that no longer work" })).toContainText("1 of 1 use (Bob) · used up");

  // Signed out elsewhere, his open piece stops and says why.
  const elsewhere = await bob.context().newPage();
  await elsewhere.goto("/pieces");
  await elsewhere.evaluate(() => fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
  // The server re-checks open sockets' sessions every 2 s; on a busy 2-core CI host that can take a while.
  await expect(bob.getByTestId("connection-status")).toHaveText("signed out", { timeout: 30_000 });
  await expect(bob.getByText("You were signed out. Sign in again to keep working.")).toBeVisible();
});
