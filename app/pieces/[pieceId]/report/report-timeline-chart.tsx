/** Who did what and when: one lane a contributor, one mark an event, sized by how many notes it touched. */
import type { TimelineEvent } from "@/lib/authorship/report-types";
import { fillOf } from "./report-charts";
import { countOf } from "@/lib/plural";

const KIND_LABEL: Record<TimelineEvent["kind"], string> = {
  wrote: "wrote",
  accepted: "accepted",
  jammed: "played in a jam",
  edited: "edited",
  deleted: "deleted",
  restored: "restored",
  requested: "asked the model",
  operation: "undo by author",
};

export const describeEvent = (e: TimelineEvent): string => {
  const what =
    e.kind === "requested" ? `asked ${e.model} for candidates` : e.kind === "jammed" ? `played ${countOf(e.notes, "note")} in a jam` : `${KIND_LABEL[e.kind]} ${countOf(e.notes, "note")}`;
  const where = e.bars ? ` in bar${e.bars[0] === e.bars[1] ? ` ${e.bars[0] + 1}` : `s ${e.bars[0] + 1}–${e.bars[1] + 1}`}` : "";
  return `${e.actorName} ${what}${where}`;
};

export function TimelineChart({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="status">Nothing has happened yet.</p>;
  const lanes = [...new Map(events.map((e) => [e.actor, e.actorName.replace(/ \((accepted by|jam answer to) .*\)$/, "")])).entries()];
  const laneOf = new Map(lanes.map(([key], i) => [key, i]));
  const t0 = events[0].at.getTime();
  const t1 = Math.max(t0 + 1, ...events.map((e) => e.until.getTime()));
  const w = 640;
  const left = 140;
  const laneH = 28;
  const x = (t: Date) => left + ((w - left - 12) * (t.getTime() - t0)) / (t1 - t0);
  return (
    <svg className="report-chart" viewBox={`0 0 ${w} ${lanes.length * laneH + 20}`} role="img" aria-label="Timeline of who did what and when" data-testid="timeline-chart">
      {lanes.map(([key, name], i) => (
        <g key={key} transform={`translate(0 ${i * laneH})`}>
          <text x={0} y={18} className="chart-label">
            {name}
          </text>
          <line x1={left} x2={w - 8} y1={14} y2={14} className="chart-axis" />
        </g>
      ))}
      {events.map((e, i) => {
        const y = laneOf.get(e.actor)! * laneH + 14;
        const r = e.kind === "requested" ? 4 : Math.min(12, 3 + Math.sqrt(e.notes) * 2);
        return (
          <g key={i}>
            {e.until > e.at && <line x1={x(e.at)} x2={x(e.until)} y1={y} y2={y} stroke={fillOf(e.actor)} strokeWidth={4} />}
            <circle cx={x(e.at)} cy={y} r={r} fill={e.kind === "requested" ? "none" : fillOf(e.actor)} stroke={e.kind === "deleted" ? "#ff6b6b" : "#e6e8ee"} strokeWidth={1}>
              <title>{`${e.at.toLocaleString()}: ${describeEvent(e)}`}</title>
            </circle>
          </g>
        );
      })}
      <text x={left} y={lanes.length * laneH + 16} className="chart-value">
        {events[0].at.toLocaleString()}
      </text>
      <text x={w - 8} y={lanes.length * laneH + 16} className="chart-value" textAnchor="end">
        {events.at(-1)!.until.toLocaleString()}
      </text>
    </svg>
  );
}
