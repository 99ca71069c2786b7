/** The report's figures as tables: the accessible (and exact) alternative to the charts. */
import type { ContributionReport } from "@/lib/authorship/report-types";
import { describeEvent } from "./report-timeline-chart";
import { barRange, beats, percent } from "./report-format";
import { countOf } from "@/lib/plural";

export function ContributorTable({ report }: { report: ContributionReport }) {
  return (
    <table className="report-table" data-testid="contributor-table">
      <caption>Per person and per model (durations in beats)</caption>
      <thead>
        <tr>
          <th scope="col">Contributor</th>
          <th scope="col">Created</th>
          <th scope="col">Accepted</th>
          <th scope="col">Edited</th>
          <th scope="col">Deleted</th>
          <th scope="col">In the piece now</th>
          <th scope="col">Bars dominated</th>
        </tr>
      </thead>
      <tbody>
        {report.contributors.map((c) => (
          <tr key={c.key}>
            <th scope="row">
              {c.name}
              {c.kind === "model" ? ` (model${c.versions.length ? ` ${c.versions.join(", ")}` : ""})` : ""}
            </th>
            <td>
              {c.created.notes} · {beats(c.created.ticks)}
            </td>
            <td>
              {c.accepted.notes} · {beats(c.accepted.ticks)}
            </td>
            <td>
              {c.edited.notes} ({countOf(c.edited.changes, "change")}) · {beats(c.edited.ticks)}
            </td>
            <td>
              {c.deleted.notes} · {beats(c.deleted.ticks)}
            </td>
            <td>
              {c.current.notes} ({percent(c.current.noteShare)}) · {beats(c.current.ticks)} ({percent(c.current.tickShare)})
            </td>
            <td>{barRange(c.dominantBars)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TotalsTable({ report }: { report: ContributionReport }) {
  const t = report.totals;
  const row = (label: string, x: { notes: number; ticks: number }) => (
    <tr>
      <th scope="row">{label}</th>
      <td>
        {x.notes} ({percent(t.notes ? x.notes / t.notes : null)})
      </td>
      <td>
        {beats(x.ticks)} ({percent(t.ticks ? x.ticks / t.ticks : null)})
      </td>
    </tr>
  );
  return (
    <table className="report-table" data-testid="totals-table">
      <caption>
        The piece as it stands: {countOf(t.notes, "note")} over {countOf(t.bars, "bar")}; {countOf(t.aiHumanEdited, "AI-generated note")} edited by people
      </caption>
      <thead>
        <tr>
          <th scope="col">Part</th>
          <th scope="col">Notes</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {row("Human", t.human)}
        {row("AI", t.ai)}
        {row("Unattributed", t.unattributed)}
      </tbody>
    </table>
  );
}

export function TimelineTable({ report }: { report: ContributionReport }) {
  return (
    <table className="report-table">
      <caption>Timeline</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {report.timeline.map((e, i) => (
          <tr key={i}>
            <td>{e.at.toLocaleString()}</td>
            <td>{describeEvent(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
