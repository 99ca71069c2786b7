/** The model's line: while Ann's long requests run, Bob's goes next, and everyone sees where each request stands. SCREENS_DIR saves a screenshot. */
import { expect, type Page } from "@playwright/test";
import { test } from "./test";
import { askBar, importSong, joinByInvite, newUser, signUp } from "./people";

/**
 * Asks for a 12-bar infill of every track through the API with Ann's session (the panel allows one request at a time),
 * without waiting for it. From the test, not the page: a browser opens 6 connections to a host at most, and each
 * request holds one until the model is done, so the page's requests reached the model's line a few at a time. Three
 * candidates, so that each keeps the model busy for seconds (one was done in under a second, and Bob's request then
 * reached the model before his page could show it waiting); eight, with every page taking in each whole candidate again
 * as it grew, made both pages take minutes to answer on a loaded 2-core host. Not 16 bars: the model's window is 16 bars, so a 16-bar region has no
 * music around it, and model 2 often writes nothing there, at once (the spec failed on that in CI).
 */
function askForLongInfill(page: Page, pieceId: string, trackIds: string[]): void {
  const input = { pieceId, mode: "infill", region: { startBar: 4, endBar: 16, pitchLo: 0, pitchHi: 127, trackIds }, candidates: 3, temperature: 1 };
  const origin = new URL(page.url()).origin;
  void page.request.post("/api/trpc/generation.request?batch=1", { headers: { origin }, data: { 0: { json: input } }, timeout: 0 }).catch(() => undefined);
}

// It needs the model busier than the pages are slow. Pages that took in each whole candidate again as it grew answered
// Bob's click 17 s late, while model 2 had written Ann's twelve one-candidate requests in about 12 s, so nothing waited
// by then; the notes now stream as they come, a page takes them in once a frame (lib/candidate-parts.ts,
// app/_collab/frame-bumps.ts), and Ann's requests ask three candidates, a few seconds each.
test("a second person's request goes ahead of another's backlog, and everyone sees each request's place in line", async ({ browser }) => {
  const viewport = { width: 1440, height: 900 };
  const ann = await newUser(browser, viewport);
  await ann.goto("/");
  await signUp(ann, "Ann", "**/pieces");
  await importSong(ann, "Rush hour.mid");
  const pieceId = new URL(ann.url()).pathname.split("/").pop()!;

  const bob = await newUser(browser, viewport);
  await joinByInvite(ann, bob, "Bob");

  // Bob has his region ready, so that his request goes in right behind Ann's backlog.
  await bob.getByLabel("Region start bar").fill("13");
  await bob.getByLabel("Region end bar").fill("14");
  const bobsAsk = askBar(bob).getByRole("button", { name: /^(Rewrite|Fill) bars 13–14$/ });
  await expect(bobsAsk).toBeVisible();

  // Ann asks twelve times, the most one person may: the first runs, the others wait (the model writes one of them in
  // half a second on a quiet host, so Bob asks at once; they are discarded at the end).
  const trackIds = await ann.evaluate(() => [...(window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc.getMap("tracks").keys()]);
  for (let i = 0; i < 12; i++) askForLongInfill(ann, pieceId, trackIds);
  // Ann's later requests wait (their places depend on who else the model serves: a test before this one may have left
  // a request of its own, and fair turns then interleave it with Ann's). Bob asks only then: the requests are posted
  // without waiting, and a click before they reached the line once had Bob's written first, never waiting (CI).
  const request = ann.getByLabel("Request");
  const annWaiting = request.locator("option", { hasText: /by Ann \(waiting, (next|\d+(st|nd|rd|th)) in line\)/ });
  await expect.poll(() => annWaiting.count(), { timeout: 15_000 }).toBeGreaterThan(1);
  // Bob asks once: his waits, and goes ahead of Ann's backlog (fair turns, not the order of arrival), which everyone sees.
  // The click as an event: click() waits for the button to hold still, and while Ann's candidates stream in, the page
  // moved it for 30 s once (CI), by which time her backlog was written and nothing waited behind Bob's request.
  await expect(bobsAsk).toBeEnabled();
  await bobsAsk.dispatchEvent("click");
  // His request waits, or the model has already taken it: one of Ann's ended as he asked, and his, ahead of her backlog,
  // went first (CI, on a slow host: "The model is writing…" for 15 s). Whether it went ahead is read below.
  await expect(bob.getByTestId("generation-progress")).toHaveText(/Waiting for the model: (next|\d+(st|nd|rd|th)) in line|The model is writing/);
  const place = (text: string) => {
    const m = /waiting, (next|(\d+)(?:st|nd|rd|th)) in line/.exec(text);
    return m ? (m[1] === "next" ? 1 : Number(m[2])) : null;
  };
  // The line moves on as the model writes, so each look reads every request at once: Bob's (waiting, or already taken
  // by the model), and Ann's requests waiting behind it (fair turns, not the order of arrival). Read option by option, a
  // request could start between two reads, and a read waiting for an option that had just stopped waiting hung until the
  // test's timeout.
  const options = () => request.locator("option").evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? "" })));
  // Ann looks at one of her requests behind Bob's: her panel says it waits, and where. She picks the one furthest back,
  // and looks again if the model took it before her panel showed it (a fast host drained the line between a read of
  // the options and the panel's answer, and the panel then rightly said the model was writing it: CI).
  const progress = ann.getByTestId("generation-progress");
  await expect
    .poll(
      async () => {
        const now = await options();
        const bobs = now.find((o) => /by Bob/.test(o.text));
        if (!bobs) return "Bob's request is not in the list";
        const bobsPlace = place(bobs.text) ?? 0; // not waiting: the model took it, ahead of every request still waiting
        const behind = now
          .map((o) => ({ value: o.value, place: /by Ann \(waiting/.test(o.text) ? place(o.text) : null }))
          .filter((o) => o.place !== null && o.place > bobsPlace)
          .sort((a, b) => b.place! - a.place!)[0];
        if (!behind) return "no request of Ann's waits behind Bob's";
        await request.selectOption(behind.value);
        await ann.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))); // the panel shows it
        return (await progress.textContent({ timeout: 5_000 }).catch(() => null)) ?? "no progress shown";
      },
      { timeout: 45_000 },
    )
    .toMatch(/Waiting for the model: (next|\d+(st|nd|rd|th)) in line/);
  await ann.getByTestId("candidate-panel").scrollIntoViewIfNeeded();
  if (process.env.SCREENS_DIR) await ann.screenshot({ path: `${process.env.SCREENS_DIR}/generation-line-1440x900.png` });

  // Every request is discarded, so the model is not kept busy for the tests after this one.
  await ann.evaluate(async (id) => {
    const doc = (window as unknown as { __tandem: { doc: import("yjs").Doc } }).__tandem.doc;
    const discard = (generationId: string) =>
      fetch("/api/trpc/generation.discard?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: { pieceId: id, generationId } } }),
      });
    await Promise.all([...doc.getMap("generations").keys()].map(discard));
  }, pieceId);
  await expect(request.locator("option", { hasText: "waiting" })).toHaveCount(0);
});
