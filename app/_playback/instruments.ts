/** The Tone.js voices, one per track role; created on the first play, after a user gesture. */
import type { TrackRole } from "@/lib/doc-schema";
import type { PlayEvent } from "./schedule";

type Tone = typeof import("tone");

export interface Instruments {
  trigger(e: PlayEvent, time: number): void;
  releaseAll(): void;
  dispose(): void;
}

export function createInstruments(T: Tone): Instruments {
  const out = new T.Volume(-6).toDestination();
  const poly = (type: "triangle" | "sine" | "sawtooth" | "square", volume: number, release: number) => {
    const s = new T.PolySynth(T.Synth, { oscillator: { type }, envelope: { attack: 0.01, decay: 0.15, sustain: 0.5, release } });
    s.volume.value = volume;
    return s.connect(out);
  };
  const tonal: Record<Exclude<TrackRole, "drums">, InstanceType<Tone["PolySynth"]>> = {
    melody: poly("triangle", -6, 0.3),
    counter: poly("triangle", -9, 0.3),
    chords: poly("sine", -10, 0.6),
    bass: poly("square", -16, 0.2),
  };
  const kick = new T.MembraneSynth({ pitchDecay: 0.03, octaves: 6 }).connect(out);
  const tom = new T.MembraneSynth({ pitchDecay: 0.05, octaves: 2 }).connect(out);
  const snare = new T.NoiseSynth({ noise: { type: "white" }, envelope: { attack: 0.001, decay: 0.18, sustain: 0 } }).connect(out);
  const hat = new T.NoiseSynth({ noise: { type: "pink" }, envelope: { attack: 0.001, decay: 0.05, sustain: 0 } }).connect(out);
  hat.volume.value = -12;

  const drum = (e: PlayEvent, time: number) => {
    const p = e.pitch;
    // General MIDI drum map, roughly: kicks, toms, snares / claps, everything else metallic.
    if (p <= 36) kick.triggerAttackRelease("C1", 0.2, time, e.velocity);
    else if ([41, 43, 45, 47, 48, 50].includes(p)) tom.triggerAttackRelease(T.Frequency(p - 12, "midi").toFrequency(), 0.2, time, e.velocity);
    else if (p <= 40) snare.triggerAttackRelease(0.15, time, e.velocity);
    else hat.triggerAttackRelease(p === 46 ? 0.25 : 0.05, time, e.velocity);
  };

  return {
    trigger(e, time) {
      try {
        if (e.role === "drums") drum(e, time);
        else tonal[e.role].triggerAttackRelease(T.Frequency(e.pitch, "midi").toFrequency(), Math.max(0.03, e.duration), time, e.velocity);
      } catch {
        // Monophonic drum voices refuse two hits at the same instant; dropping the second is fine.
      }
    },
    releaseAll() {
      Object.values(tonal).forEach((s) => s.releaseAll());
    },
    dispose() {
      [...Object.values(tonal), kick, tom, snare, hat, out].forEach((n) => n.dispose());
    },
  };
}
