import { describe, expect, it } from "vitest";
import { csvField, parseCsv } from "./csv";
import { buildLedgerCsv, LEDGER_CSV_HEADER } from "./ledger-csv";
import { buildLedgerJson, ledgerJsonSchema } from "./ledger-json";
import { BO, MODEL, scriptedPiece, SEED } from "./test-fixture";

describe("RFC 4180 fields", () => {
  it("quotes only what needs quoting and doubles quotes", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvField(null)).toBe("");
    expect(parseCsv('a,"b,""c""",\r\n"x\r\ny",2\r\n')).toEqual([["a", 'b,"c"', ""], ["x\r\ny", "2"]]);
    expect(() => parseCsv('"open')).toThrow(/inside a quoted field/);
  });
});

describe("ledger as CSV", () => {
  const piece = scriptedPiece();
  const csv = buildLedgerCsv(piece);
  const [header, ...rows] = parseCsv(csv);
  const col = (row: string[], name: (typeof LEDGER_CSV_HEADER)[number]) => row[header.indexOf(name)];

  it("has one row per ledger entry, CRLF-terminated", () => {
    expect(header).toEqual([...LEDGER_CSV_HEADER]);
    expect(rows).toHaveLength(piece.ledger.length);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it("round-trips every field, names with commas and quotes included", () => {
    piece.ledger.forEach((entry, i) => {
      const row = rows[i];
      expect(Number(col(row, "seq"))).toBe(entry.seq);
      expect(col(row, "time")).toBe(entry.at.toISOString());
      expect(col(row, "note_id")).toBe(entry.noteId);
      expect(col(row, "action")).toBe(entry.action);
      expect(col(row, "author_kind")).toBe(entry.authorKind);
      expect(col(row, "actor_id")).toBe(entry.actorId);
      expect(col(row, "actor_name")).toBe(entry.actorName);
      expect(col(row, "model")).toBe(entry.model ?? "");
      expect(col(row, "generation_id")).toBe(entry.generationId ?? "");
      expect(col(row, "generation_settings") ? JSON.parse(col(row, "generation_settings")) : null).toEqual(entry.settings);
      for (const side of ["before", "after"] as const) {
        const n = entry[side];
        const cells = (["track", "pitch", "start", "duration", "velocity"] as const).map((f) => col(row, `${side}_${f}`));
        expect(cells).toEqual(n ? [n.track, String(n.pitch), String(n.start), String(n.duration), String(n.velocity)] : ["", "", "", "", ""]);
      }
    });
    const modelRow = rows.find((r) => col(r, "author_kind") === "model")!;
    expect([col(modelRow, "actor_name"), col(modelRow, "model"), col(modelRow, "model_version"), col(modelRow, "seed")]).toEqual([
      BO.name,
      MODEL.model,
      MODEL.version,
      String(SEED),
    ]);
  });
});

describe("ledger as JSON", () => {
  it("matches its schema and keeps every entry", () => {
    const piece = scriptedPiece();
    const parsed = ledgerJsonSchema.parse(JSON.parse(JSON.stringify(buildLedgerJson(piece))));
    expect(parsed.entries).toHaveLength(piece.ledger.length);
    expect(parsed.piece.title).toBe(piece.piece.title);
    expect(parsed.method.length).toBeGreaterThan(0);
    const model = parsed.entries.find((e) => e.author.kind === "model")!;
    expect(model.author).toEqual({
      kind: "model",
      model: MODEL.model,
      version: MODEL.version,
      generationId: "g-1",
      settings: { candidates: 2, temperature: 0.9, topP: 0.95, seed: SEED },
      seed: SEED,
      acceptedBy: { userId: BO.id, name: BO.name },
    });
    const update = parsed.entries.find((e) => e.action === "update")!;
    expect(update.before?.pitch).toBe(60);
    expect(update.after?.pitch).toBe(62);
    expect(parsed.entries.at(-1)).toMatchObject({ noteId: "gone", action: "delete", after: null });
  });
});
