import path from "node:path";
import { describe, expect, it } from "vitest";
import { importsOf, importViolations, resolveImport, ruleBroken, type ImportRef } from "./import-direction";

const ROOT = path.resolve(import.meta.dirname, "..");

/** Crossings that are the point of the file: it drives the browser's socket code against the real collab server. */
const INTEGRATION_TESTS = [
  "app/_collab/open-piece.db.test.ts -> server/collab/test-harness",
  "app/_collab/open-piece.db.test.ts -> server/services",
  // The editor's offline edits against the real collab server: the test and its editor stand-in.
  "app/_collab/offline-edits.db.test.ts -> server/authorship/load-report",
  "app/_collab/offline-edits.db.test.ts -> server/collab/test-harness",
  "app/_collab/offline-edits.db.test.ts -> server/services",
  "app/_collab/test-editor.ts -> server/collab/test-harness",
  // The editor's cut of a large update, checked part by part with the server's own update check.
  "app/_collab/split-update.test.ts -> server/collab/client-owners",
  "app/_collab/split-update.test.ts -> server/collab/update-check",
  // The product's fine-tune measured as the server runs it (finetune-eval --product, model:eval-style --method fine-tune).
  "models/adapt/product-fine-tune.ts -> server/adaptation/fine-tune",
];

/**
 * Imports that point the wrong way today in code other engineers are changing now. Each goes when that work lands,
 * and the test fails on an entry that no longer breaks a rule, so this list only shrinks.
 */
const LEFT_FOR_NOW: string[] = [];

describe("import direction", () => {
  it("finds no import in app/, server/, lib/ or models/ that points the wrong way, apart from the listed ones", () => {
    const found = importViolations(ROOT);
    const allowed = new Set([...INTEGRATION_TESTS, ...LEFT_FOR_NOW]);
    expect(found.filter((v) => !allowed.has(v.edge)).map((v) => `${v.edge}: ${v.rule}`)).toEqual([]);
    const edges = new Set(found.map((v) => v.edge));
    expect([...allowed].filter((edge) => !edges.has(edge))).toEqual([]);
  });

  it("reads static, type-only, re-exported, dynamic and required imports, not ones in comments or strings", () => {
    const source = [
      'import type { AppRouter } from "@/server/api/root";',
      'import { type A, b } from "../x";',
      'import * as Y from "yjs";',
      'export { c } from "./c";',
      'export type { D } from "./d";',
      'import "./side-effect";',
      'const e = await import("@/lib/e");',
      'const f = require("../f");',
      '// import { g } from "@/server/g";',
      'const h = \'import { h } from "@/server/h"\';',
    ].join("\n");
    expect(importsOf(source)).toEqual<ImportRef[]>([
      { specifier: "@/server/api/root", typeOnly: true, names: ["AppRouter"] },
      { specifier: "../x", typeOnly: false, names: ["A", "b"] },
      { specifier: "yjs", typeOnly: false, names: null },
      { specifier: "./c", typeOnly: false, names: ["c"] },
      { specifier: "./d", typeOnly: true, names: ["D"] },
      { specifier: "./side-effect", typeOnly: false, names: null },
      { specifier: "@/lib/e", typeOnly: false, names: null },
      { specifier: "../f", typeOnly: false, names: null },
    ]);
  });

  it("resolves @/ and relative paths from the importing file, and leaves packages alone", () => {
    expect(resolveImport("server/testing/child-server.ts", "../app")).toBe("server/app");
    expect(resolveImport("app/pieces/x.tsx", "@/server/services")).toBe("server/services");
    expect(resolveImport("lib/midi/read.ts", "../doc-schema")).toBe("lib/doc-schema");
    expect(resolveImport("lib/midi/read.ts", "midi-file")).toBeNull();
  });

  it("allows app/ only the router's type from server/, and models/ only server/inference", () => {
    const typeOnly = (names: string[]): ImportRef => ({ specifier: "", typeOnly: true, names });
    const value: ImportRef = { specifier: "", typeOnly: false, names: ["x"] };
    expect(ruleBroken("app/_trpc/client.tsx", "server/api/root", typeOnly(["AppRouter"]))).toBeNull();
    expect(ruleBroken("app/_trpc/client.tsx", "server/api/root", { ...value, names: ["AppRouter"] })).not.toBeNull();
    expect(ruleBroken("app/x.ts", "server/api/root", typeOnly(["AppRouter", "createCaller"]))).not.toBeNull();
    expect(ruleBroken("app/x.ts", "server/authorship/report-types", typeOnly(["ContributionReport"]))).not.toBeNull();
    expect(ruleBroken("server/x.ts", "app/_collab/final-status", value)).not.toBeNull();
    expect(ruleBroken("lib/midi/read.test.ts", "models/prepare/datasets-dir", value)).not.toBeNull();
    expect(ruleBroken("lib/midi/read.ts", "lib/doc-schema", value)).toBeNull();
    expect(ruleBroken("models/eval/fim.ts", "server/inference/window", value)).toBeNull();
    expect(ruleBroken("models/eval/tasks.ts", "server/services", typeOnly(["Region"]))).not.toBeNull();
    expect(ruleBroken("server/inference/x.ts", "models/tokenizer", value)).toBeNull();
  });
});
