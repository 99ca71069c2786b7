/**
 * midi-file reads and writes meta-event text one byte per character. We store UTF-8 in those bytes,
 * and read bytes that are not valid UTF-8 as Latin-1 (what older files use).
 */
export function toMidiText(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

export function fromMidiText(raw: string): string {
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return raw;
  }
}
