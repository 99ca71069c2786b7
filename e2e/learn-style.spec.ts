/**
 * "Learn our style" (issue 17) as a band would use it: Ada teaches the model from a song of hers, and a new piece's
 * AI options offer the learned style (the credit its notes carry is checked by adaptation.db.test.ts). SCREENS_DIR
 * saves a 1440x900 screenshot of the learned style in the AI options.
 */
import { expect } from "@playwright/test";
import { importSong, newPiece, newUser, signUp } from "./people";
import { test } from "./test";

test("Ada learns a style from her song, and a new piece's AI options offer it and pick it", async ({ browser }) => {
  const ada = await newUser(browser, { width: 1440, height: 900 });
  await ada.goto("/");
  await signUp(ada, "Ada", "**/pieces");
  await importSong(ada, "Harbour song.mid");
  await ada.goto("/");
  await newPiece(ada, "New song");

  await ada.getByRole("button", { name: "Learn our style…" }).click();
  const form = ada.getByRole("form", { name: "Learn our style" });
  await form.getByLabel("Name").fill("Harbour band");
  await form.getByLabel("Harbour song").check();
  await form.getByLabel("New song").uncheck(); // offered first (the piece open), but it has no music yet
  // This server has PyTorch (.ci/system-deps): the fine-tune is offered, and chosen.
  await expect(form.getByRole("radio", { name: /Fine-tune the model/ })).toBeChecked();
  await expect(form.getByRole("radio", { name: /Style memory/ })).toBeEnabled();
  if (process.env.SCREENS_DIR) await ada.screenshot({ path: `${process.env.SCREENS_DIR}/learn-style-form-1440x900.png` });
  await form.getByRole("button", { name: "Learn our style" }).click();
  await expect(form.getByText(/Fine-tuning on “Harbour band”: \d+%/)).toBeVisible({ timeout: 30_000 });
  const learned = form.getByText("Learned “Harbour band” v1: pick it under Style.");
  await expect(learned).toBeVisible({ timeout: 120_000 });
  if (process.env.SCREENS_DIR) {
    await form.evaluate((f) => f.scrollIntoView({ block: "end" }));
    await ada.screenshot({ path: `${process.env.SCREENS_DIR}/learn-style-learned-1440x900.png` });
  }

  // The style is offered, and chosen once learned.
  const style = ada.getByRole("combobox", { name: "Style", exact: true });
  // A fine-tune that kept no step (5 s here, on a pop song the model knows) says so, and the option with it.
  const kept = (await form.getByText(/already writes these pieces/).count()) > 0;
  await expect(style.locator("option")).toHaveText(["model's own", `our style: Harbour band v1 (1 piece, ${kept ? "as the model's own" : "fine-tuned"})`]);
  await expect(style).toHaveValue(/.+/);
  await style.scrollIntoViewIfNeeded();
  if (process.env.SCREENS_DIR) await ada.screenshot({ path: `${process.env.SCREENS_DIR}/learn-style-1440x900.png` });
});
