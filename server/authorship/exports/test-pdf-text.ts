/** The text an uncompressed pdfkit file shows: the hex strings of each TJ operator, decoded as Windows-1252 bytes. */
export function pdfText(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString("latin1");
  const decoder = new TextDecoder("windows-1252");
  return [...raw.matchAll(/\[([^\]]*)\]\s*TJ/g)].map((m) =>
    decoder.decode(Uint8Array.from([...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].flatMap((h) => h[1].match(/../g)!.map((b) => parseInt(b, 16))))),
  );
}
