/**
 * Shows rows of values as a table in a notebook (HTML, with an aligned plain-text twin).
 *
 * @module
 */
import { JUPYTER_DISPLAY, type MimeBundle } from "./show_plot.ts";

/** Options of {@linkcode showTable}. */
export interface ShowTableOptions {
  /** Columns to show, in order; default every key of the rows, in order of first appearance. */
  columns?: readonly string[];
  /** Decimals for every non-integer number; default automatic (see {@linkcode formatValue}). */
  digits?: number;
  /** Rows shown at most; the rest are counted in a last line. Default 50. */
  maxRows?: number;
  /** Per-column formatters, taking precedence over the default formatting. */
  formats?: Readonly<Record<string, (value: unknown) => string>>;
}

/** A table ready to display, and its cells as text. */
export interface ShownTable {
  /** The column names shown. */
  readonly columns: readonly string[];
  /** The formatted cells of the rows shown. */
  readonly cells: readonly (readonly string[])[];
  /** The kernel calls this to get the MIME bundle `{"text/html", "text/plain"}`. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/**
 * Formats one table value. Integers print in full; other numbers get about five significant
 * digits (at least two decimals when |x| ≥ 1, four significant digits below 1), and exponent
 * notation below 1e-4 or from 1e9; `digits` fixes the decimals instead. NaN prints "NaN",
 * null/undefined print "", a Date prints its ISO wall-clock time, other objects print as JSON.
 *
 * @example
 * ```ts
 * formatValue(3801.5); // "3801.50"
 * formatValue(2.1345678); // "2.1346"
 * formatValue(0.04512); // "0.04512"
 * formatValue(0.28, { digits: 1 }); // "0.3"
 * formatValue(1234); // "1234"
 * formatValue(new Date(Date.UTC(2023, 0, 3, 9, 1))); // "2023-01-03 09:01:00"
 * ```
 * @param options.digits fixed decimals for non-integers; default automatic.
 */
export function formatValue(value: unknown, options: { digits?: number } = {}): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return formatNumber(value, options.digits);
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString().slice(0, 19)
      .replace("T", " ");
  }
  return JSON.stringify(value) ?? String(value);
}

function formatNumber(x: number, digits?: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  if (digits !== undefined) return x.toFixed(digits);
  const a = Math.abs(x);
  if (a < 1e-4 || a >= 1e9) return x.toExponential(3);
  if (a >= 1) return x.toFixed(Math.max(2, 5 - (Math.floor(Math.log10(a)) + 1)));
  return x.toFixed(3 - Math.floor(Math.log10(a)));
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Wraps rows (objects) as a displayable table: HTML for notebooks, aligned text for terminals.
 * Numbers are right-aligned and formatted by {@linkcode formatValue}.
 *
 * @example
 * ```ts
 * import { showTable } from "../lib/plot/mod.ts";
 *
 * showTable([
 *   { metric: "annual return", value: 0.2834 },
 *   { metric: "trades", value: 1234 },
 * ]); // last line of a cell: a two-column table
 * ```
 * @param options.columns columns to show; default all keys in order of first appearance.
 * @param options.digits fixed decimals for non-integers; default automatic.
 * @param options.maxRows rows shown at most; default 50.
 * @param options.formats per-column formatters.
 * @throws {RangeError} when maxRows is not a positive integer.
 */
export function showTable(
  rows: readonly Readonly<Record<string, unknown>>[],
  options: ShowTableOptions = {},
): ShownTable {
  const maxRows = options.maxRows ?? 50;
  if (!Number.isInteger(maxRows) || maxRows < 1) {
    throw new RangeError(`Cannot show a table with maxRows ${maxRows}: use an integer ≥ 1`);
  }
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const shown = rows.slice(0, maxRows);
  const numeric = columns.map((c) =>
    shown.some((r) => typeof r[c] === "number" || typeof r[c] === "bigint") &&
    shown.every((r) => r[c] == null || typeof r[c] === "number" || typeof r[c] === "bigint")
  );
  const cells = shown.map((r) =>
    columns.map((c) => {
      const f = options.formats?.[c];
      return f ? f(r[c]) : formatValue(r[c], { digits: options.digits });
    })
  );
  const more = rows.length - shown.length;
  const moreText = more > 0
    ? `… ${more} more row${more === 1 ? "" : "s"} (${rows.length} in all)`
    : "";

  const html = () => {
    const align = (j: number) => ` style="text-align:${numeric[j] ? "right" : "left"}"`;
    const head = columns.map((c, j) => `<th${align(j)}>${escapeHtml(c)}</th>`).join("");
    const body = cells.map((row) =>
      `<tr>${row.map((v, j) => `<td${align(j)}>${escapeHtml(v)}</td>`).join("")}</tr>`
    ).join("\n");
    const foot = more > 0
      ? `\n<caption style="caption-side:bottom">${escapeHtml(moreText)}</caption>`
      : "";
    return `<table style="font-variant-numeric:tabular-nums">${foot}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
  };
  const text = () => {
    const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((r) => r[j].length)));
    const pad = (s: string, j: number) => numeric[j] ? s.padStart(widths[j]) : s.padEnd(widths[j]);
    const lines = [
      columns.map(pad).join("  "),
      widths.map((w) => "-".repeat(w)).join("  "),
      ...cells.map((r) => r.map(pad).join("  ")),
    ].map((l) => l.trimEnd());
    if (moreText) lines.push(moreText);
    return lines.join("\n");
  };
  return {
    columns,
    cells,
    [JUPYTER_DISPLAY]: () => ({ "text/html": html(), "text/plain": text() }),
  };
}
