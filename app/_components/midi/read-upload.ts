/** A picked file -> what the import mutations take; too-large files are refused here, before any upload. */

/** Mirrors the server's MAX_MIDI_BYTES (server/api/routers/midi.ts), which is the one that counts. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

export interface MidiUpload {
  name: string;
  base64: string;
}

export async function readMidiUpload(file: Pick<File, "name" | "size" | "arrayBuffer">): Promise<MidiUpload> {
  if (file.size > MAX_UPLOAD_BYTES) throw new Error(`${file.name}: larger than ${MAX_UPLOAD_BYTES / 1024} KB. Nothing was imported.`);
  return { name: file.name, base64: toBase64(new Uint8Array(await file.arrayBuffer())) };
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}
