import { describe, expect, it } from "vitest";
import { EXPORT_FORMAT_NAMES } from "@/lib/authorship/export-formats";
import { EXPORT_CHOICES, exportUrl, fileNameOf } from "./export-formats";

describe("export menu choices", () => {
  it("offer exactly the formats the server exports (its table is checked against the same names when it compiles)", () => {
    expect(EXPORT_CHOICES.map((c) => c.format).sort()).toEqual([...EXPORT_FORMAT_NAMES].sort());
  });

  it("build the download URL and read the file name back", () => {
    expect(exportUrl("p 1", "midi")).toBe("/api/pieces/p%201/export/midi");
    expect(fileNameOf(`attachment; filename="Etudes.credits.pdf"; filename*=UTF-8''%C3%89tudes.credits.pdf`, "x")).toBe("Études.credits.pdf");
    expect(fileNameOf(`attachment; filename="plain.mid"`, "x")).toBe("plain.mid");
    expect(fileNameOf(null, "fallback.bin")).toBe("fallback.bin");
  });
});
