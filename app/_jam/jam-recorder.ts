/**
 * The leader's notes, from whatever plays them (musical typing, a Web MIDI keyboard, the on-screen keyboard), as
 * the jam records them: each key's press and release become one PlayedNote, timed on the server's clock, and the
 * notes go to the server (`jam.play`) a beat at a time, or sooner once BATCH_NOTES are waiting. A note is sent when
 * it ends, as it is only then whole; one held over a beat is also sent as held then (PlayedNote.held), so that
 * listeners, who hear the jam a bar behind, can start it on time and end it when its release comes.
 */
import type { PlayedNote } from "@/lib/jam/take";

/** Notes that go at once, without waiting for the beat (the server takes up to 64 a call). */
export const BATCH_NOTES = 16;
/** The longest note the server takes (lib/jam/view.ts playedNoteSchema). */
const MAX_NOTE_MS = 60_000;

export interface JamRecorderOptions {
  /** The server's time now (ms): the local clock plus the offset (server-clock.ts). */
  now(): number;
  send(notes: PlayedNote[]): void;
  beatMs: number;
}

export interface JamRecorder {
  noteOn(pitch: number, velocity: number): void;
  noteOff(pitch: number): void;
  /** Sends what waits if a beat has gone by since the last send (called on a timer). */
  tick(): void;
  /** The take ends: held keys end now, and whatever waits is sent. */
  finish(): void;
}

export function createJamRecorder({ now, send, beatMs }: JamRecorderOptions): JamRecorder {
  const held = new Map<number, { velocity: number; at: number; told: boolean }>();
  let waiting: PlayedNote[] = [];
  let sentAt = now();

  const flush = () => {
    sentAt = now();
    if (waiting.length === 0) return;
    const notes = waiting;
    waiting = [];
    send(notes);
  };
  const end = (pitch: number) => {
    const key = held.get(pitch);
    if (!key) return;
    held.delete(pitch);
    waiting.push({ pitch, velocity: key.velocity, at: key.at, ms: Math.min(MAX_NOTE_MS, Math.max(0, now() - key.at)) });
    if (waiting.length >= BATCH_NOTES) flush();
  };

  return {
    noteOn(pitch, velocity) {
      end(pitch); // a key pressed again before its release (two inputs on one pitch) ends the first note
      held.set(pitch, { velocity: Math.min(127, Math.max(1, Math.round(velocity))), at: now(), told: false });
    },
    noteOff: end,
    tick() {
      if (now() - sentAt < beatMs) return;
      for (const [pitch, key] of held) {
        if (key.told || now() - key.at < beatMs) continue;
        key.told = true;
        waiting.push({ pitch, velocity: key.velocity, at: key.at, ms: Math.min(MAX_NOTE_MS, now() - key.at), held: true });
      }
      flush();
    },
    finish() {
      [...held.keys()].forEach(end);
      flush();
    },
  };
}
