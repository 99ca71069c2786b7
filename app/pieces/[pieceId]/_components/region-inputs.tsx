"use client";
/** Typed-in region: bars (1-based, inclusive), the pitch range (on a keyboard, or typed as note names), and the tracks to write. */
import { useEffect, useState } from "react";
import type { Track } from "@/lib/doc-schema";
import type { AiRegion } from "@/app/_components/piano-roll/editor-state";
import { ErrorAlert } from "@/app/_components/error-alert";
import { rangeFromBars } from "./ai-region";
import type { AskPlan } from "./ask-plan";
import { PitchRange } from "./pitch-range";
import styles from "./ask-ai.module.css";

export interface RegionInputsProps {
  region: AiRegion;
  onChange(region: AiRegion): void;
  tracks: readonly (Track & { id: string })[];
  disabled: boolean;
  /** What the selected bars call for: its error (too many bars) shows beside them. */
  plan: AskPlan | null;
  /** Why no track is written, if none is ticked. */
  noTracks: string | null;
}

const BAR_ERROR = "Bars are counted from 1: type a whole number, such as 3.";

export function RegionInputs({ region, onChange, tracks, disabled, plan, noTracks }: RegionInputsProps) {
  const [first, setFirst] = useState("");
  const [last, setLast] = useState("");
  const [barError, setBarError] = useState<string | null>(null);

  // A region dragged on the canvas shows up in the inputs.
  useEffect(() => {
    setFirst(region.range ? String(region.range.startBar + 1) : "");
    setLast(region.range ? String(region.range.endBar) : "");
    setBarError(null);
  }, [region.range]);

  function setBars(f: string, l: string) {
    setFirst(f);
    setLast(l);
    const a = Number(f);
    // While typing a start past the end, the end follows (rather than the two swapping).
    const typed = Number(l);
    const b = l.trim() === "" || typed < a ? a : typed;
    const range = f.trim() === "" ? null : rangeFromBars(a, b);
    setBarError(f.trim() !== "" && !range ? BAR_ERROR : null);
    if (range) onChange({ ...region, range });
  }

  const selected = new Set(region.trackIds ?? tracks.map((t) => t.id));
  function toggleTrack(id: string, on: boolean) {
    const next = tracks.map((t) => t.id).filter((t) => (t === id ? on : selected.has(t)));
    onChange({ ...region, trackIds: next.length === tracks.length ? null : next });
  }
  const rangeError = barError ?? (plan?.mode === null ? plan.error : null);

  return (
    <fieldset className={styles.stack} disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
      <div className={styles.actions} role="group" aria-label="Bars the AI writes">
        <label>
          From bar
          <input
            type="number"
            min={1}
            aria-label="Region start bar"
            value={first}
            onChange={(e) => setBars(e.target.value, last)}
            aria-invalid={rangeError !== null}
            aria-describedby={rangeError ? "region-bars-error" : undefined}
          />
        </label>
        <label>
          to
          <input
            type="number"
            min={1}
            aria-label="Region end bar"
            value={last}
            onChange={(e) => setBars(first, e.target.value)}
            aria-invalid={rangeError !== null}
            aria-describedby={rangeError ? "region-bars-error" : undefined}
          />
        </label>
      </div>
      <ErrorAlert id="region-bars-error" error={rangeError} />
      <PitchRange lo={region.pitchLo} hi={region.pitchHi} onChange={(pitchLo, pitchHi) => onChange({ ...region, pitchLo, pitchHi })} disabled={disabled} />
      <div className={styles.actions} role="group" aria-label="Tracks the AI writes" aria-describedby={noTracks ? "region-tracks-error" : undefined}>
        {tracks.map((t) => (
          <label key={t.id}>
            <input type="checkbox" checked={selected.has(t.id)} onChange={(e) => toggleTrack(t.id, e.target.checked)} />
            {t.name}
          </label>
        ))}
      </div>
      <ErrorAlert id="region-tracks-error" error={noTracks} />
    </fieldset>
  );
}
