import { afterEach, describe, expect, it } from "vitest";
import { renderCreditsPdf } from "./credits-pdf";
import { createCreditsPdfRenderer, CreditsPdfError, type CreditsPdfRenderer } from "./credits-pdf-renderer";
import { cjkKoreanArabicSheet, sheetNamed } from "./test-sheets";
import { pdfText } from "./test-pdf-text";

const FAULTY_WORKER = new URL("./test-faulty-pdf-worker.mjs", import.meta.url);
const plain = { compress: false, createdAt: new Date(0) };
const textOf = (pdf: Uint8Array) => pdfText(pdf).join(""); // a wrapped line keeps its trailing space

describe("credits PDF in a worker thread", () => {
  let renderer: CreditsPdfRenderer | undefined;
  afterEach(() => renderer?.close());

  it("draws the same sheet as the in-thread drawing, names in Chinese, Korean and Arabic included", async () => {
    renderer = createCreditsPdfRenderer();
    const sheet = cjkKoreanArabicSheet();
    const pdf = await renderer.render(sheet, plain);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(textOf(pdf)).toBe(textOf(await renderCreditsPdf(sheet, plain)));
    for (const name of ["王菲", "김민준"]) expect(textOf(pdf)).toContain(name);
    const compressed = await renderer.render(sheet);
    expect(Buffer.from(compressed.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(compressed.length).toBeLessThan(pdf.length);
  });

  it("queues sheets asked for together and returns each one whole, in its own bytes", async () => {
    renderer = createCreditsPdfRenderer();
    const names = ["王菲", "김민준", "Дмитрий", "陈 Ada"];
    const pdfs = await Promise.all(names.map((name) => renderer!.render(sheetNamed("Ada", name), plain)));
    pdfs.forEach((pdf, i) => expect(textOf(pdf)).toContain(names[i]));
    expect(new Set(pdfs.map((p) => p.buffer)).size).toBe(names.length);
  });

  it("fails the sheet a crashed worker was drawing with a clear error; queued and later sheets are drawn by a new worker", async () => {
    const errors: unknown[] = [];
    renderer = createCreditsPdfRenderer({ workerUrl: FAULTY_WORKER, log: { error: (msg, fields) => errors.push({ msg, ...fields }) } });
    const crashed = renderer.render(sheetNamed("Ada", "Bo", "Crash the PDF worker"), plain);
    const queued = renderer.render(sheetNamed("Ada", "Queued Bo"), plain);
    const error = await crashed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CreditsPdfError);
    expect(error).toMatchObject({ reason: "crashed", message: "The PDF worker crashed while drawing the credits sheet; try again (a new worker draws the next one)" });
    expect(String((error as Error).cause)).toContain("a fault injected by the test");
    expect(errors).toEqual([expect.objectContaining({ msg: "the credits PDF worker crashed", exitCode: 1 })]);
    expect(textOf(await queued)).toContain("Queued Bo");
    expect(textOf(await renderer.render(sheetNamed("Ada", "Later Bo"), plain))).toContain("Later Bo");
  });

  it("stops a worker that overruns the time limit, fails that sheet, and draws the next one in a new worker", async () => {
    // The limit is on drawing one sheet (a new worker's start has its own): 10 s leaves room on a busy machine.
    renderer = createCreditsPdfRenderer({ workerUrl: FAULTY_WORKER, timeoutMs: 10_000 });
    await renderer.render(sheetNamed("Ada", "Bo"), plain); // the worker is up: the limit below times the hang alone
    const hung = await renderer.render(sheetNamed("Ada", "Bo", "Hang the PDF worker"), plain).catch((e: unknown) => e);
    expect(hung).toMatchObject({ reason: "timeout", message: "Drawing the credits PDF took longer than 10 s and was stopped; try again" });
    expect(textOf(await renderer.render(sheetNamed("Ada", "Next Bo"), plain))).toContain("Next Bo");
  }, 120_000);

  it("refuses a sheet at once when the waiting line is full, and takes sheets again once it has room", async () => {
    renderer = createCreditsPdfRenderer({ workerUrl: FAULTY_WORKER, maxWaiting: 1 });
    const drawing = renderer.render(sheetNamed("Ada", "Bo", "Hang the PDF worker"), plain).catch((e: unknown) => e);
    const waiting = renderer.render(sheetNamed("Ada", "Waiting Bo"), plain).catch((e: unknown) => e);
    const refused = await renderer.render(sheetNamed("Ada", "One too many"), plain).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CreditsPdfError);
    expect(refused).toMatchObject({ reason: "busy", message: "The server is drawing many credits PDFs right now; try again in a minute" });
    await renderer.close();
    expect(await drawing).toMatchObject({ reason: "closed" });
    expect(await waiting).toMatchObject({ reason: "closed" });

    renderer = createCreditsPdfRenderer({ maxWaiting: 1 });
    const pdfs = await Promise.all(["First", "Second"].map((name) => renderer!.render(sheetNamed("Ada", name), plain)));
    expect(textOf(pdfs[1])).toContain("Second"); // one drawing and one waiting: both are taken
  });

  it("serves people in turn: one person's slow sheets hold another's for at most the one being drawn, up to a cap each", async () => {
    renderer = createCreditsPdfRenderer({ workerUrl: FAULTY_WORKER, perPerson: 3 });
    const drawn: string[] = [];
    const ask = (who: string, name: string, title?: string) => renderer!.render(sheetNamed("Ada", name, title), plain, who).then(() => drawn.push(name));
    const adas = ["Ada 1", "Ada 2", "Ada 3"].map((name) => ask("ada", name, "Slow sheet"));
    const refused = await renderer.render(sheetNamed("Ada", "Ada 4"), plain, "ada").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CreditsPdfError);
    expect(refused).toMatchObject({ reason: "too-many", message: "You already have 3 credits PDFs on the way, the most one person may have; try again once one has downloaded" });
    await Promise.all([...adas, ask("bo", "Bo 1")]);
    expect(drawn).toEqual(["Ada 1", "Bo 1", "Ada 2", "Ada 3"]);
    expect(textOf(await renderer.render(sheetNamed("Ada", "Ada 5"), plain, "ada"))).toContain("Ada 5"); // room again
  });

  it("refuses a sheet that is not plain data, and draws the next one", async () => {
    renderer = createCreditsPdfRenderer();
    const notPlain = { ...sheetNamed("Ada", "Bo"), footer: (() => "footer") as unknown as string };
    await expect(renderer.render(notPlain)).rejects.toMatchObject({ reason: "failed", message: "The credits sheet could not be handed to the PDF worker" });
    expect(textOf(await renderer.render(sheetNamed("Ada", "Bo after"), plain))).toContain("Bo after");
  });

  it("a worker that cannot start, or never says it is ready, fails the sheet saying so", async () => {
    const couldNotStart = { reason: "crashed", message: "The PDF worker could not start; try again" };
    renderer = createCreditsPdfRenderer({ workerUrl: new URL("./no-such-worker.mjs", import.meta.url), log: { error: () => {} } });
    await expect(renderer.render(sheetNamed("Ada", "Bo"))).rejects.toMatchObject(couldNotStart);
    await renderer.close();
    const errors: string[] = [];
    renderer = createCreditsPdfRenderer({ workerUrl: new URL("data:text/javascript,setInterval(() => {}, 1e9)"), timeoutMs: 1_000, log: { error: (msg) => errors.push(msg) } });
    await expect(renderer.render(sheetNamed("Ada", "Bo"))).rejects.toMatchObject(couldNotStart);
    expect(errors).toEqual(["the credits PDF worker took too long to start and was stopped"]);
  });

  it("on close, fails the sheets not yet drawn and refuses new ones", async () => {
    renderer = createCreditsPdfRenderer();
    const pending = Promise.allSettled([renderer.render(sheetNamed("Ada", "Bo")), renderer.render(sheetNamed("Ada", "Cy"))]);
    await renderer.close();
    const closed = { status: "rejected", reason: expect.objectContaining({ reason: "closed", message: "The server is shutting down; the credits PDF was not drawn" }) };
    expect(await pending).toEqual([closed, closed]);
    await expect(renderer.render(sheetNamed("Ada", "Bo"))).rejects.toMatchObject({ reason: "closed" });
  });
});
