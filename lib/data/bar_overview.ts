/**
 * One overview row per bar table, to compare data sets at a glance: size, span, bars per day and
 * which optional fields each carries.
 *
 * @module
 */
import { describeBars } from "./describe_bars.ts";
import { formatTradingDay } from "./local_time.ts";
import type { BarTable } from "./schema.ts";

/** One row of {@linkcode barOverview}, keyed by its column header. */
export type OverviewRow = Record<string, string | number>;

/**
 * Overview rows of labelled tables (label → table, in order): `data` (the label), `bars`,
 * `trading days`, `from` and `to` (first and last trading day, YYYY-MM-DD), `bars per day`
 * ("345 × 236, 225 × 6": bar count × days, most common first), and `open interest`, `book` and
 * `ground truth` ("yes"/"no", or the ground-truth columns).
 *
 * @example
 * ```ts
 * showTable(barOverview({ synthetic: table, "real rb bars": realBars }));
 * ```
 */
export function barOverview(tables: Readonly<Record<string, BarTable>>): OverviewRow[] {
  return Object.entries(tables).map(([label, table]) => {
    const s = describeBars(table);
    return {
      data: label,
      bars: s.rows,
      "trading days": s.tradingDays,
      from: s.firstTradingDay === null ? "" : formatTradingDay(s.firstTradingDay),
      to: s.lastTradingDay === null ? "" : formatTradingDay(s.lastTradingDay),
      "bars per day": s.barsPerDay.map((c) => `${c.bars} × ${c.days}`).join(", "),
      "open interest": s.present.openInterest ? "yes" : "no",
      book: s.present.book ? "yes" : "no",
      "ground truth": s.present.groundTruth.join(", ") || "no",
    };
  });
}
