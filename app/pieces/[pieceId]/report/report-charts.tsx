/** The report's charts, drawn as SVG: contributors' shares, human vs AI, bar dominance, and acceptance. */
import { colourOfKey } from "@/lib/authorship/author-colours";
import { modelOfKey } from "@/lib/authorship/author-key";
import type { AcceptanceReport, BarShare, ContributorReport, ContributionReport } from "@/lib/authorship/report-types";
import { beats, percent } from "./report-format";

const HATCH_ID = "report-model-hatch";

/** The hatching that marks a model's part wherever it is drawn (so it never depends on hue alone). */
export function HatchDefs() {
  return (
    <svg width="0" height="0" aria-hidden style={{ position: "absolute" }}>
      <defs>
        <pattern id={HATCH_ID} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffd23f" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#14161b" strokeWidth="2" />
        </pattern>
      </defs>
    </svg>
  );
}

export const fillOf = (key: string | null) => (modelOfKey(key) !== null ? `url(#${HATCH_ID})` : colourOfKey(key));

/** One row a contributor: their share of the piece by notes and by duration, as two bars. */
export function ShareChart({ contributors }: { contributors: ContributorReport[] }) {
  const rowH = 44;
  const w = 520;
  const labelW = 150;
  const barW = w - labelW - 60;
  return (
    <svg className="report-chart" viewBox={`0 0 ${w} ${Math.max(1, contributors.length) * rowH}`} role="img" aria-label="Share of the piece by notes and by duration, per contributor">
      {contributors.map((c, i) => (
        <g key={c.key} transform={`translate(0 ${i * rowH})`}>
          <text x={0} y={18} className="chart-label">
            {c.name}
            {c.kind === "model" ? " (model)" : ""}
          </text>
          {[
            ["notes", c.current.noteShare],
            ["duration", c.current.tickShare],
          ].map(([label, share], j) => (
            <g key={label as string} transform={`translate(${labelW} ${4 + j * 16})`}>
              <rect width={barW} height={12} className="chart-track" />
              <rect width={barW * (share as number)} height={12} fill={fillOf(c.key)} />
              <text x={barW + 6} y={10} className="chart-value">
                {percent(share as number)} {label === "notes" ? "notes" : "time"}
              </text>
            </g>
          ))}
        </g>
      ))}
    </svg>
  );
}

/** Human, AI and unattributed parts of the piece as two stacked bars: by notes and by duration. */
export function HumanAiChart({ totals }: { totals: ContributionReport["totals"] }) {
  const w = 520;
  const rows = [
    { label: "Notes", parts: [totals.human.notes, totals.ai.notes, totals.unattributed.notes], total: totals.notes },
    { label: "Duration", parts: [totals.human.ticks, totals.ai.ticks, totals.unattributed.ticks], total: totals.ticks },
  ];
  const fills = HUMAN_AI_FILLS;
  return (
    <svg className="report-chart" viewBox={`0 0 ${w} 64`} role="img" aria-label={`Human ${percent(totals.notes ? totals.human.notes / totals.notes : null)} and AI ${percent(totals.notes ? totals.ai.notes / totals.notes : null)} of the notes`}>
      {rows.map((r, i) => {
        let x = 80;
        return (
          <g key={r.label} transform={`translate(0 ${i * 30})`}>
            <text x={0} y={16} className="chart-label">
              {r.label}
            </text>
            <rect x={80} width={w - 80} height={20} className="chart-track" />
            {r.parts.map((p, j) => {
              const width = r.total ? ((w - 80) * p) / r.total : 0;
              const el = <rect key={j} x={x} width={width} height={20} fill={fills[j]} />;
              x += width;
              return el;
            })}
          </g>
        );
      })}
    </svg>
  );
}

const HUMAN_AI_FILLS = ["#4cc9f0", `url(#${HATCH_ID})`, "#8a8f98"];

/** What the human / AI bars' fills mean (the model's part is hatched, so hue is never the only cue). */
export function HumanAiLegend() {
  return (
    <ul className="legend" aria-hidden>
      {["Human", "AI", "Unattributed"].map((label, i) => (
        <li key={label}>
          <svg width="12" height="12">
            <rect width="12" height="12" fill={HUMAN_AI_FILLS[i]} />
          </svg>{" "}
          {label}
        </li>
      ))}
    </ul>
  );
}

/** One cell a bar, filled with the colour of whoever dominates it; people read the numbers in its tooltip and the table. */
export function BarStrip({ bars, names }: { bars: BarShare[]; names: ReadonlyMap<string, string> }) {
  const cell = Math.max(14, Math.min(40, Math.floor(640 / Math.max(1, bars.length)))); // few bars: wider cells
  const w = Math.max(1, bars.length) * cell;
  return (
    <div className="bar-strip" data-testid="bar-strip">
      <svg viewBox={`0 0 ${w} 34`} width={w} height={34} role="img" aria-label="Who dominates each bar">
        {bars.map((b) => (
          <g key={b.bar}>
            <rect x={b.bar * cell} width={cell - 2} height={20} fill={b.dominant ? fillOf(b.dominant) : "#2f3440"}>
              <title>{`Bar ${b.bar + 1}: ${b.dominant ? names.get(b.dominant) : "nobody (empty or tied)"} · human ${beats(b.human)}, AI ${beats(b.ai)}`}</title>
            </rect>
            {b.bar % 4 === 0 && (
              <text x={b.bar * cell} y={32} className="chart-value">
                {b.bar + 1}
              </text>
            )}
          </g>
        ))}
      </svg>
    </div>
  );
}

export function AcceptanceChart({ acceptance }: { acceptance: AcceptanceReport[] }) {
  const w = 520;
  const max = Math.max(1, ...acceptance.map((a) => a.candidatesGenerated));
  return (
    <svg className="report-chart" viewBox={`0 0 ${w} ${Math.max(1, acceptance.length) * 30}`} role="img" aria-label="Candidates generated and accepted, per model">
      {acceptance.map((a, i) => (
        <g key={a.model} transform={`translate(0 ${i * 30})`}>
          <text x={0} y={15} className="chart-label">
            {a.model}
          </text>
          <rect x={150} width={((w - 250) * a.candidatesGenerated) / max} height={18} className="chart-track" />
          <rect x={150} width={((w - 250) * a.candidatesAccepted) / max} height={18} fill={`url(#${HATCH_ID})`} />
          <text x={w - 94} y={14} className="chart-value">
            {a.candidatesAccepted}/{a.candidatesGenerated} · {percent(a.rate)}
          </text>
        </g>
      ))}
    </svg>
  );
}
