"use client";
/** Ask the model: pick a region, then Infill it or Continue after it, with a few settings. */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Track } from "@/lib/doc-schema";
import type { Meter } from "@/lib/time";
import type { Tool } from "@/app/_components/piano-roll/gestures/types";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { requestRegion, type AiRegion } from "./ai-region";
import { RegionInputs } from "./region-inputs";
import { SteeringFields, type Steering } from "./steering-fields";

export interface AiPanelProps {
  pieceId: string;
  region: AiRegion;
  onRegion(region: AiRegion): void;
  tracks: readonly (Track & { id: string })[];
  lastTick: number;
  meter: Meter;
  tool: Tool;
  onTool(tool: Tool): void;
  readOnly: boolean;
  onRequested(generationId: string): void;
}

const clamp = (n: number, lo: number, hi: number, fallback: number) => (Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : fallback);

export function AiPanel(p: AiPanelProps) {
  const trpc = useTRPC();
  const request = useMutation(trpc.generation.request.mutationOptions({ onSuccess: (r) => p.onRequested(r.generationId) }));
  const [candidates, setCandidates] = useState("3");
  const [temperature, setTemperature] = useState("1");
  const [repetition, setRepetition] = useState("3");
  const [bars, setBars] = useState("4");
  const [steering, setSteering] = useState<Steering>({ controls: {} });
  const [localError, setLocalError] = useState<string | null>(null);

  function run(mode: "infill" | "continue") {
    setLocalError(null);
    request.reset();
    const region = requestRegion(mode, p.region, p.tracks.map((t) => t.id), p.lastTick, p.meter);
    if (!region) return setLocalError("Select a region first: use Select region and drag across bars, or type the bars.");
    request.mutate({
      pieceId: p.pieceId,
      mode,
      region,
      candidates: clamp(Number.parseInt(candidates, 10), 1, 8, 3),
      temperature: clamp(Number.parseFloat(temperature), 0.1, 2, 1),
      repetition: clamp(Number.parseFloat(repetition), 0, 4, 3),
      controls: steering.controls,
      mood: steering.mood,
      ...(mode === "continue" ? { bars: clamp(Number.parseInt(bars, 10), 1, 16, 4) } : {}),
    });
  }

  const busy = request.isPending;
  const error = localError ?? (request.error ? errorMessage(request.error) : null);
  return (
    <section aria-labelledby="ai-heading">
      <h2 id="ai-heading">Ask the AI</h2>
      {p.readOnly && <p className="status">Viewers can watch the AI's candidates but not ask for them.</p>}
      <div className="row">
        <button
          type="button"
          aria-pressed={p.tool === "region"}
          onClick={() => p.onTool(p.tool === "region" ? "draw" : "region")}
          disabled={p.readOnly}
        >
          Select region
        </button>
        {p.region.range && (
          <button type="button" onClick={() => p.onRegion({ ...p.region, range: null })} disabled={p.readOnly}>
            Clear region
          </button>
        )}
      </div>
      <RegionInputs region={p.region} onChange={p.onRegion} tracks={p.tracks} disabled={p.readOnly} />
      <fieldset className="row" disabled={p.readOnly || busy} style={{ border: 0, padding: 0, margin: 0 }}>
        <label>
          Candidates
          <input type="number" min={1} max={8} value={candidates} onChange={(e) => setCandidates(e.target.value)} />
        </label>
        <label>
          Temperature
          <input type="number" min={0.1} max={2} step={0.1} value={temperature} onChange={(e) => setTemperature(e.target.value)} />
        </label>
        <label title="How closely the AI follows what each track played in earlier bars: 0 ignores it, 3 is the default, 4 follows it most">
          Repetition
          <input type="number" min={0} max={4} step={0.5} value={repetition} onChange={(e) => setRepetition(e.target.value)} />
        </label>
      </fieldset>
      <SteeringFields value={steering} onChange={setSteering} disabled={p.readOnly || busy} />
      <div className="row">
        <button type="button" className="primary" onClick={() => run("infill")} disabled={p.readOnly || busy}>
          Infill
        </button>
        <button type="button" onClick={() => run("continue")} disabled={p.readOnly || busy}>
          Continue
        </button>
        <label>
          Bars to continue
          <input type="number" min={1} max={16} value={bars} onChange={(e) => setBars(e.target.value)} disabled={p.readOnly || busy} />
        </label>
      </div>
      {busy && (
        <div role="status" className="stack" style={{ gap: 4 }}>
          <progress aria-label="Generating" />
          <span className="status">Generating… AI suggestions shows your place in line, if others asked first, then the candidates as ghost notes while the model writes.</span>
        </div>
      )}
      {error && (
        <p role="alert" className="alert">
          {error}
        </p>
      )}
    </section>
  );
}
