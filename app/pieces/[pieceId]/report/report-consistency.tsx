"use client";
/** The integrity check, shown with the report: does replaying the ledger give the notes the document holds? */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import { countOf, plural } from "@/lib/plural";

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
      <ErrorAlert error={check.error} />
      {c && (
        <>
          <p className={c.ok ? "ok" : "alert"} role="status">
            {c.ok
              ? `Consistent: replaying ${countOf(c.ledgerRows, "ledger entry", "ledger entries")} gives exactly the ${countOf(c.docNotes, "note")} in the piece.`
              : `Drift found: ${countOf(c.drift.length, "note")} ${plural(c.drift.length, "differs", "differ")} between the ledger (${countOf(c.ledgerNotes, "note")}) and the piece (${countOf(c.docNotes, "note")})${c.brokenChain.length ? `; ${countOf(c.brokenChain.length, "ledger entry", "ledger entries")} ${plural(c.brokenChain.length, "does", "do")} not follow from the ones before them` : ""}.`}
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
