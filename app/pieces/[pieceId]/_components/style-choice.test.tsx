import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StyleSelect } from "./style-choice";

const noop = () => undefined;
const options = [
  { id: "a1", name: "The Band", version: 2, method: "fine-tune" as const, pieceIds: ["p1", "p2", "p3"] },
  { id: "a2", name: "Class 4B", version: 1, method: "style-memory" as const, pieceIds: ["p9"] },
  { id: "a3", name: "The Band", version: 3, method: "fine-tune" as const, pieceIds: ["p1"], note: "The model already writes these pieces…" },
];

describe("the Style select", () => {
  it("offers the model's own first (the default), then each usable style with its version how many pieces it learned from, and whether it fine-tuned the model (or kept the model's own weights)", () => {
    const html = renderToStaticMarkup(<StyleSelect options={options} value={null} onChange={noop} disabled={false} helpId="h" />);
    expect(html.match(/<option[^>]*>[^<]*<\/option>/g)).toEqual([
      '<option value="" selected="">model&#x27;s own</option>',
      '<option value="a1">our style: The Band v2 (3 pieces, fine-tuned)</option>',
      '<option value="a2">our style: Class 4B v1 (1 piece)</option>',
      '<option value="a3">our style: The Band v3 (1 piece, as the model&#x27;s own)</option>',
    ]);
  });

  it("shows the chosen style", () => {
    expect(renderToStaticMarkup(<StyleSelect options={options} value="a2" onChange={noop} disabled helpId="h" />)).toContain('<option value="a2" selected="">');
  });
});
