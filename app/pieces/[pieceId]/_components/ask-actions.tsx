"use client";
/**
 * The buttons that ask the AI, the number of candidates, and what asking does, in words: in the Ask the AI bar
 * beside the selected bars, or in the AI options panel while none are selected. Progress and errors show here,
 * beside the buttons that asked.
 */
import { useId } from "react";
import { ErrorAlert } from "@/app/_components/error-alert";
import { SETTINGS } from "./ai-settings";
import type { AiRequest, Asker } from "./use-ai-request";
import styles from "./ask-ai.module.css";

export interface AskActionsProps {
  ai: AiRequest;
  from: Asker;
  disabled: boolean;
}

export function AskActions({ ai, from, disabled }: AskActionsProps) {
  const id = useId();
  const { plan } = ai;
  const candidatesError = ai.fieldError("candidates");
  const continueLabel = ai.pieceEnd === 0 ? `Write ${ai.fields.continueBars || "?"} bars` : `Continue after bar ${ai.pieceEnd}`;
  const continueExplain =
    ai.pieceEnd === 0
      ? "The piece is empty: the AI writes its first bars (how many: Bars to continue, in AI options)."
      : `The AI adds bars after the piece's end, bar ${ai.pieceEnd} (how many: Bars to continue, in AI options).`;
  // With bars selected, their action comes first; continuing the piece is offered beside it unless it is that action.
  const primary = from === "bar" && plan?.mode ? plan : null;
  const showContinue = from === "panel" || plan?.mode !== "continue";
  const explain = primary ? primary.explain : continueExplain;
  const busy = ai.busy && ai.asker === from;

  return (
    <div className={styles.stack}>
      <div className={styles.actions}>
        {primary && (
          <button type="button" className="primary" onClick={() => ai.ask("plan", from)} disabled={disabled || ai.busy} aria-describedby={`${id}-explain`}>
            {primary.label}
          </button>
        )}
        {from === "bar" && plan?.mode === null && <ErrorAlert error={plan.error} />}
        {showContinue && (
          <button
            type="button"
            className={primary ? undefined : "primary"}
            onClick={() => ai.ask("continue", from)}
            disabled={disabled || ai.busy}
            title={continueExplain}
            aria-describedby={primary ? undefined : `${id}-explain`}
          >
            {continueLabel}
          </button>
        )}
        <label>
          Candidates
          <input
            type="number"
            className={styles.candidates}
            min={SETTINGS.candidates.limit.min}
            max={SETTINGS.candidates.limit.max}
            value={ai.fields.candidates}
            onChange={(e) => ai.setField("candidates", e.target.value)}
            disabled={disabled || ai.busy}
            aria-invalid={candidatesError !== null}
            aria-describedby={`${id}-candidates-help${candidatesError ? ` ${id}-candidates-error` : ""}`}
          />
        </label>
      </div>
      <ErrorAlert id={`${id}-candidates-error`} error={candidatesError} />
      <p className={styles.help}>
        <span id={`${id}-explain`}>{explain}</span> <span id={`${id}-candidates-help`}>Candidates: {SETTINGS.candidates.help}</span>
      </p>
      {busy && (
        <div role="status" className={styles.stack}>
          <progress aria-label="Generating" />
          <span className={styles.help}>Generating… AI suggestions shows your place in line, then the candidates as ghost notes while the model writes.</span>
        </div>
      )}
      {ai.asker === from && <ErrorAlert error={ai.error} />}
    </div>
  );
}
