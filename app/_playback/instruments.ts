/**
 * The Tone.js voices: a sampled piano and drum kit (served by this app from public/samples), synths for
 * bass, pad and lead, and a metronome click. Created on the first play, after a user gesture.
 */
import { quietMoment } from "@/app/_components/after-paint";
import type { Instrument } from "@/lib/doc-schema";
import { DRUM_SAMPLES, drumHit, pianoSampleUrls } from "./drum-kit";
import type { Click, PlayEvent } from "./schedule";

type Tone = typeof import("tone");

export const SAMPLES_BASE = "/samples";

export interface Instruments {
  /** Resolves when every sample has loaded; rejects naming what failed. */
  ready: Promise<void>;
  /** Builds what is left without waiting for quiet moments (someone pressed Play). */
  hurry(): void;
  trigger(e: Pick<PlayEvent, "pitch" | "velocity" | "duration" | "instrument">, time: number): void;
  /** Live input (Web MIDI), or a jam's held note: a note from `time` (default now) until noteOff. */
  noteOn(instrument: Instrument, pitch: number, velocity: number, time?: number): void;
  noteOff(instrument: Instrument, pitch: number, time?: number): void;
  click(c: Click, time: number): void;
  releaseAll(): void;
  dispose(): void;
}

/** What `ready` rejects with: which sounds did not load (use-player.ts says it to the person). */
export const SOUND_LOAD_ERROR = "SoundLoadError";
const soundLoadError = (what: string) => Object.assign(new Error(what), { name: SOUND_LOAD_ERROR });

type SynthOptions = ConstructorParameters<Tone["Synth"]>[0];

/** The synth voices: instrument, options, volume (dB). */
const SYNTHS: readonly [Exclude<Instrument, "drums" | "piano">, SynthOptions, number][] = [
  ["bass", { oscillator: { type: "fmsquare", modulationType: "sine" }, envelope: { attack: 0.005, decay: 0.2, sustain: 0.6, release: 0.15 } }, -14],
  ["pad", { oscillator: { type: "fatsawtooth", count: 3, spread: 20 }, envelope: { attack: 0.35, decay: 0.3, sustain: 0.8, release: 1.2 } }, -22],
  ["lead", { oscillator: { type: "fattriangle", count: 2, spread: 10 }, envelope: { attack: 0.01, decay: 0.1, sustain: 0.7, release: 0.25 } }, -10],
];

/**
 * `patient`: a preload, which builds each synth in a quiet idle moment (after-paint.ts), so a gesture keeps its frames;
 * else each synth takes the next task.
 */
export function createInstruments(T: Tone, { patient = false }: { patient?: boolean } = {}): Instruments {
  const out = new T.Volume(-4).toDestination();
  const voice = (options: ConstructorParameters<typeof T.Synth>[0], volume: number) => {
    const s = new T.PolySynth(T.Synth, options);
    s.volume.value = volume;
    return s.connect(out);
  };
  let loadError: Error | null = null;
  const failed = (what: string) => (err: unknown) => {
    loadError ??= soundLoadError(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  };
  const piano = new T.Sampler({ urls: pianoSampleUrls(), baseUrl: `${SAMPLES_BASE}/piano/`, release: 1, onerror: failed("piano") }).connect(out);
  // The synths come in `ready`, one a task: each works out its oscillators' waves, tens of milliseconds that in one go
  // held the page for a third of a second as the piece opened.
  const tonal: Partial<Record<Exclude<Instrument, "drums">, InstanceType<Tone["Sampler"]> | ReturnType<typeof voice>>> = { piano };
  const drumBus = new T.Volume(-2).connect(out);
  const drums = new T.ToneAudioBuffers({
    urls: Object.fromEntries(DRUM_SAMPLES.map((s) => [s, `${s}.flac`])),
    baseUrl: `${SAMPLES_BASE}/drums/`,
  });
  const metronome = new T.Synth({ oscillator: { type: "square" }, envelope: { attack: 0.001, decay: 0.04, sustain: 0, release: 0.02 } }).connect(out);
  metronome.volume.value = -12;

  const hitDrum = (pitch: number, velocity: number, time: number) => {
    const hit = drumHit(pitch, velocity);
    const buffer = drums.get(hit.sample);
    if (!buffer?.loaded) return;
    const source = new T.ToneBufferSource({ url: buffer, playbackRate: 2 ** (hit.detune / 12) }).connect(drumBus);
    source.onended = () => source.dispose();
    source.start(time, 0, undefined, hit.gain * velocity);
  };

  let disposed = false;
  let hurry = () => {};
  const hurried = new Promise<void>((r) => (hurry = r));
  if (!patient) hurry();
  const ready = (async () => {
    for (const [name, options, volume] of SYNTHS) {
      await quietMoment(hurried);
      if (disposed) return;
      tonal[name] = voice(options, volume);
    }
    await T.loaded().catch(failed("instruments"));
    if (loadError) throw loadError;
    const missing = DRUM_SAMPLES.filter((s) => !drums.get(s)?.loaded);
    if (missing.length > 0) throw soundLoadError(`drums: ${missing.join(", ")}`);
  })();

  return {
    ready,
    hurry,
    trigger(e, time) {
      if (e.instrument === "drums") return hitDrum(e.pitch, e.velocity, time);
      const note = T.Frequency(e.pitch, "midi").toFrequency();
      tonal[e.instrument]?.triggerAttackRelease(note, Math.max(0.03, e.duration), time, e.velocity);
    },
    noteOn(instrument, pitch, velocity, time = T.immediate()) {
      if (instrument === "drums") return hitDrum(pitch, velocity, time);
      tonal[instrument]?.triggerAttack(T.Frequency(pitch, "midi").toFrequency(), time, velocity);
    },
    noteOff(instrument, pitch, time = T.immediate()) {
      if (instrument !== "drums") tonal[instrument]?.triggerRelease(T.Frequency(pitch, "midi").toFrequency(), time);
    },
    click(c, time) {
      metronome.triggerAttackRelease(c.accent ? "C6" : "G5", 0.03, time, c.accent ? 1 : 0.6);
    },
    releaseAll() {
      Object.values(tonal).forEach((s) => s.releaseAll());
    },
    dispose() {
      disposed = true;
      [...Object.values(tonal), metronome, drumBus, out].forEach((n) => n.dispose());
      drums.dispose();
    },
  };
}
