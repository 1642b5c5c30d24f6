/**
 * Stylized facts of several bar tables side by side, as table rows: one row per fact, one column
 * per table, "n/a" where a table lacks the field a fact needs (no book, no open interest, no
 * traded volume).
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { type StylizedFacts, stylizedFacts } from "./stylized_facts.ts";

/** One spread bucket: spreads of `ticks` ticks (or more, for the last bucket). */
export interface SpreadBucket {
  /** Label, e.g. "1 tick", "2 ticks", "3+ ticks". */
  bucket: string;
  /** Lowest spread in ticks counted in the bucket. */
  ticks: number;
  /** Share of bars in the bucket. */
  share: number;
}

/**
 * Folds a spread-share record (`StylizedFacts.spreadTicksShare`: spread in ticks → share of
 * bars) into the buckets 1, 2, …, max−1 ticks and "max+ ticks" (spreads of max ticks or more),
 * always all of them (share 0 when empty). A "≤0 ticks (locked/crossed)" bucket comes first only
 * when such spreads occur. Throws RangeError for max < 2.
 *
 * @example
 * ```ts
 * spreadBuckets({ 1: 0.958, 2: 0.0415, 3: 0.0005 });
 * // [{ bucket: "1 tick", ticks: 1, share: 0.958 }, { bucket: "2 ticks", ticks: 2, share: 0.0415 },
 * //  { bucket: "3+ ticks", ticks: 3, share: 0.0005 }]
 * ```
 * @param options.max first spread (ticks) pooled into the last bucket; default 3.
 */
export function spreadBuckets(
  shares: Readonly<Record<number, number>>,
  options: { max?: number } = {},
): SpreadBucket[] {
  const max = options.max ?? 3;
  if (!(Number.isInteger(max) && max >= 2)) {
    throw new RangeError(`spreadBuckets max must be an integer ≥ 2, got ${max}`);
  }
  const out: SpreadBucket[] = [];
  for (let k = 1; k <= max; k++) {
    out.push({
      bucket: k === 1 ? "1 tick" : k < max ? `${k} ticks` : `${k}+ ticks`,
      ticks: k,
      share: 0,
    });
  }
  let locked = 0, hasLocked = false;
  for (const [key, share] of Object.entries(shares)) {
    const k = Number(key);
    if (k <= 0) (locked += share, hasLocked = true);
    else out[Math.min(k, max) - 1].share += share;
  }
  if (hasLocked) out.unshift({ bucket: "≤0 ticks (locked/crossed)", ticks: 0, share: locked });
  return out;
}

/** One column of {@linkcode stylizedFactsTable}. */
export interface FactsColumn {
  /** Column header, e.g. "synthetic 2023". */
  label: string;
  /** The table's facts, from `stylizedFacts`. */
  facts: StylizedFacts;
}

/**
 * The stylized facts of labelled tables (label → table, in order), as table columns.
 *
 * @example
 * ```ts
 * showTable(stylizedFactsTable(factsColumns({ synthetic: table, ...real.tables })));
 * ```
 */
export function factsColumns(tables: Readonly<Record<string, BarTable>>): FactsColumn[] {
  return Object.entries(tables).map(([label, table]) => ({ label, facts: stylizedFacts(table) }));
}

/** One row of {@linkcode stylizedFactsTable}: the fact, then one formatted cell per column. */
export type FactsRow = Record<string, string>;

const NA = "n/a";
const fixed = (x: number | null, digits: number) =>
  x === null || !Number.isFinite(x) ? NA : x.toFixed(digits);
const pct = (x: number | null) =>
  x === null || !Number.isFinite(x) ? NA : `${(x * 100).toFixed(1)} %`;
const int = (x: number | null) =>
  x === null || !Number.isFinite(x) ? NA : Math.round(x).toLocaleString("en-US");

/**
 * The stylized facts of several tables side by side: rows `{ fact, [label]: cell, … }` with cells
 * already formatted as text. A fact the table cannot have is "n/a": spread and depth without a
 * book, open-interest facts without open interest, volume facts when every volume is 0, a
 * session-window volume when the table has no bar in that window. Rows, in order: bars (trading
 * days); 1-min return s.d. (bp); close change s.d. (ticks); return kurtosis; return and
 * |return| lag-1 autocorrelation; mean high − low (ticks); spread shares 1 / 2 / 3+ ticks; mean
 * depth at the best quotes; mean volume; volume at the day open and close relative to midday;
 * mean and largest |open − previous close| at and inside sessions (ticks); mean |ΔOI| per bar.
 *
 * @example
 * ```ts
 * showTable(stylizedFactsTable([
 *   { label: "synthetic", facts: stylizedFacts(table) },
 *   { label: "real rb 1-min (2017-06)", facts: stylizedFacts(realBars) },
 * ]));
 * ```
 */
export function stylizedFactsTable(columns: readonly FactsColumn[]): FactsRow[] {
  const labels = columns.map((c) => c.label);
  if (new Set(labels).size !== labels.length || labels.includes("fact")) {
    throw new RangeError(`Column labels must be distinct and not "fact": ${labels.join(", ")}`);
  }
  const spread = (f: StylizedFacts, k: number) =>
    f.spreadTicksShare === null ? null : spreadBuckets(f.spreadTicksShare)[k].share;
  const vol = (f: StylizedFacts, x: number) => (f.meanVolume > 0 ? x : null);
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const facts: [string, (f: StylizedFacts) => string][] = [
    ["bars (trading days)", (f) => `${int(f.bars)} (${f.tradingDays})`],
    ["1-min return s.d. (bp)", (f) => fixed(f.returnStd * 1e4, 2)],
    ["1-min close change s.d. (ticks)", (f) => fixed(f.closeChangeStdTicks, 2)],
    ["return kurtosis (normal = 3)", (f) => fixed(f.returnKurtosis, 1)],
    ["return autocorrelation, lag 1", (f) => fixed(f.returnAutocorr1, 3)],
    ["|return| autocorrelation, lag 1", (f) => fixed(f.absReturnAutocorr1, 3)],
    ["mean high − low (ticks)", (f) => fixed(f.meanRangeTicks, 2)],
    ["spread 1 tick (share of bars)", (f) => pct(spread(f, 0))],
    ["spread 2 ticks", (f) => pct(spread(f, 1))],
    ["spread 3+ ticks", (f) => pct(spread(f, 2))],
    ["mean depth at best bid/ask (lots per side)", (f) => int(f.meanDepth)],
    ["mean volume (lots per bar)", (f) => int(vol(f, f.meanVolume))],
    [
      "volume 09:01–09:15 ÷ 10:36–11:20",
      (f) => fixed(vol(f, ratio(f.dayOpenVolume, f.middayVolume) ?? NaN), 2),
    ],
    [
      "volume 14:46–15:00 ÷ 10:36–11:20",
      (f) => fixed(vol(f, ratio(f.dayCloseVolume, f.middayVolume) ?? NaN), 2),
    ],
    ["mean |gap| at a session open (ticks)", (f) => fixed(f.meanSessionOpenGapTicks, 2)],
    [
      "largest |open − prev. close| inside a session (ticks)",
      (f) => fixed(f.maxInSessionOpenGapTicks, 0),
    ],
    ["mean |Δ open interest| per bar (lots)", (f) => fixed(f.meanAbsOpenInterestChange, 0)],
  ];
  return facts.map(([fact, cell]) => {
    const row: FactsRow = { fact };
    for (const c of columns) row[c.label] = cell(c.facts);
    return row;
  });
}
