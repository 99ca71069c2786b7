/**
 * The text an uncompressed pdfkit file shows: the hex strings of each TJ operator, decoded through the
 * ToUnicode map of the font set by the Tf before it (Windows-1252 bytes for a font without one).
 */
export function pdfText(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString("latin1");
  const objects = new Map([...raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)].map((m) => [m[1], m[2]]));
  const toUnicode = new Map<string, Map<number, string>>(); // font resource name -> glyph code -> text
  for (const dict of raw.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
    for (const [, name, ref] of dict[1].matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const cmapRef = objects.get(ref)?.match(/\/ToUnicode (\d+) 0 R/)?.[1];
      const cmap = cmapRef && objects.get(cmapRef);
      if (cmap) toUnicode.set(name, cmapOf(cmap));
    }
  }
  const decoder = new TextDecoder("windows-1252");
  let font = "";
  return [...raw.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\]\s*TJ/g)].flatMap((m) => {
    if (m[1]) {
      font = m[1];
      return [];
    }
    const hex = [...m[2].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((h) => h[1].replace(/\s/g, "")).join("");
    const map = toUnicode.get(font);
    if (map) return [hex.match(/.{4}/g)?.map((g) => map.get(parseInt(g, 16)) ?? "\ufffd").join("") ?? ""];
    return [decoder.decode(Uint8Array.from(hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? []))];
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
