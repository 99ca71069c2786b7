/** Raw Web MIDI messages -> the note events the editor cares about (any channel). */

export type NoteMessage = { type: "on"; pitch: number; velocity: number } | { type: "off"; pitch: number };

export function parseNoteMessage(data: ArrayLike<number>): NoteMessage | null {
  if (data.length < 3) return null;
  const kind = data[0] & 0xf0;
  const pitch = data[1] & 0x7f;
  const velocity = data[2] & 0x7f;
  if (kind === 0x90 && velocity > 0) return { type: "on", pitch, velocity };
  if (kind === 0x80 || kind === 0x90) return { type: "off", pitch }; // a note-on at velocity 0 is a note-off
  return null;
}
