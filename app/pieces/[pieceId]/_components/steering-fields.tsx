"use client";
/** The AI panel's steering: a mood, or each control by hand (density, polyphony, energy, register, activity), a style and a key; "auto" leaves one to the model. */
import { CONTROL_LABELS, MOOD_NAMES, PITCH_NAMES, STYLES, TRACK_CONTROLS, type GenerationControls, type Mood } from "@/lib/controls";

export interface Steering {
  mood?: Mood;
  controls: GenerationControls;
}

const TITLES: Record<(typeof TRACK_CONTROLS)[number], string> = {
  density: "Density",
  polyphony: "Polyphony",
  energy: "Energy",
  register: "Register",
  activity: "Rhythm",
};

const KEYS = PITCH_NAMES.flatMap((name, tonic) => (["major", "minor"] as const).map((mode) => ({ value: `${tonic}:${mode}`, label: `${name} ${mode}` })));

/** A labelled select whose first choice, "auto", is the empty value. */
function AutoSelect(p: { label: string; value: string; options: readonly { value: string; label: string }[]; onChange(value: string): void }) {
  return (
    <label>
      {p.label}
      <select value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        <option value="">auto</option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const named = (names: readonly string[]) => names.map((n) => ({ value: n, label: n }));

export function SteeringFields(p: { value: Steering; onChange(value: Steering): void; disabled: boolean }) {
  const set = (controls: GenerationControls) => p.onChange({ ...p.value, controls });
  const { controls } = p.value;
  const key = controls.key ? `${controls.key.tonic}:${controls.key.mode}` : "";
  return (
    <details className="stack" style={{ gap: 4 }}>
      <summary>Steering{p.value.mood ? `: ${p.value.mood}` : ""}</summary>
      <fieldset className="row" disabled={p.disabled} style={{ border: 0, padding: 0, margin: 0, flexWrap: "wrap" }}>
        <AutoSelect label="Mood" value={p.value.mood ?? ""} options={named(MOOD_NAMES)} onChange={(v) => p.onChange({ ...p.value, mood: (v || undefined) as Mood | undefined })} />
        {TRACK_CONTROLS.map((name) => (
          <AutoSelect
            key={name}
            label={TITLES[name]}
            value={String(controls[name] ?? "")}
            options={CONTROL_LABELS[name].map((label, i) => ({ value: String(i), label }))}
            onChange={(v) => set({ ...controls, [name]: v === "" ? undefined : Number(v) })}
          />
        ))}
        <AutoSelect label="Style" value={controls.style ?? ""} options={named(STYLES)} onChange={(v) => set({ ...controls, style: (v || undefined) as GenerationControls["style"] })} />
        <AutoSelect
          label="Key"
          value={key}
          options={KEYS}
          onChange={(v) => {
            const [tonic, mode] = v.split(":");
            set({ ...controls, key: v === "" ? undefined : { tonic: Number(tonic), mode: mode as "major" | "minor" } });
          }}
        />
      </fieldset>
      <p className="status">A mood sets several of these at once; a control you choose wins over the mood. Models trained with controls follow all of them; others follow energy only.</p>
    </details>
  );
}
