"use client";
/** The integrity check, shown with the report: does replaying the ledger give the notes the document holds? */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_trpc/query-client";

const PROBLEM: Record<string, string> = {
  "missing-from-doc": "in the ledger, not in the document",
  "missing-from-ledger": "in the document, not in the ledger",
  different: "differs in",
};

export function ConsistencySection({ pieceId }: { pieceId: string }) {
  const trpc = useTRPC();
  const check = useQuery(trpc.authorship.consistency.queryOptions({ pieceId }));
  const c = check.data;
  return (
    <section aria-labelledby="integrity-h" className="card stack" data-testid="consistency">
      <h2 id="integrity-h">Integrity</h2>
      {check.error && (
        <p role="alert" className="alert">
          {errorMessage(check.error)}
        </p>
      )}
      {c && (
        <>
          <p className={c.ok ? "ok" : "alert"} role="status">
            {c.ok
              ? `Consistent: replaying ${c.ledgerRows} ledger entries gives exactly the ${c.docNotes} notes in the piece.`
              : `Drift found: ${c.drift.length} note${c.drift.length === 1 ? "" : "s"} differ between the ledger (${c.ledgerNotes} notes) and the piece (${c.docNotes} notes)${c.brokenChain.length ? `; ${c.brokenChain.length} ledger entries do not follow from the ones before them` : ""}.`}
          </p>
          {c.drift.length > 0 && (
            <ul>
              {c.drift.slice(0, 50).map((d) => (
                <li key={d.noteId}>
                  Note {d.noteId}: {PROBLEM[d.problem]} {d.fields.join(", ")}
                </li>
              ))}
            </ul>
          )}
          <p className="status">{c.method} The ledger itself is append-only: the database refuses any change or removal of its rows.</p>
        </>
      )}
    </section>
  );
}
