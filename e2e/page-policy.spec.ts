import { expect } from "@playwright/test";
import { test } from "./test";
import { addNote, connected, newPiece, noteCount, signUp } from "./people";

// Under the pages' Content-Security-Policy (server/page-headers.ts) the app still signs up, opens a piece over
// its WebSocket and plays it with Tone.js, and the browser reports nothing blocked.

test("the app works under its Content-Security-Policy and nothing is blocked", async ({ page }) => {
  const blocked: string[] = [];
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __blocked: string[] }).__blocked = []);
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });

  const home = await page.goto("/");
  const policy = home!.headers()["content-security-policy"];
  expect(policy).toContain("frame-ancestors 'none'");
  expect(home!.headers()["x-content-type-options"]).toBe("nosniff");

  await signUp(page, "Cato", "**/pieces");
  await newPiece(page, "Under policy");
  await addNote(page, 1, 200);
  await expect(noteCount(page)).toHaveText("1");
  await page.reload();
  await connected(page);
  await expect(noteCount(page)).toHaveText("1");

  const transport = page.getByRole("toolbar", { name: "Transport" });
  await transport.getByRole("button", { name: "▶ Play" }).click();
  await expect(transport.getByRole("button", { name: "■ Stop" })).toBeEnabled();
  await expect(transport.getByRole("button", { name: "■ Stop" })).toBeDisabled({ timeout: 20_000 }); // played to the end
  await expect(page.getByText(/Audio could not start/)).toHaveCount(0);

  blocked.push(...(await page.evaluate(() => (window as unknown as { __blocked: string[] }).__blocked)));
  expect(blocked).toEqual([]);
});
