/**
 * Plays a Schedule on Tone's transport: count-in clicks, then one Part (looped when the schedule loops)
 * holding the notes and metronome clicks. Tone is imported on the first play (a user gesture), so nothing
 * touches the AudioContext at import time. This file and instruments.ts are the only ones that use Tone.
 */
import type { Instrument } from "@/lib/doc-schema";
import type { Instruments } from "./instruments";
import { tickAt, type Click, type PlayEvent, type Schedule } from "./schedule";

/** Transport time (seconds) at which playback starts, after `start()`: a little room to schedule the first notes. */
const START_DELAY = 0.1;
/** Let the last notes ring before stopping the transport. */
const TAIL = 0.6;

export interface Player {
  play(schedule: Schedule, onEnd: () => void): Promise<void>;
  stop(): void;
  /** The tick being heard now, or null when stopped. */
  playhead(): number | null;
  /** Live notes (Web MIDI input): loads the instruments if needed. */
  noteOn(instrument: Instrument, pitch: number, velocity: number): Promise<void>;
  noteOff(instrument: Instrument, pitch: number): void;
  dispose(): void;
}

type Item = { kind: "note"; e: PlayEvent } | { kind: "click"; c: Click };

export function createPlayer(): Player {
  let tone: typeof import("tone") | null = null;
  let instruments: Instruments | null = null;
  let current: { schedule: Schedule; part: import("tone").Part<{ time: number; item: Item }> } | null = null;

  const load = async () => {
    tone ??= await import("tone");
    await tone.start();
    instruments ??= (await import("./instruments")).createInstruments(tone);
    await instruments.ready;
    return { T: tone, inst: instruments };
  };

  const stop = () => {
    if (!tone) return;
    const transport = tone.getTransport();
    transport.stop();
    transport.cancel(0);
    current?.part.dispose();
    current = null;
    instruments?.releaseAll();
  };

  return {
    async play(schedule, onEnd) {
      const { T, inst } = await load();
      stop();
      const transport = tone!.getTransport();
      transport.position = 0;
      transport.loop = false;
      for (const c of schedule.countIn) transport.schedule((time) => inst.click(c, time), c.time);
      const items = [
        ...schedule.events.map((e) => ({ time: e.time, item: { kind: "note", e } as Item })),
        ...schedule.clicks.map((c) => ({ time: c.time, item: { kind: "click", c } as Item })),
      ];
      const part = new T.Part<{ time: number; item: Item }>((time, { item }) => {
        if (item.kind === "note") inst.trigger(item.e, time);
        else inst.click(item.c, time);
      }, items);
      if (schedule.loop) {
        part.loop = true;
        part.loopStart = 0;
        part.loopEnd = schedule.loop.seconds;
      } else {
        transport.scheduleOnce(() => {
          stop();
          onEnd();
        }, schedule.startAt + schedule.endSeconds - schedule.offset + TAIL);
      }
      part.start(schedule.startAt, schedule.offset);
      current = { schedule, part };
      transport.start(`+${START_DELAY}`);
    },
    stop,
    playhead() {
      if (!tone || !current) return null;
      // The transport's time at what the speakers play now (Tone schedules ahead by its look-ahead).
      const seconds = tone.getTransport().getSecondsAtTime(tone.immediate());
      return seconds < 0 ? null : tickAt(current.schedule, seconds);
    },
    async noteOn(instrument, pitch, velocity) {
      const { inst } = await load();
      inst.noteOn(instrument, pitch, velocity);
    },
    noteOff(instrument, pitch) {
      instruments?.noteOff(instrument, pitch);
    },
    dispose() {
      stop();
      instruments?.dispose();
      instruments = null;
    },
  };
}
