/** The credits sheet as a standalone HTML page (inline styles only, every user-written text escaped). */
import type { CreditsSheet, SheetSection } from "./credits-sheet";
import { escapeMarkup as esc } from "./markup";

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}
h1{margin-bottom:.2rem}.sub{color:#555;margin-top:0}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f6}
footer{color:#777;font-size:12px;margin-top:2rem}`;

function section(s: SheetSection): string {
  const out = [`<section><h2>${esc(s.heading)}</h2>`, ...s.paragraphs.map((p) => `<p>${esc(p)}</p>`)];
  if (s.table && s.table.rows.length > 0) {
    out.push(
      `<table><thead><tr>${s.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join("")}</tr></thead><tbody>`,
      ...s.table.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`),
      `</tbody></table>`,
    );
  }
  if (s.list) out.push(`<ol>${s.list.map((l) => `<li>${esc(l)}</li>`).join("")}</ol>`);
  out.push(`</section>`);
  return out.join("\n");
}

export function renderCreditsHtml(sheet: CreditsSheet): string {
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8"><title>${esc(`Credits: ${sheet.title}`)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(sheet.title)}</h1><p class="sub">${esc(sheet.subtitle)}</p>`,
    ...sheet.sections.map(section),
    `<footer>${esc(sheet.footer)}</footer>`,
    `</body></html>`,
    "",
  ].join("\n");
}
