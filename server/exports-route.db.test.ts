/** The credit exports through the real HTTP route: session cookie, membership, an accepted AI candidate, every format parsed back. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noteLedger } from "../db/schema";
import { readNotes } from "../lib/doc-schema";
import { parseMidiFile } from "../lib/midi";
import { eq } from "drizzle-orm";
import { createCollabTestWorld, type CollabTestWorld, type Person } from "./api/collab-test-world";
import { FAKE_MODEL } from "./api/fake-inference";
import { parseCsv } from "./authorship/exports/csv";
import { disclosureSchema } from "./authorship/exports/disclosure";
import { ledgerJsonSchema } from "./authorship/exports/ledger-json";
import { readMusicXml } from "./authorship/exports/test-musicxml-reader";
import { musicXmlViolations } from "./authorship/exports/test-musicxml-rules";
import { pdfText } from "./authorship/exports/test-pdf-text";
import { createCreditsPdfRenderer, EXPORT_FORMATS, type CreditsPdfRenderer } from "./authorship/exports";
import { createExportsRoute } from "./exports-route";

describe("credit exports over HTTP", () => {
  let world: CollabTestWorld;
  let server: Server;
  let base: string;
  let pieceId: string;
  let generationId: string;
  const pdf = createCreditsPdfRenderer();
  const people: Record<string, Person> = {};
  const BO = 'Bo "Beats", Jr. <b>';

  async function signUp(key: string, name: string) {
    people[key] = await world.signUp(name);
    return people[key];
  }
  const get = (format: string, who?: string, init: RequestInit = {}) =>
    fetch(`${base}/api/pieces/${pieceId}/export/${format}`, { ...init, headers: who ? { cookie: people[who].cookie } : {} });

  beforeAll(async () => {
    world = await createCollabTestWorld();
    const route = createExportsRoute({ db: world.handle.db, auth: world.auth, collab: world.collab, pdf });
    server = createServer((req, res) => void route(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const ada = await signUp("ada", "Ada");
    await signUp("bo", BO);
    await signUp("cy", "Cy");
    await signUp("dee", "Dee");
    ({ id: pieceId } = await people.ada.api.piece.create({ title: "Études, \"live\"" }));
    await people.bo.api.piece.acceptInvite(await people.ada.api.piece.createInvite({ pieceId, role: "editor" }));
    await people.cy.api.piece.acceptInvite(await people.ada.api.piece.createInvite({ pieceId, role: "viewer" }));
    await world.drawNotes(pieceId, ada, [
      { track: "melody", pitch: 64, start: 0, duration: 960, velocity: 90 },
      { track: "bass", pitch: 40, start: 3 * 1920, duration: 1920, velocity: 90 },
    ]);
    const region = { startBar: 1, endBar: 3, pitchLo: 60, pitchHi: 72, trackIds: ["chords"] };
    const req = await people.bo.api.generation.request({ pieceId, mode: "infill", region, candidates: 2, temperature: 1, seed: 7 });
    generationId = req.generationId;
    await people.bo.api.generation.accept({ pieceId, generationId, candidateIndex: 1 });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await pdf.close();
    await world.close();
  });

  it("refuses strangers, anonymous callers, unknown pieces and formats, and anything but GET", async () => {
    expect((await get("ledger-csv")).status).toBe(401);
    const stranger = await get("ledger-csv", "dee");
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toEqual({ error: "You are not a member of this piece" });
    expect((await fetch(`${base}/api/pieces/nope/export/midi`, { headers: { cookie: people.ada.cookie } })).status).toBe(404);
    expect(await (await get("mp3", "ada")).json()).toEqual({ error: 'No export called "mp3"' });
    expect((await get("midi", "ada", { method: "POST" })).status).toBe(405);
    expect((await fetch(`${base}/api/pieces/%E0%A4%A/export/midi`, { headers: { cookie: people.ada.cookie } })).status).toBe(400);
  });

  it("serves every format to members as a named download, a viewer included", async () => {
    for (const format of Object.keys(EXPORT_FORMATS)) {
      const res = await get(format, "cy");
      expect(res.status, format).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Etudes-live\.[a-z.-]+"; filename\*=UTF-8''%C3%89tudes%2C%20%22live%22\./);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
    }
    expect((await get("credits-html", "cy")).headers.get("content-security-policy")).toMatch(/default-src 'none'/);
  });

  it("the ledger CSV and JSON hold every ledger row, the accepted model notes with their generation and seed", async () => {
    const rows = await world.handle.db.select().from(noteLedger).where(eq(noteLedger.pieceId, pieceId));
    const [header, ...csv] = parseCsv(await (await get("ledger-csv", "bo")).text());
    expect(csv).toHaveLength(rows.length);
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    const model = csv.filter((r) => col(r, "author_kind") === "model");
    expect(model).toHaveLength(2);
    for (const r of model) {
      expect([col(r, "actor_name"), col(r, "model"), col(r, "generation_id"), col(r, "seed")]).toEqual([BO, FAKE_MODEL.name, generationId, "7"]);
    }
    const json = ledgerJsonSchema.parse(await (await get("ledger-json", "bo")).json());
    expect(json.entries.map((e) => e.seq)).toEqual(rows.map((r) => r.seq).sort((a, b) => a - b));
  });

  it("the MIDI file has the piece's notes, and its text events name the model and who accepted it", async () => {
    const midi = parseMidiFile(new Uint8Array(await (await get("midi", "ada")).arrayBuffer()));
    const notes = await world.collab.readDoc(pieceId, readNotes);
    expect(midi.notes.map((n) => `${n.pitch}@${n.start}+${n.duration}`).sort()).toEqual(notes.map((n) => `${n.pitch}@${n.start}+${n.duration}`).sort());
    const lines = midi.texts.flatMap((t) => t.split("\n"));
    const ai = lines.filter((l) => l.endsWith(`: AI ${FAKE_MODEL.name} ${FAKE_MODEL.version} gen ${generationId} seed 7, accepted by ${BO}`));
    expect(ai).toEqual([expect.stringMatching(/^Chords: note \S+: /), expect.stringMatching(/^Chords: note \S+: /)]); // bars 2 and 3
    expect(lines.filter((l) => /^(Melody|Bass): note \S+: human Ada$/.test(l))).toHaveLength(2);
  });

  it("the MusicXML score, the disclosure and the credits sheets tell the same story", async () => {
    const xml = await (await get("musicxml", "ada")).text();
    expect(musicXmlViolations(xml)).toEqual([]);
    const score = readMusicXml(xml);
    expect(score.notes).toHaveLength(4);
    expect(new Set(score.notes.filter((n) => n.part === "Chords").map((n) => n.colour)).size).toBe(1);
    expect(score.notes.find((n) => n.part === "Chords")!.colour).not.toBe(score.notes.find((n) => n.part === "Melody")!.colour);

    const disclosure = disclosureSchema.parse(await (await get("ai-disclosure", "ada")).json());
    expect(disclosure.aiInvolved).toBe(true);
    expect(disclosure.contributionAreas.find((a) => a.aspect === "Harmony and bass")).toMatchObject({ aiNotes: 2, notes: 3 });
    expect(disclosure.models[0]).toMatchObject({ name: FAKE_MODEL.name, candidatesGenerated: 2, candidatesAccepted: 1, acceptanceRate: 0.5 });
    expect(disclosure.humanOversight.acceptedBy).toEqual([{ name: BO, aiNotes: 2 }]);

    const html = await (await get("credits-html", "ada")).text();
    expect(html).toContain("<td>Bo &quot;Beats&quot;, Jr. &lt;b&gt;</td>");
    expect(html).toContain("<td>Ada</td>");
    const pdf = new Uint8Array(await (await get("credits-pdf", "ada")).arrayBuffer());
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdfText(pdf)).toEqual([]); // compressed: the text is in deflated streams
  });

  const FAULTY_WORKER = new URL("./authorship/exports/test-faulty-pdf-worker.mjs", import.meta.url);

  /** `inner` as the route's renderer, counting the hanging sheets handed to it, so a test knows when the line holds them. */
  function notingHangs(inner: CreditsPdfRenderer) {
    let hangs = 0;
    const pdf: CreditsPdfRenderer = {
      render: (sheet, options, requester) => {
        const drawn = inner.render(sheet, options, requester);
        if (sheet.title === "Hang the PDF worker") hangs++;
        return drawn;
      },
      close: () => inner.close(),
    };
    const handedOver = async (n: number) => {
      while (hangs < n) await new Promise((r) => setTimeout(r, 5));
    };
    return { pdf, handedOver };
  }

  /** The route on a server of its own with `pdf` as its renderer; `use` gets a fetch of a piece's credits PDF (as Ada unless named). */
  async function withPdfRoute(
    pdf: CreditsPdfRenderer,
    log: { error(msg: string): void },
    use: (pdfOf: (id: string, who?: string) => Promise<Response>) => Promise<void>,
  ) {
    const route = createExportsRoute({ db: world.handle.db, auth: world.auth, collab: world.collab, pdf, log });
    const server = createServer((req, res) => void route(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const pdfOf = (id: string, who = "ada") =>
      fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/pieces/${id}/export/credits-pdf`, { headers: { cookie: people[who].cookie } });
    try {
      await use(pdfOf);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await pdf.close();
    }
  }

  it("a PDF worker that crashes answers 500 saying so, and a new worker draws the next PDF", async () => {
    const errors: string[] = [];
    const log = { error: (msg: string) => void errors.push(msg) };
    await withPdfRoute(createCreditsPdfRenderer({ workerUrl: FAULTY_WORKER, log }), log, async (pdfOf) => {
      const { id: crashing } = await people.ada.api.piece.create({ title: "Crash the PDF worker" }); // the faulty worker's cue
      const crashed = await pdfOf(crashing);
      expect(crashed.status).toBe(500);
      expect(await crashed.json()).toEqual({ error: "The PDF worker crashed while drawing the credits sheet; try again (a new worker draws the next one)" });
      expect(errors).toEqual(["the credits PDF worker crashed", "export failed"]);
      const next = await pdfOf(pieceId);
      expect(next.status).toBe(200);
      expect(Buffer.from(await next.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    });
  });

  it("answers 503 with Retry-After while the PDF worker's waiting line is full", async () => {
    const busy = createCreditsPdfRenderer({ workerUrl: FAULTY_WORKER, maxWaiting: 0 });
    const { pdf, handedOver } = notingHangs(busy);
    await withPdfRoute(pdf, { error() {} }, async (pdfOf) => {
      const { id: hanging } = await people.ada.api.piece.create({ title: "Hang the PDF worker" }); // the faulty worker's cue
      const drawing = pdfOf(hanging);
      await handedOver(1); // the next request finds the line full
      const refused = await pdfOf(pieceId);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("30");
      expect(await refused.json()).toEqual({ error: "The server is drawing many credits PDFs right now; try again in a minute" });
      await busy.close(); // the hung sheet fails as the server shuts down
      expect((await drawing).status).toBe(500);
    });
  });

  it("answers 429 when one person already has her PDFs on the way, while another person's request still takes its turn", async () => {
    const line = createCreditsPdfRenderer({ workerUrl: FAULTY_WORKER, perPerson: 1 });
    const { pdf, handedOver } = notingHangs(line);
    await withPdfRoute(pdf, { error() {} }, async (pdfOf) => {
      const { id: hanging } = await people.ada.api.piece.create({ title: "Hang the PDF worker" }); // the faulty worker's cue
      await people.bo.api.piece.acceptInvite(await people.ada.api.piece.createInvite({ pieceId: hanging, role: "viewer" }));
      const drawing = pdfOf(hanging);
      await handedOver(1);
      const refused = await pdfOf(pieceId);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("retry-after")).toBe("30");
      expect(await refused.json()).toEqual({ error: "You already have 1 credits PDF on the way, the most one person may have; try again once it has downloaded" });
      const bos = pdfOf(hanging, "bo");
      await handedOver(2); // Bo's waits its turn behind Ada's hanging sheet: not refused
      await line.close();
      expect((await bos).status).toBe(500);
      expect((await drawing).status).toBe(500);
    });
  });
});
