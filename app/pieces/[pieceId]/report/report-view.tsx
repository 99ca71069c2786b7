"use client";
/** Loads the piece's report and consistency check and lays them out: charts first, each with its table. */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRequireSession } from "@/app/_auth/use-require-session";
import { useTRPC } from "@/app/_trpc/client";
import { ErrorAlert } from "@/app/_components/error-alert";
import type { ContributionReport } from "@/lib/authorship/report-types";
import { AcceptanceChart, BarStrip, fillOf, HatchDefs, HumanAiChart, HumanAiLegend, ShareChart } from "./report-charts";
import { beats, percent } from "./report-format";
import { ContributorTable, TimelineTable, TotalsTable } from "./report-tables";
import { TimelineChart } from "./report-timeline-chart";
import { ConsistencySection } from "./report-consistency";
import { countOf } from "@/lib/plural";

export function ReportView({ pieceId }: { pieceId: string }) {
  const { user } = useRequireSession();
  const trpc = useTRPC();
  const piece = useQuery({ ...trpc.piece.get.queryOptions({ pieceId }), enabled: !!user });
  const report = useQuery({ ...trpc.authorship.report.queryOptions({ pieceId }), enabled: !!user });
  const error = piece.error ?? report.error;

  return (
    <main className="page report">
      <HatchDefs />
      <header className="row">
        <Link href={`/pieces/${pieceId}`}>← Back to the piece</Link>
        <h1>Contribution report{piece.data ? `: ${piece.data.title}` : ""}</h1>
      </header>
      <ErrorAlert error={error} />
      {!report.data && !error && (
        <p className="status" role="status">
          Counting…
        </p>
      )}
      {report.data && <ReportBody report={report.data} />}
      {report.data && <ConsistencySection pieceId={pieceId} />}
    </main>
  );
}

function ReportBody({ report }: { report: ContributionReport }) {
  const names = new Map(report.contributors.map((c) => [c.key, c.name]));
  const a = report.acceptance.overall;
  return (
    <>
      <section aria-labelledby="share-h" className="card stack">
        <h2 id="share-h">Human and AI share of the piece</h2>
        <HumanAiChart totals={report.totals} />
        <HumanAiLegend />
        <TotalsTable report={report} />
      </section>
      <section aria-labelledby="people-h" className="card stack">
        <h2 id="people-h">Per person and per model</h2>
        <ShareChart contributors={report.contributors} />
        <ContributorTable report={report} />
      </section>
      <section aria-labelledby="bars-h" className="card stack">
        <h2 id="bars-h">Who dominates each bar</h2>
        <BarStrip bars={report.bars} names={names} />
        <ul className="legend">
          {report.contributors.map((c) => (
            <li key={c.key}>
              <svg width="12" height="12" aria-hidden>
                <rect width="12" height="12" fill={fillOf(c.key)} />
              </svg>{" "}
              {c.name}: {countOf(c.dominantBars.length, "bar")}
            </li>
          ))}
        </ul>
        <details>
          <summary>Every bar as a table</summary>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">Bar</th>
                <th scope="col">Dominated by</th>
                <th scope="col">Human</th>
                <th scope="col">AI</th>
              </tr>
            </thead>
            <tbody>
              {report.bars.map((b) => (
                <tr key={b.bar}>
                  <th scope="row">{b.bar + 1}</th>
                  <td>{b.dominant ? names.get(b.dominant) : "nobody"}</td>
                  <td>{beats(b.human)}</td>
                  <td>{beats(b.ai)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
      <section aria-labelledby="accept-h" className="card stack">
        <h2 id="accept-h">AI acceptance</h2>
        <p data-testid="acceptance-rate">
          {a.candidatesAccepted} of {countOf(a.candidatesGenerated, "candidate")} accepted ({percent(a.rate)}) over {countOf(a.requests, "request")}
          {a.failed ? `, ${a.failed} failed` : ""}.
        </p>
        {report.acceptance.models.length > 0 && <AcceptanceChart acceptance={report.acceptance.models} />}
      </section>
      <section aria-labelledby="timeline-h" className="card stack">
        <h2 id="timeline-h">Timeline</h2>
        <TimelineChart events={report.timeline} />
        <details>
          <summary>Timeline as a table</summary>
          <TimelineTable report={report} />
        </details>
      </section>
      <section aria-labelledby="method-h" className="card stack">
        <h2 id="method-h">How these figures were computed</h2>
        <ul>
          {report.method.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
