/**
 * The pieces every self-contained HTML report is made of: inline CSS, escaping, tables, charts
 * (inline SVG in `<figure class="chart" data-chart="…">`), the verdict box and the page shell.
 * Internal to lib/report.
 *
 * @module
 */
import { JUPYTER_DISPLAY, showTable, svgMarkup } from "../plot/mod.ts";

const CSS = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #222; margin: 0;
  background: #fafafa; }
main { max-width: 1000px; margin: 0 auto; padding: 16px 24px 48px; background: #fff; }
h1 { font-size: 24px; margin: 8px 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.meta, p.note, figcaption { color: #555; font-size: 12.5px; }
.verdict { border-left: 5px solid #888; padding: 8px 14px; background: #f3f3f3; }
.verdict.loses { border-color: #d73027; } .verdict.makes { border-color: #1a9850; }
.verdict p.headline { font-size: 16px; font-weight: 600; margin: 4px 0 8px; }
.warn { border-left: 5px solid #f0ad4e; background: #fff8e6; padding: 6px 12px; }
table { border-collapse: collapse; margin: 6px 0; font-size: 12.5px; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 8px; }
th { background: #f2f2f2; }
figure.chart { margin: 10px 0 18px; }
figure.chart svg { max-width: 100%; height: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 12.5px; }
dt { font-weight: 600; } dd { margin: 0; }
`;

/** HTML-escaped text. */
export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(
    /"/g,
    "&quot;",
  );
}

/** A table of rows (lib/plot showTable's HTML), optionally in `<div id="…">`. */
export function table(rows: Record<string, unknown>[], id?: string): string {
  const html = showTable(rows, { maxRows: 1000 })[JUPYTER_DISPLAY]()["text/html"];
  return id ? `<div id="${id}">${html}</div>` : html;
}

/** An inline SVG chart with its caption. */
export function chart(name: string, plot: Element, caption: string): string {
  return `<figure class="chart" data-chart="${name}">${svgMarkup(plot)}<figcaption>${
    esc(caption)
  }</figcaption></figure>`;
}

/** The verdict box: a headline and its sentences, coloured by whether money is made. */
export function verdictBox(v: { headline: string; sentences: string[]; makes: boolean }): string {
  return `<div class="verdict ${v.makes ? "makes" : "loses"}"><p class="headline">${
    esc(v.headline)
  }</p><ul>${v.sentences.map((s) => `<li>${esc(s)}</li>`).join("")}</ul></div>`;
}

/** A list of rules as `<dl>`. */
export function definitions(entries: Record<string, string | number>): string {
  return `<dl>${
    Object.entries(entries).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(String(v))}</dd>`)
      .join("")
  }</dl>`;
}

/** The whole page: doctype, head with the CSS, and `parts` in `<main>`. */
export function htmlPage(title: string, parts: readonly string[]): string {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" ` +
    `content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${CSS}` +
    `</style></head><body><main>\n${parts.join("\n")}\n</main></body></html>\n`;
}
