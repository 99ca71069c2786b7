"use client";
/**
 * The AI options' steering: a mood, or each control by hand (density, polyphony, energy, register, rhythm), a style
 * and a key; "auto" leaves one to the model. Each says what it does where it is set.
 */
import { useId, type ReactNode } from "react";
import { CONTROL_LABELS, MOOD_NAMES, PITCH_NAMES, STYLES, TRACK_CONTROLS, type GenerationControls, type Mood } from "@/lib/controls";
import styles from "./ask-ai.module.css";

export interface Steering {
  mood?: Mood;
  controls: GenerationControls;
}

const NEEDS_CONTROLS = "Needs a model trained with controls.";

const FIELDS: Record<(typeof TRACK_CONTROLS)[number], { title: string; help: string }> = {
  density: { title: "Density", help: "How many notes a bar each track plays." },
  polyphony: { title: "Polyphony", help: "How many notes sound at once, from a single line to full chords." },
  energy: { title: "Energy", help: "How hard the notes are played (their velocity)." },
  register: { title: "Register", help: "How high or low the notes sit." },
  activity: { title: "Rhythm", help: "How busy the rhythm is: how many of the sixteenths start a note." },
};

const KEYS = PITCH_NAMES.flatMap((name, tonic) => (["major", "minor"] as const).map((mode) => ({ value: `${tonic}:${mode}`, label: `${name} ${mode}` })));

/** A labelled select whose first choice, "auto", is the empty value, with what it does below it. */
function AutoSelect(p: { label: string; help: string; value: string; options: readonly { value: string; label: string }[]; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className={styles.field}>
      <label>
        {p.label}
        <select value={p.value} onChange={(e) => p.onChange(e.target.value)} aria-describedby={id}>
          <option value="">auto</option>
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <p id={id} className={styles.help}>
        {p.help}
      </p>
    </div>
  );
}

const named = (names: readonly string[]) => names.map((n) => ({ value: n, label: n }));

/** `children`: settings of the steering that are not controls (how strongly it is followed), after the controls. */
export function SteeringFields(p: { value: Steering; onChange(value: Steering): void; disabled: boolean; children?: ReactNode }) {
  const set = (controls: GenerationControls) => p.onChange({ ...p.value, controls });
  const { controls } = p.value;
  const key = controls.key ? `${controls.key.tonic}:${controls.key.mode}` : "";
  return (
    <details className={styles.stack}>
      <summary>Steering{p.value.mood ? `: ${p.value.mood}` : ""}</summary>
      <p className={styles.help}>Leave a control on auto and the AI follows the music around the bars.</p>
      <fieldset className={styles.stack} disabled={p.disabled} style={{ border: 0, padding: 0, margin: 0 }}>
        <AutoSelect
          label="Mood"
          help="Sets several of the controls below at once; a control you choose wins over the mood."
          value={p.value.mood ?? ""}
          options={named(MOOD_NAMES)}
          onChange={(v) => p.onChange({ ...p.value, mood: (v || undefined) as Mood | undefined })}
        />
        {TRACK_CONTROLS.map((name) => (
          <AutoSelect
            key={name}
            label={FIELDS[name].title}
            help={FIELDS[name].help}
            value={String(controls[name] ?? "")}
            options={CONTROL_LABELS[name].map((label, i) => ({ value: String(i), label }))}
            onChange={(v) => set({ ...controls, [name]: v === "" ? undefined : Number(v) })}
          />
        ))}
        <AutoSelect
          label="Style"
          help="A genre to lean towards. Any model holds a drum style; for other tracks it needs a model trained with controls."
          value={controls.style ?? ""}
          options={named(STYLES)}
          onChange={(v) => set({ ...controls, style: (v || undefined) as GenerationControls["style"] })}
        />
        <AutoSelect
          label="Key"
          help={`The key the notes keep to. ${NEEDS_CONTROLS}`}
          value={key}
          options={KEYS}
          onChange={(v) => {
            const [tonic, mode] = v.split(":");
            set({ ...controls, key: v === "" ? undefined : { tonic: Number(tonic), mode: mode as "major" | "minor" } });
          }}
        />
        {p.children}
      </fieldset>
    </details>
  );
}
