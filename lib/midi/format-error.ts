/** A MIDI file that cannot be read: not MIDI, truncated, or a kind this editor does not support. */
export class MidiFormatError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = "MidiFormatError";
  }
}
