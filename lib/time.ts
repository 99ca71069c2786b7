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
