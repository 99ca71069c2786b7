"use client";
/**
 * Asking the AI, shared by the Ask the AI bar over the roll and the AI options panel: the settings as typed (each
 * read where it is set, ai-settings.ts), the steering, what the selected bars call for (ask-plan.ts), the request
 * and its error, shown beside whichever of the two asked.
 */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { NoteWithId, Track } from "@/lib/doc-schema";
import type { Meter } from "@/lib/time";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { useEditor } from "@/app/_components/piano-roll/use-editor";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";
import { readSetting, SETTINGS, type SettingName } from "./ai-settings";
import { requestRegion } from "./ai-region";
import { musicBars, primaryAsk, type AskPlan } from "./ask-plan";
import type { Steering } from "./steering-fields";

export interface AiRequestOptions {
  pieceId: string;
  tracks: readonly (Track & { id: string })[];
  notes: readonly NoteWithId[];
  lastTick: number;
  meter: Meter;
  store: EditorStore;
  onRequested(generationId: string): void;
}

/** Where a request was asked from: its progress and error show there. */
export type Asker = "bar" | "panel";

const NAMES = Object.keys(SETTINGS) as SettingName[];
const DEFAULTS = Object.fromEntries(NAMES.map((n) => [n, String(SETTINGS[n].limit.default)])) as Record<SettingName, string>;

export function useAiRequest(o: AiRequestOptions) {
  const trpc = useTRPC();
  const region = useEditor(o.store, (s) => s.region);
  const request = useMutation(trpc.generation.request.mutationOptions({ onSuccess: (r) => o.onRequested(r.generationId) }));
  const [fields, setFields] = useState(DEFAULTS);
  const [steering, setSteering] = useState<Steering>({ controls: {} });
  const [adaptationId, setAdaptationId] = useState<string | null>(null); // a learned style ("our style"), or the model's own
  const [asker, setAsker] = useState<Asker>("bar");
  const [localError, setLocalError] = useState<string | null>(null);

  const read = Object.fromEntries(NAMES.map((n) => [n, readSetting(fields[n], SETTINGS[n])])) as Record<SettingName, ReturnType<typeof readSetting>>;
  const fieldError = (n: SettingName): string | null => {
    const r = read[n];
    return "error" in r ? r.error : null;
  };
  const trackIds = region.trackIds ?? o.tracks.map((t) => t.id);
  const noTracks = trackIds.length === 0 ? "The AI writes no track: tick at least one of “Tracks the AI writes”." : null;
  const plan: AskPlan | null = region.range
    ? primaryAsk({ range: region.range, pitchLo: Math.min(region.pitchLo, region.pitchHi), pitchHi: Math.max(region.pitchLo, region.pitchHi), trackIds }, o.notes, o.lastTick, o.meter)
    : null;
  const pieceEnd = musicBars(o.lastTick, o.meter);

  /** Asks for `plan` (the selected bars' action), or to continue the piece by "Bars to continue" after its end. */
  function ask(what: "plan" | "continue", from: Asker) {
    setAsker(from);
    setLocalError(null);
    request.reset();
    const bad = NAMES.map(fieldError).find((e) => e !== null);
    if (bad) return setLocalError(`Fix this setting first: ${bad}`);
    if (noTracks) return setLocalError(noTracks);
    if (what === "plan" && plan?.mode === null) return setLocalError(plan.error);
    const mode = what === "plan" && plan ? plan.mode! : "continue";
    const bars = what === "plan" && plan?.mode === "continue" ? plan.bars : (read.continueBars as { value: number }).value;
    const r = requestRegion(mode, region, trackIds, o.lastTick, o.meter);
    if (!r) return setLocalError("Select bars first: pick the Bars tool (B) and drag across the roll, or type the bars in AI options.");
    request.mutate({
      pieceId: o.pieceId,
      mode,
      region: r,
      candidates: (read.candidates as { value: number }).value,
      temperature: (read.temperature as { value: number }).value,
      repetition: (read.repetition as { value: number }).value,
      guidance: (read.guidance as { value: number }).value,
      controls: steering.controls,
      mood: steering.mood,
      ...(adaptationId ? { adaptationId } : {}),
      ...(mode === "continue" ? { bars } : {}),
    });
  }

  const error = localError ?? (request.error ? errorMessage(request.error) : null);
  return {
    region,
    plan,
    pieceEnd,
    fields,
    setField(n: SettingName, text: string) {
      setFields((f) => ({ ...f, [n]: text }));
      setLocalError(null); // what it said to fix may be fixed now; the field says what is still wrong
    },
    fieldError,
    noTracks,
    steering,
    setSteering,
    adaptationId,
    setAdaptationId,
    ask,
    busy: request.isPending,
    asker,
    error,
  };
}

export type AiRequest = ReturnType<typeof useAiRequest>;
