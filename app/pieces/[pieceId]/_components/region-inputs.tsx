"use client";
/** Typed-in region: bars (1-based, inclusive), an optional pitch range, and the tracks to write. */
import { useEffect, useState } from "react";
import type { Track } from "@/lib/doc-schema";
import { rangeFromBars, type AiRegion } from "./ai-region";
import { WholeNumberInput } from "./whole-number-input";

export interface RegionInputsProps {
  region: AiRegion;
  onChange(region: AiRegion): void;
  tracks: readonly (Track & { id: string })[];
  disabled: boolean;
}

export function RegionInputs({ region, onChange, tracks, disabled }: RegionInputsProps) {
  const [first, setFirst] = useState("");
  const [last, setLast] = useState("");

  // A region dragged on the canvas shows up in the inputs.
  useEffect(() => {
    setFirst(region.range ? String(region.range.startBar + 1) : "");
    setLast(region.range ? String(region.range.endBar) : "");
  }, [region.range]);

  function setBars(f: string, l: string) {
    setFirst(f);
    setLast(l);
    const a = Number.parseInt(f, 10);
    // While typing a start past the end, the end follows (rather than the two swapping).
    const typed = Number.parseInt(l, 10);
    const b = l.trim() === "" || typed < a ? a : typed;
    const range = rangeFromBars(a, b);
    if (range) onChange({ ...region, range });
  }

  const selected = new Set(region.trackIds ?? tracks.map((t) => t.id));
  function toggleTrack(id: string, on: boolean) {
    const next = tracks.map((t) => t.id).filter((t) => (t === id ? on : selected.has(t)));
    onChange({ ...region, trackIds: next.length === tracks.length ? null : next });
  }

  return (
    <fieldset className="stack" disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
      <div className="row">
        <label>
          From bar
          <input type="number" min={1} aria-label="Region start bar" value={first} onChange={(e) => setBars(e.target.value, last)} />
        </label>
        <label>
          to
          <input type="number" min={1} aria-label="Region end bar" value={last} onChange={(e) => setBars(first, e.target.value)} />
        </label>
      </div>
      <div className="row">
        <label>
          Lowest pitch
          <WholeNumberInput min={0} max={127} value={region.pitchLo} onValue={(pitchLo) => onChange({ ...region, pitchLo })} />
        </label>
        <label>
          Highest pitch
          <WholeNumberInput min={0} max={127} value={region.pitchHi} onValue={(pitchHi) => onChange({ ...region, pitchHi })} />
        </label>
      </div>
      <div className="row" role="group" aria-label="Tracks the AI writes">
        {tracks.map((t) => (
          <label key={t.id}>
            <input type="checkbox" checked={selected.has(t.id)} onChange={(e) => toggleTrack(t.id, e.target.checked)} />
            {t.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
