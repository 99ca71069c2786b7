import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ErrorAlert } from "./error-alert";

describe("ErrorAlert", () => {
  it("shows nothing while there is no error", () => {
    for (const none of [null, undefined, ""]) expect(renderToStaticMarkup(<ErrorAlert error={none} />)).toBe("");
  });

  it("shows a message as it is and a thrown error by its message, as an alert", () => {
    expect(renderToStaticMarkup(<ErrorAlert error="The file is not MIDI." id="e" />)).toBe('<p id="e" role="alert" class="alert">The file is not MIDI.</p>');
    expect(renderToStaticMarkup(<ErrorAlert error={new Error("Piece not found")} />)).toBe('<p role="alert" class="alert">Piece not found</p>');
    expect(renderToStaticMarkup(<ErrorAlert error={{}} />)).toContain("Something went wrong");
  });
});
