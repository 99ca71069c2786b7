import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ConfirmDialog } from "./confirm-dialog";

describe("ConfirmDialog", () => {
  it("is an alertdialog named by its question and described by whose notes; Cancel comes first, with focus", () => {
    const html = renderToStaticMarkup(
      <ConfirmDialog question={{ title: "Remove 22 notes for everyone?", body: "14 are Bob's and 8 are yours.", confirm: "Remove 22 notes" }} onAnswer={() => {}} />,
    );
    expect(html).toMatch(/^<dialog role="alertdialog" aria-modal="true" aria-labelledby="([^"]+)-title" aria-describedby="\1-body"/);
    expect(html).toMatch(/<h2 id="[^"]+-title"[^>]*>Remove 22 notes for everyone\?<\/h2>/);
    expect(html).toMatch(/<p id="[^"]+-body"[^>]*>14 are Bob(&#x27;|')s and 8 are yours.<\/p>/);
    expect(html.indexOf(">Cancel<")).toBeLessThan(html.indexOf(">Remove 22 notes<"));
    expect(html).toMatch(/<button type="button" autofocus="">Cancel<\/button>/);
  });
});
