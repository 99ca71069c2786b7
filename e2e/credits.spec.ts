import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { parseCsv } from "../server/authorship/exports/csv";
import { newPiece, signUp } from "./people";

// Credit exports from the piece header: the ledger as CSV and the credits sheet as PDF, downloaded by a member.

async function download(page: Page, label: string) {
  const started = page.waitForEvent("download");
  await page.getByRole("group", { name: "Credit exports" }).getByRole("button", { name: label }).click();
  const file = await started;
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test("a member downloads the ledger and the credits sheet from the Credits menu", async ({ page }) => {
  await page.goto("/");
  await signUp(page, "Cleo", "**/pieces");
  await newPiece(page, "Credits, please");

  // Two notes through the shared document: the server attributes them to Cleo's connection.
  await page.evaluate(() => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const notes = doc.getMap("notes");
    notes.set("e2e-1", { track: "melody", pitch: 72, start: 0, duration: 480, velocity: 90 });
    notes.set("e2e-2", { track: "bass", pitch: 40, start: 480, duration: 960, velocity: 90 });
  });
  await expect(page.getByTestId("note-count")).toHaveText("2");

  await page.getByTestId("export-menu").click();
  const csv = await download(page, "Ledger (CSV)");
  expect(csv.name).toBe("Credits, please.ledger.csv");
  const [header, ...rows] = parseCsv(csv.bytes.toString("utf8"));
  const col = (r: string[], name: string) => r[header.indexOf(name)];
  expect(rows.map((r) => [col(r, "note_id"), col(r, "action"), col(r, "actor_name")]).sort()).toEqual([
    ["e2e-1", "create", "Cleo"],
    ["e2e-2", "create", "Cleo"],
  ]);

  const pdf = await download(page, "Credits sheet (PDF)");
  expect(pdf.name).toBe("Credits, please.credits.pdf");
  expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
});
