import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarRangeInputs } from "./bar-range-inputs";

const props = { from: 3, to: 5, onFrom: () => {}, onTo: () => {}, fromLabel: "From bar", toLabel: "To bar" };

describe("BarRangeInputs", () => {
  it("asks for bars from 1, and the end no earlier than the start", () => {
    const html = renderToStaticMarkup(<BarRangeInputs {...props} lead="bars" />);
    expect(html).toContain('<label>bars <input type="number" min="1" aria-label="From bar" style="width:56px" value="3"/>');
    expect(html).toContain('<label>to <input type="number" min="3" aria-label="To bar" style="width:56px" value="5"/>');
    expect(html).not.toContain("disabled");
  });

  it("greys out both ends together", () => {
    expect(renderToStaticMarkup(<BarRangeInputs {...props} disabled />).match(/disabled=""/g)).toHaveLength(2);
  });
});
