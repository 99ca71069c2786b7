/**
 * Plays a Schedule on Tone's transport: count-in clicks, then one Part (looped when the schedule loops)
 * holding the notes and metronome clicks. Tone is imported when the editor preloads the sounds (or on the first
 * play), so nothing touches the AudioContext at import time; audio starts on the first play, a user gesture.
 * This file and instruments.ts are the only ones that use Tone.
 */
import type { Instrument } from "@/lib/doc-schema";
import type { JamVoices } from "@/app/_jam/jam-player";
import type { Instruments } from "./instruments";
import { partChanges, partEntries, sameTimeline, type PartEntry } from "./reschedule";
import { tickAt, type Schedule } from "./schedule";

/** Transport time (seconds) at which playback starts, after `start()`: a little room to schedule the first notes. */
const START_DELAY = 0.1;
/** Let the last notes ring before stopping the transport. */
const TAIL = 0.6;

export interface Player {
  /**
   * Loads Tone and the sampled instruments without starting audio (no user gesture needed), so the first play
   * starts at once; rejects naming what failed. Play and noteOn load them too when this was not called.
   */
  preload(): Promise<void>;
  play(schedule: Schedule, onEnd: () => void): Promise<void>;
  /**
   * Swaps the schedule being played for one on the same timeline (same start, tempo and loop) without a gap:
   * only the notes and clicks that changed leave or join. False when nothing plays or the timeline differs.
   */
  update(schedule: Schedule): boolean;
  stop(): void;
  /** The tick being heard now, or null when stopped. */
  playhead(): number | null;
  /** Live notes (Web MIDI input): loads the instruments if needed. */
  noteOn(instrument: Instrument, pitch: number, velocity: number): Promise<void>;
  noteOff(instrument: Instrument, pitch: number): void;
  /** Sounds at AudioContext times, outside the transport (a live jam: app/_jam/jam-player.ts); loads the instruments if needed. */
  voices(): Promise<JamVoices>;
  dispose(): void;
}

export function createPlayer(): Player {
  let tone: typeof import("tone") | null = null;
  let instruments: Instruments | null = null;
  let current: {
    schedule: Schedule;
    part: import("tone").Part<PartEntry>;
    entries: PartEntry[];
    onEnd: () => void;
    endId: number | null; // the transport event that stops playback after the last note (none when looping)
  } | null = null;

  // The instruments decode their samples on a suspended AudioContext: the browser lets it run after a gesture.
  const loadInstruments = async (patient: boolean) => {
    tone ??= await import("tone");
    const inst = (instruments ??= (await import("./instruments")).createInstruments(tone, { patient }));
    if (!patient) inst.hurry(); // a preload may still be waiting for quiet moments
    try {
      await inst.ready;
    } catch (e) {
      // Sounds that did not load are fetched again on the next Play, not kept broken until a reload.
      if (instruments === inst) instruments = null;
      inst.dispose();
      throw e;
    }
    return { T: tone, inst };
  };
  const load = async () => {
    if (tone) await tone.start(); // already imported (preloaded): start while the click's activation is fresh
    const loaded = await loadInstruments(false);
    await loaded.T.start();
    return loaded;
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

  /** Stops the transport once the last note has rung (not when looping); the transport event's id. */
  const scheduleEnd = (schedule: Schedule, onEnd: () => void): number | null => {
    if (schedule.loop || !tone) return null;
    const transport = tone.getTransport();
    // An end already behind the playhead (a collaborator removed the last notes) ends playback now.
    const at = Math.max(schedule.startAt + schedule.endSeconds - schedule.offset, transport.seconds) + TAIL;
    return transport.scheduleOnce(() => {
      stop();
      onEnd();
    }, at);
  };

  return {
    async preload() {
      await loadInstruments(true);
    },
    async play(schedule, onEnd) {
      const { T, inst } = await load();
      stop();
      const transport = tone!.getTransport();
      transport.position = 0;
      transport.loop = false;
      for (const c of schedule.countIn) transport.schedule((time) => inst.click(c, time), c.time);
      const entries = partEntries(schedule);
      const part = new T.Part<PartEntry>((time, { item }) => {
        if (item.kind === "note") inst.trigger(item.e, time);
        else inst.click(item.c, time);
      }, entries);
      if (schedule.loop) {
        part.loop = true;
        part.loopStart = 0;
        part.loopEnd = schedule.loop.seconds;
      }
      part.start(schedule.startAt, schedule.offset);
      current = { schedule, part, entries, onEnd, endId: scheduleEnd(schedule, onEnd) };
      transport.start(`+${START_DELAY}`);
    },
    update(schedule) {
      if (!tone || !current || !sameTimeline(current.schedule, schedule)) return false;
      const { removed, added, next } = partChanges(current.entries, partEntries(schedule));
      for (const r of removed) current.part.remove(r.time, r);
      for (const a of added) current.part.add(a.time, a);
      if (schedule.endSeconds !== current.schedule.endSeconds && current.endId !== null) {
        tone.getTransport().clear(current.endId);
        current.endId = scheduleEnd(schedule, current.onEnd);
      }
      current.entries = next;
      current.schedule = schedule;
      return true;
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
    async voices() {
      const { T, inst } = await load();
      return {
        now: () => T.immediate(),
        trigger: (e, time) => inst.trigger(e, time),
        hold: (e, time) => inst.noteOn(e.instrument, e.pitch, e.velocity, time),
        release: (e, time) => inst.noteOff(e.instrument, e.pitch, time),
        click: (c, time) => inst.click(c, time),
      };
    },
    dispose() {
      stop();
      instruments?.dispose();
      instruments = null;
    },
  };
}
