"use client";
/**
 * The model's candidates, from the doc's generations map, so every collaborator sees the same ghosts.
 * One generation is shown at a time (the newest unless another is picked), one candidate of it.
 */
import { useMutation } from "@tanstack/react-query";
import type { GenerationView } from "@/lib/doc-schema";
import { useTRPC, type RouterOutputs } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { generationState, placeInLine } from "./queue-place";
import { plural } from "@/lib/plural";

export interface CandidatePanelProps {
  pieceId: string;
  generations: readonly GenerationView[]; // oldest first
  active: GenerationView | null;
  candidateIndex: number;
  onShow(generationId: string, candidateIndex: number): void;
  ghostCount: number;
  canAct: boolean;
  auditioning: boolean;
  onAudition(): void;
  onStopAudition(): void;
  /** The accept wrote these notes and replaced those: the accepter's undo history gets one step for it. */
  onAccepted?(result: RouterOutputs["generation"]["accept"]): void;
  /** Whether to go ahead: asked when the accept would replace other people's notes (use-change-guard.ts). */
  confirmAccept?(g: GenerationView, candidateIndex: number): Promise<boolean>;
}

export function CandidatePanel(p: CandidatePanelProps) {
  const trpc = useTRPC();
  const accept = useMutation(trpc.generation.accept.mutationOptions());
  const discard = useMutation(trpc.generation.discard.mutationOptions());
  const g = p.active;
  const ready = g?.status === "ready";
  const candidateCount = g?.candidates.length ?? 0;
  const busy = accept.isPending || discard.isPending;
  const error = accept.error ?? discard.error;

  return (
    <section data-testid="candidate-panel" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">AI suggestions</h2>
      {p.generations.length > 1 && (
        <label>
          Request
          <select value={g?.id ?? ""} onChange={(e) => p.onShow(e.target.value, 0)}>
            {p.generations.map((x, i) => (
              <option key={x.id} value={x.id}>
                #{i + 1} {x.mode} by {x.requestedByName} ({generationState(x)})
              </option>
            ))}
          </select>
        </label>
      )}
      {!g && <p className="status">No candidates yet. Select a region and ask for an Infill or a Continue.</p>}
      {g && (
        <>
          <p>
            Requested by <strong>{g.requestedByName}</strong>
            <span className="status">
              {" "}
              · {g.mode} bars {g.region.startBar + 1}–{g.region.endBar} · {generationState(g)}
              {g.worker && ` · written on ${g.worker}`}
            </span>
          </p>
          {g.status === "running" && (
            <p role="status" className="status" data-testid="generation-progress">
              {g.queuePosition === undefined
                ? "The model is writing…"
                : `Waiting for the model: ${placeInLine(g.queuePosition)}. It serves everyone's requests in turn.`}
            </p>
          )}
          {g.status === "failed" && <ErrorAlert error={g.error ?? "The model failed."} />}
          {candidateCount > 0 && (
            <div className="tabs" role="tablist" aria-label="Which suggestion to show">
              {g.candidates.map((c, i) => (
                <button
                  key={i}
                  type="button"
                  role="tab"
                  aria-selected={i === p.candidateIndex}
                  onClick={() => p.onShow(g.id, i)}
                >
                  {`Candidate ${i + 1}`} <span className="status">({c.length})</span>
                </button>
              ))}
            </div>
          )}
        </>
      )}
      <p className="status">
        <span data-testid="ghost-count">{p.ghostCount}</span> {plural(p.ghostCount, "ghost note")} shown
      </p>
      {g && (
        <div className="row">
          <button type="button" onClick={p.auditioning ? p.onStopAudition : p.onAudition} disabled={!ready || candidateCount === 0}>
            {p.auditioning ? "Stop audition" : "Audition"}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!p.canAct || !ready || candidateCount === 0 || busy}
            onClick={async () => {
              if (p.confirmAccept && !(await p.confirmAccept(g, p.candidateIndex))) return;
              accept.mutate({ pieceId: p.pieceId, generationId: g.id, candidateIndex: p.candidateIndex }, { onSuccess: (r) => p.onAccepted?.(r) });
            }}
          >
            Accept
          </button>
          <button
            type="button"
            disabled={!p.canAct || busy}
            onClick={() => discard.mutate({ pieceId: p.pieceId, generationId: g.id })}
          >
            Discard
          </button>
        </div>
      )}
      {!p.canAct && g && <p className="status">Only editors can accept or discard.</p>}
      <ErrorAlert error={error} />
    </section>
  );
}
