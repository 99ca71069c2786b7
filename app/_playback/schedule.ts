/**
 * Pure scheduling: what Tone is asked to play, and when. Notes in ticks -> sound events in seconds.
 *
 * Transport time 0 is the start of the count-in (if any); the piece starts at `startAt`. What plays from
 * then on is one "part": events relative to `partTick`, entered `offset` seconds in, and repeated over
 * `loop.seconds` when looping. Tone's Part does exactly this, so the adapter stays a thin shell.
 */
import { INSTRUMENTS, isDrumTrack, trackVolume, type Instrument, type Note, type Track } from "@/lib/doc-schema";
import { secondsPerTick, ticksPerBar, TICKS_PER_BEAT, type Meter } from "@/lib/time";

export interface PlayEvent {
  time: number; // seconds from the part's start (partTick)
  duration: number; // seconds
  pitch: number;
  velocity: number; // 0..1, the note's velocity times its track's volume
  instrument: Instrument;
  track: string;
}

export interface Click {
  time: number; // seconds: transport time for the count-in, part time for the metronome
  accent: boolean; // the first beat of a bar
}

/** Which tracks this listener hears (local mute / solo, see track-mix.ts). */
export interface MixView {
  muted: ReadonlySet<string>;
  soloed: ReadonlySet<string>;
}

export interface LoopRange {
  startTick: number;
  endTick: number; // exclusive
}

export interface PlayOptions {
  loop?: LoopRange | null;
  metronome?: boolean;
  countIn?: boolean;
  mix?: MixView;
}

export interface Schedule {
  bpm: number;
  countIn: Click[]; // transport seconds, all before startAt
  startAt: number; // transport seconds at which the piece starts
  beginTick: number; // the tick heard at startAt
  partTick: number; // the tick at part time 0
  offset: number; // seconds into the part at startAt
  events: PlayEvent[]; // part time, in time order
  clicks: Click[]; // metronome, part time
  loop: { seconds: number } | null;
  /** Seconds of part time after which playback ends (no loop): the end of the last note heard. */
  endSeconds: number;
}

type TrackInfo = Pick<Track, "role" | "instrument" | "volume">;

const audible = (track: string, mix: MixView | undefined): boolean =>
  !mix || (!mix.muted.has(track) && (mix.soloed.size === 0 || mix.soloed.has(track)));

export function instrumentOf(t: TrackInfo | undefined): Instrument {
  if (isDrumTrack(t)) return "drums";
  const named = INSTRUMENTS.find((i) => i === t?.instrument);
  if (named) return named;
  if (t?.role === "bass") return "bass";
  if (t?.role === "melody" || t?.role === "counter") return "lead";
  return "piano"; // chords, and instruments this editor does not know
}

/** One beat of the meter in ticks (an eighth in 6/8, a quarter in 4/4). */
export const beatTicks = (meter: Meter): number => (TICKS_PER_BEAT * 4) / meter.beatUnit;

export function buildSchedule(
  notes: readonly Note[],
  tracks: ReadonlyMap<string, TrackInfo>,
  meter: Meter & { bpm: number },
  fromTick: number,
  options: PlayOptions = {},
): Schedule {
  const spt = secondsPerTick(meter.bpm);
  const loop = validLoop(options.loop);
  const beginTick = loop && (fromTick < loop.startTick || fromTick >= loop.endTick) ? loop.startTick : fromTick;
  const partTick = loop ? loop.startTick : beginTick;
  const partEnd = loop ? loop.endTick : Infinity;
  const beat = beatTicks(meter);

  const countIn: Click[] = [];
  if (options.countIn) for (let b = 0; b < meter.beatsPerBar; b++) countIn.push({ time: b * beat * spt, accent: b === 0 });
  const startAt = options.countIn ? meter.beatsPerBar * beat * spt : 0;

  const events: PlayEvent[] = [];
  let lastNoteEnd = beginTick;
  for (const n of notes) {
    // Looping, a note is heard on each pass when it starts inside the loop; otherwise from the play position on.
    if (n.start < partTick || n.start >= partEnd || !audible(n.track, options.mix)) continue;
    const t = tracks.get(n.track);
    const end = Math.min(n.start + n.duration, partEnd);
    lastNoteEnd = Math.max(lastNoteEnd, end);
    events.push({
      time: (n.start - partTick) * spt,
      duration: (end - n.start) * spt,
      pitch: n.pitch,
      velocity: (n.velocity / 127) * trackVolume(t),
      instrument: instrumentOf(t),
      track: n.track,
    });
  }
  events.sort((a, b) => a.time - b.time || a.pitch - b.pitch);

  // With the metronome on, at least one bar of clicks, so there is something to hear in an empty piece.
  const endTick = loop ? loop.endTick : options.metronome ? Math.max(lastNoteEnd, beginTick + ticksPerBar(meter)) : lastNoteEnd;
  const clicks: Click[] = [];
  if (options.metronome) {
    const bar = ticksPerBar(meter);
    for (let tick = Math.ceil(partTick / beat) * beat; tick < endTick; tick += beat) {
      clicks.push({ time: (tick - partTick) * spt, accent: tick % bar === 0 });
    }
  }

  return {
    bpm: meter.bpm,
    countIn,
    startAt,
    beginTick,
    partTick,
    offset: (beginTick - partTick) * spt,
    events,
    clicks,
    loop: loop && { seconds: (loop.endTick - loop.startTick) * spt },
    endSeconds: (endTick - partTick) * spt,
  };
}

const validLoop = (loop: LoopRange | null | undefined): LoopRange | null =>
  loop && loop.endTick > loop.startTick && loop.startTick >= 0 ? loop : null;

/** The tick heard at a transport time (the playhead); during the count-in, the tick about to be heard. */
export function tickAt(s: Schedule, transportSeconds: number): number {
  const spt = secondsPerTick(s.bpm);
  if (transportSeconds < s.startAt) return s.beginTick;
  let partSeconds = transportSeconds - s.startAt + s.offset;
  if (s.loop) partSeconds %= s.loop.seconds;
  return s.partTick + partSeconds / spt;
}

export const lastTick = (notes: readonly Note[]): number => notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0);
