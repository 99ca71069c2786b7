"use client";
/** The Jam panel before a jam: how it goes (mode, loop, tempo, who plays which tracks, the grid, steering), then Start. */
import { useId, useState } from "react";
import type { Track } from "@/lib/doc-schema";
import { JAM_GRIDS, JAM_LIMITS, JAM_MODES, type JamSettings } from "@/lib/jam/settings";
import { ErrorAlert } from "@/app/_components/error-alert";
import { BarRangeInputs } from "./bar-range-inputs";
import { defaultJamForm, GRID_NAMES, jamSettingsOf, MODE_NAMES, modelTracksFor, type JamForm, type JamGrid } from "./jam-form";
import { SteeringFields } from "./steering-fields";
import { TrackOptions } from "./track-options";
import { WholeNumberInput } from "./whole-number-input";
import styles from "./jam.module.css";

/** Where the form starts: the piece's tempo, the selected track and bars (jam-form.ts defaultJamForm). */
export type JamDefaults = Omit<Parameters<typeof defaultJamForm>[0], "tracks">;

export interface JamSetupProps {
  defaults: JamDefaults;
  tracks: readonly (Track & { id: string })[];
  /** The piece's tonic, for a mood's key (asked on Start: it reads every note). */
  tonicOf(): number;
  busy: boolean;
  onStart(settings: JamSettings): void;
}

const MODE_HELP = {
  "call-and-response": "You play a call, the model answers it in the next bars, over and over.",
  accompaniment: "The model plays its tracks along with you, each bar written from what you just played.",
} as const;

export function JamSetup({ defaults, tracks, tonicOf, busy, onStart }: JamSetupProps) {
  const id = useId();
  const [form, setForm] = useState(() => defaultJamForm({ ...defaults, tracks }));
  const set = (patch: Partial<JamForm>) => setForm((f) => ({ ...f, ...patch }));
  const { settings, error } = jamSettingsOf(form, 0); // the tonic never makes settings wrong
  const others = tracks.filter((t) => t.id !== form.playerTrack);
  const toggleModel = (track: string, on: boolean) => set({ modelTracks: on ? tracks.filter((t) => t.id === track || form.modelTracks.includes(t.id)).map((t) => t.id) : form.modelTracks.filter((t) => t !== track) });

  return (
    <form
      className={styles.setup}
      onSubmit={(e) => {
        e.preventDefault();
        const ready = jamSettingsOf(form, tonicOf()).settings;
        if (ready) onStart(ready);
      }}
    >
      <fieldset className={styles.choices}>
        <legend>Mode</legend>
        {JAM_MODES.map((mode) => (
          <label key={mode}>
            <input type="radio" name={`${id}-mode`} checked={form.mode === mode} onChange={() => set({ mode, modelTracks: modelTracksFor(mode, tracks, form.playerTrack) })} />
            {MODE_NAMES[mode]}
          </label>
        ))}
        <p className={styles.help}>{MODE_HELP[form.mode]}</p>
      </fieldset>
      <div className={styles.row}>
        <BarRangeInputs lead="Loop bars" from={form.fromBar} to={form.toBar} onFrom={(fromBar) => set({ fromBar })} onTo={(toBar) => set({ toBar })} fromLabel="Loop from bar" toLabel="Loop to bar" />
      </div>
      <div className={styles.row}>
        <label>
          Tempo <WholeNumberInput value={form.bpm} min={JAM_LIMITS.bpm.min} max={JAM_LIMITS.bpm.max} onValue={(bpm) => set({ bpm })} aria-label="Tempo (bpm)" className={styles.number} /> bpm
        </label>
        {form.mode === "call-and-response" && (
          <label>
            Calls of{" "}
            <WholeNumberInput value={form.callBars} min={JAM_LIMITS.callBars.min} max={JAM_LIMITS.callBars.max} onValue={(callBars) => set({ callBars })} aria-label="Call length (bars)" className={styles.number} />{" "}
            bars
          </label>
        )}
      </div>
      <label>
        You play
        <select value={form.playerTrack} onChange={(e) => set({ playerTrack: e.target.value, modelTracks: form.modelTracks.filter((t) => t !== e.target.value) })}>
          <TrackOptions tracks={tracks} />
        </select>
      </label>
      <fieldset className={styles.choices}>
        <legend>The model plays</legend>
        {others.map((t) => (
          <label key={t.id}>
            <input type="checkbox" checked={form.modelTracks.includes(t.id)} onChange={(e) => toggleModel(t.id, e.target.checked)} />
            {t.name}
          </label>
        ))}
      </fieldset>
      <label>
        Record on
        <select value={form.grid} onChange={(e) => set({ grid: Number(e.target.value) as JamGrid })} aria-describedby={`${id}-grid`}>
          {JAM_GRIDS.map((g) => (
            <option key={g} value={g}>
              {GRID_NAMES[g]}
            </option>
          ))}
        </select>
      </label>
      <p id={`${id}-grid`} className={styles.help}>
        What you play is kept on this grid (the sound you hear is as you played it).
      </p>
      <SteeringFields value={form.steering} onChange={(steering) => set({ steering })} disabled={busy} />
      <ErrorAlert error={error} />
      <button type="submit" className="primary" disabled={busy || settings === null}>
        {busy ? "Starting…" : "Start jam"}
      </button>
      <p className={styles.help}>A bar of count-in, then play: with Typing (M), a MIDI keyboard (the MIDI menu) or the keys that appear here.</p>
    </form>
  );
}
