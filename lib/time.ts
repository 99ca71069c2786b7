/** Document time: ticks at 480 a quarter-note beat, like most MIDI files. */
export const TICKS_PER_BEAT = 480;

export interface Meter {
  beatsPerBar: number;
  beatUnit: number;
}

export const ticksPerBar = (meter: Meter): number => (TICKS_PER_BEAT * 4 * meter.beatsPerBar) / meter.beatUnit;

export const barOfTick = (tick: number, meter: Meter): number => Math.floor(tick / ticksPerBar(meter));

export const tickOfBar = (bar: number, meter: Meter): number => bar * ticksPerBar(meter);

export const secondsPerTick = (bpm: number): number => 60 / bpm / TICKS_PER_BEAT;

/** Where a tick falls, as people count: bar and beat from 1 (a beat being the meter's beat unit), and the ticks after the beat. */
export function barBeatOf(tick: number, meter: Meter): { bar: number; beat: number; after: number } {
  const tpb = ticksPerBar(meter);
  const beatTicks = tpb / meter.beatsPerBar;
  const inBar = tick - Math.floor(tick / tpb) * tpb;
  return { bar: Math.floor(tick / tpb) + 1, beat: Math.floor(inBar / beatTicks) + 1, after: inBar % beatTicks };
}
