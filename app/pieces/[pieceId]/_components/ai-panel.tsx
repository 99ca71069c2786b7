"use client";
/**
 * The AI options: which bars, pitches and tracks the AI writes, how (temperature, repetition, how many bars a
 * continuation adds) and its steering, each explained where it is set. The Ask the AI bar over the roll asks about
 * the selected bars; with none selected, the piece can be continued from here.
 */
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import type { Track } from "@/lib/doc-schema";
import type { EditorStore } from "@/app/_components/piano-roll/editor-store";
import { useTRPC } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { aiReadOnlyNote } from "@/app/_components/role-words";
import { SETTINGS, type SettingName } from "./ai-settings";
import { AskActions } from "./ask-actions";
import { barsLabel } from "./ask-plan";
import { RegionInputs } from "./region-inputs";
import { SteeringFields } from "./steering-fields";
import { StyleChoice } from "./style-choice";
import type { AiRequest } from "./use-ai-request";
import styles from "./ask-ai.module.css";

export interface AiPanelProps {
  pieceId: string;
  tracks: readonly (Track & { id: string })[];
  store: EditorStore;
  readOnly: boolean;
  ai: AiRequest;
}

/** The panel's heading: the Ask the AI bar's "More options" brings it into view. */
export const AI_OPTIONS_ID = "ai-options";

/** A setting's number field, its help below it and its error beside it. */
function SettingField({ ai, name, disabled }: { ai: AiRequest; name: SettingName; disabled: boolean }) {
  const id = useId();
  const s = SETTINGS[name];
  const error = ai.fieldError(name);
  return (
    <div className={styles.field}>
      <label>
        {s.name}
        <input
          type="number"
          min={s.limit.min}
          max={s.limit.max}
          step={"step" in s.limit ? s.limit.step : 1}
          value={ai.fields[name]}
          onChange={(e) => ai.setField(name, e.target.value)}
          disabled={disabled}
          aria-invalid={error !== null}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
        />
      </label>
      <ErrorAlert id={`${id}-error`} error={error} />
      <p id={`${id}-help`} className={styles.help}>
        {s.help}
      </p>
    </div>
  );
}

export function AiPanel({ pieceId, tracks, store, readOnly, ai }: AiPanelProps) {
  const trpc = useTRPC();
  // The piece's role, as the editor page read it (the same query, from the cache): the note below speaks to it.
  const role = useQuery(trpc.piece.get.queryOptions({ pieceId })).data?.role;
  const range = ai.region.range;
  const disabled = readOnly || ai.busy;
  return (
    <section aria-labelledby={AI_OPTIONS_ID} data-testid="ai-options">
      <h2 id={AI_OPTIONS_ID} tabIndex={-1}>
        AI options
      </h2>
      {readOnly && <p className="status">{aiReadOnlyNote(role)}</p>}
      {!readOnly && !range && (
        <>
          <p className={styles.help}>
            Pick the Bars tool (B) and drag across the roll: the Ask the AI bar appears beside the bars, to rewrite, fill or continue them. Or
            continue the whole piece:
          </p>
          <AskActions ai={ai} from="panel" disabled={disabled} />
        </>
      )}
      {!readOnly && range && <p className={styles.help}>The Ask the AI bar over the roll asks about {barsLabel(range.startBar, range.endBar)}, with these options.</p>}
      <RegionInputs region={ai.region} onChange={store.setRegion} tracks={tracks} disabled={readOnly} plan={ai.plan} noTracks={ai.noTracks} />
      <fieldset className={styles.stack} disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
        <SettingField ai={ai} name="temperature" disabled={disabled} />
        <SettingField ai={ai} name="repetition" disabled={disabled} />
        <SettingField ai={ai} name="continueBars" disabled={disabled} />
      </fieldset>
      <SteeringFields value={ai.steering} onChange={ai.setSteering} disabled={disabled}>
        <SettingField ai={ai} name="guidance" disabled={disabled} />
      </SteeringFields>
      {!readOnly && <StyleChoice pieceId={pieceId} value={ai.adaptationId} onChange={ai.setAdaptationId} disabled={disabled} />}
    </section>
  );
}
