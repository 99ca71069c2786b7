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

export function SteeringFields(p: { value: Steering; onChange(value: Steering): void; disabled: boolean }) {
  const set = (controls: GenerationControls) => p.onChange({ ...p.value, controls });
  const { controls } = p.value;
  return (
    <details className="stack" style={{ gap: 4 }}>
      <summary>Steering{p.value.mood ? `: ${p.value.mood}` : ""}</summary>
      <fieldset className="row" disabled={p.disabled} style={{ border: 0, padding: 0, margin: 0, flexWrap: "wrap" }}>
        <label>
          Mood
          <select value={p.value.mood ?? ""} onChange={(e) => p.onChange({ ...p.value, mood: (e.target.value || undefined) as Mood | undefined })}>
            <option value="">auto</option>
            {MOOD_NAMES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {TRACK_CONTROLS.map((name) => (
          <label key={name}>
            {TITLES[name]}
            <select
              value={controls[name] ?? ""}
              onChange={(e) => set({ ...controls, [name]: e.target.value === "" ? undefined : Number(e.target.value) })}
            >
              <option value="">auto</option>
              {CONTROL_LABELS[name].map((label, i) => (
                <option key={label} value={i}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label>
          Style
          <select value={controls.style ?? ""} onChange={(e) => set({ ...controls, style: (e.target.value || undefined) as GenerationControls["style"] })}>
            <option value="">auto</option>
            {STYLES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Key
          <select
            value={controls.key ? `${controls.key.tonic}:${controls.key.mode}` : ""}
            onChange={(e) => {
              const [tonic, mode] = e.target.value.split(":");
              set({ ...controls, key: e.target.value === "" ? undefined : { tonic: Number(tonic), mode: mode as "major" | "minor" } });
            }}
          >
            <option value="">auto</option>
            {KEYS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <p className="status">A mood sets several of these at once; a control you choose wins over the mood. Models trained with controls follow all of them; others follow energy only.</p>
    </details>
  );
}
