"use client";
/**
 * The leader's playing, while they lead a jam that plays: every key is heard at once on their track's instrument and
 * recorded (jam-recorder.ts), its notes sent to the server a beat at a time. finish() sends the last of them and
 * resolves once the server has them all, so Stop never cuts the take's last notes.
 */
import { useCallback, useEffect, useRef } from "react";
import type { Instrument } from "@/lib/doc-schema";
import type { PlayedNote } from "@/lib/jam/take";
import type { NoteMessage } from "@/app/_components/midi/midi-message";
import { createJamRecorder, type JamRecorder } from "./jam-recorder";

export interface JamRecorderHookOptions {
  /** The jam this person leads and that plays now, else null (nothing is recorded). */
  jamId: string | null;
  beatMs: number;
  instrument: Instrument;
  serverNow(): number;
  send(jamId: string, notes: PlayedNote[]): Promise<unknown>;
  noteOn(instrument: Instrument, pitch: number, velocity: number): void;
  noteOff(instrument: Instrument, pitch: number): void;
}

export function useJamRecorder(o: JamRecorderHookOptions): { play(m: NoteMessage): void; finish(): Promise<void> } {
  const opts = useRef(o);
  useEffect(() => {
    opts.current = o;
  });
  const recorder = useRef<JamRecorder | null>(null);
  const pending = useRef(new Set<Promise<unknown>>());

  const { jamId, beatMs } = o;
  useEffect(() => {
    if (!jamId) return;
    const send = (notes: PlayedNote[]) => {
      // A batch the server refused (the jam ended meanwhile) is lost with it; the panel shows the jam's own state.
      const p = opts.current.send(jamId, notes).catch(() => undefined);
      pending.current.add(p);
      void p.finally(() => pending.current.delete(p));
    };
    const r = createJamRecorder({ now: () => opts.current.serverNow(), send, beatMs });
    recorder.current = r;
    const timer = setInterval(() => r.tick(), beatMs / 4);
    return () => {
      clearInterval(timer);
      r.finish();
      if (recorder.current === r) recorder.current = null;
    };
  }, [jamId, beatMs]);

  const play = useCallback((m: NoteMessage) => {
    const { instrument, noteOn, noteOff } = opts.current;
    if (m.type === "on") {
      noteOn(instrument, m.pitch, m.velocity / 127);
      recorder.current?.noteOn(m.pitch, m.velocity);
    } else {
      noteOff(instrument, m.pitch);
      recorder.current?.noteOff(m.pitch);
    }
  }, []);

  const finish = useCallback(async () => {
    recorder.current?.finish();
    await Promise.all([...pending.current]);
  }, []);

  return { play, finish };
}
