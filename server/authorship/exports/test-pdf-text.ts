/** One TJ operator's glyphs in the order drawn (for right-to-left text, the reverse of reading order). */
export interface GlyphRun {
  /** The font's resource name and its /BaseFont (e.g. "ABCDEF+NotoNaskhArabic-Regular"). */
  font: string;
  baseFont: string;
  /** Glyph codes of a font with a ToUnicode map (pdfkit's embedded fonts), code 0 being .notdef, the empty box. */
  glyphs: { code: number; text: string }[];
}

/**
 * The text an uncompressed pdfkit file shows: the hex strings of each TJ operator, decoded through the
 * ToUnicode map of the font set by the Tf before it (Windows-1252 bytes for a font without one).
 * A .notdef glyph reads as U+FFFD.
 */
export function pdfText(bytes: Uint8Array): string[] {
  const decoder = new TextDecoder("windows-1252");
  return pdfGlyphRuns(bytes).map((r) =>
    r.glyphs.length > 0 && r.glyphs[0].code < 0
      ? decoder.decode(Uint8Array.from(r.glyphs.map((g) => -g.code - 1)))
      : r.glyphs.map((g) => (g.code === 0 ? "\ufffd" : g.text)).join(""),
  );
}

/** Every TJ's glyphs with the font that draws them; bytes of a font without a ToUnicode map come as codes -1 - byte. */
export function pdfGlyphRuns(bytes: Uint8Array): GlyphRun[] {
  const raw = Buffer.from(bytes).toString("latin1");
  const objects = new Map([...raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)].map((m) => [m[1], m[2]]));
  const toUnicode = new Map<string, Map<number, string>>(); // font resource name -> glyph code -> text
  const baseFonts = new Map<string, string>();
  for (const dict of raw.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
    for (const [, name, ref] of dict[1].matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(ref);
      baseFonts.set(name, font?.match(/\/BaseFont \/([^\s/]+)/)?.[1] ?? "");
      const cmapRef = font?.match(/\/ToUnicode (\d+) 0 R/)?.[1];
      const cmap = cmapRef && objects.get(cmapRef);
      if (cmap) toUnicode.set(name, cmapOf(cmap));
    }
  }
  let font = "";
  return [...raw.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)].flatMap((m) => {
    if (m[1]) {
      font = m[1];
      return [];
    }
    const hex = [...m[2].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((h) => h[1].replace(/\s/g, "")).join("");
    const map = toUnicode.get(font);
    const glyphs = map
      ? (hex.match(/.{4}/g) ?? []).map((g) => ({ code: parseInt(g, 16), text: map.get(parseInt(g, 16)) ?? "\ufffd" }))
      : (hex.match(/../g) ?? []).map((b) => ({ code: -1 - parseInt(b, 16), text: "" }));
    return [{ font, baseFont: baseFonts.get(font) ?? "", glyphs }];
  });
}

/** A pdfkit ToUnicode CMap: bfrange lines of the form <start> <end> [<utf16> ...]. */
function cmapOf(text: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, start, list] of text.matchAll(/<([0-9a-fA-F]+)> <[0-9a-fA-F]+> \[([^\]]*)\]/g)) {
    [...list.matchAll(/<([0-9a-fA-F ]*)>/g)].forEach((u, i) => {
      const units = u[1].split(" ").filter(Boolean).map((h) => parseInt(h, 16));
      map.set(parseInt(start, 16) + i, String.fromCharCode(...units));
    });
  }
  return map;
}
