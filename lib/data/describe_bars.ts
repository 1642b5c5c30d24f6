/**
 * A summary of a bar table for humans: size, span, bars per trading day, gaps inside sessions and
 * which optional fields are present. The validate script prints it.
 *
 * @module
 */
import { sessionOf } from "../calendar/mod.ts";
import { formatLocalDateTime, formatTradingDay } from "./local_time.ts";
import { type BarTable, GROUND_TRUTH_COLUMNS } from "./schema.ts";

const MINUTE_MS = 60_000;

/** A run of missing one-minute bars between two bars of the same session. */
export interface BarGap {
  /** Bar end before the gap, ISO local. */
  after: string;
  /** Bar end after the gap, ISO local. */
  before: string;
  /** Number of missing bar-end minutes. */
  missing: number;
}

/** How many trading days have a given number of bars. */
export interface BarsPerDayCount {
  /** Bars in the day (night bars included). */
  bars: number;
  /** Trading days with that many bars. */
  days: number;
  /** The first few of those days, YYYYMMDD. */
  examples: number[];
}

/** What {@linkcode describeBars} reports. */
export interface BarSummary {
  /** The table's source. */
  source: string;
  /** Number of bars. */
  rows: number;
  /** First and last bar end, ISO local; null for an empty table. */
  firstTime: string | null;
  /** Last bar end, ISO local; null for an empty table. */
  lastTime: string | null;
  /** Number of distinct trading days. */
  tradingDays: number;
  /** First trading day, YYYYMMDD; null for an empty table. */
  firstTradingDay: number | null;
  /** Last trading day, YYYYMMDD; null for an empty table. */
  lastTradingDay: number | null;
  /** Days by bar count, most common count first (ties: more bars first). */
  barsPerDay: BarsPerDayCount[];
  /** Missing minutes between consecutive bars of the same session (lib/market `sessionOf`). */
  gaps: { count: number; missingBars: number; examples: BarGap[] };
  /** Bars whose end is in no SHFE rb session. */
  outsideSessions: { count: number; examples: string[] };
  /** Which optional fields the table carries. */
  present: {
    openInterest: boolean;
    book: boolean;
    spreadMean: boolean;
    depthMean: boolean;
    groundTruth: string[];
  };
}

/** Options of {@linkcode describeBars}. */
export interface DescribeBarsOptions {
  /** How many examples to keep per list (gaps, days, bars outside sessions); default 5. */
  maxExamples?: number;
}

/**
 * Summarize a bar table (see {@linkcode BarSummary}). Gaps are counted between consecutive bars in
 * the same session instance only: a session that is missing entirely, or starts late / ends early,
 * shows in `barsPerDay` instead.
 *
 * @example
 * ```ts
 * const s = describeBars(await readBars(realDataPath("rb0000_1min_2017-06.csv")));
 * s.rows; // 3450
 * s.barsPerDay; // [{ bars: 345, days: 10, examples: [20170601, …] }]
 * s.gaps.count; // 0
 * ```
 * @param options.maxExamples examples kept per list; default 5.
 */
export function describeBars(table: BarTable, options: DescribeBarsOptions = {}): BarSummary {
  const maxExamples = options.maxExamples ?? 5;
  const { time, tradingDay } = table;
  const n = time.length;
  const perDay = new Map<number, number>();
  for (let i = 0; i < n; i++) perDay.set(tradingDay[i], (perDay.get(tradingDay[i]) ?? 0) + 1);
  const byCount = new Map<number, number[]>();
  for (const [day, bars] of perDay) {
    const list = byCount.get(bars) ?? [];
    list.push(day);
    byCount.set(bars, list);
  }
  const barsPerDay = [...byCount].map(([bars, days]) => ({
    bars,
    days: days.length,
    examples: days.slice(0, maxExamples),
  })).sort((a, b) => b.days - a.days || b.bars - a.bars);

  const gaps: BarSummary["gaps"] = { count: 0, missingBars: 0, examples: [] };
  const outside: BarSummary["outsideSessions"] = { count: 0, examples: [] };
  let prevStart = NaN;
  for (let i = 0; i < n; i++) {
    const s = sessionOf(time[i]);
    if (s === null) {
      outside.count++;
      if (outside.examples.length < maxExamples) {
        outside.examples.push(formatLocalDateTime(time[i]));
      }
      prevStart = NaN;
      continue;
    }
    if (s.start === prevStart && time[i] - time[i - 1] > MINUTE_MS) {
      const missing = Math.round((time[i] - time[i - 1]) / MINUTE_MS) - 1;
      gaps.count++;
      gaps.missingBars += missing;
      if (gaps.examples.length < maxExamples) {
        gaps.examples.push({
          after: formatLocalDateTime(time[i - 1]),
          before: formatLocalDateTime(time[i]),
          missing,
        });
      }
    }
    prevStart = s.start;
  }
  return {
    source: table.source,
    rows: n,
    firstTime: n > 0 ? formatLocalDateTime(time[0]) : null,
    lastTime: n > 0 ? formatLocalDateTime(time[n - 1]) : null,
    tradingDays: perDay.size,
    firstTradingDay: n > 0 ? tradingDay[0] : null,
    lastTradingDay: n > 0 ? tradingDay[n - 1] : null,
    barsPerDay,
    gaps,
    outsideSessions: outside,
    present: {
      openInterest: table.openInterest !== null,
      book: table.book !== null,
      spreadMean: table.book?.spreadMean !== undefined,
      depthMean: table.book?.depthMean !== undefined,
      groundTruth: GROUND_TRUTH_COLUMNS.filter((c) => table.groundTruth?.[c] !== undefined),
    },
  };
}

/**
 * The summary as aligned text lines, for printing.
 *
 * @example
 * ```ts
 * console.log(formatBarSummary(describeBars(table)));
 * // rows            3,450
 * // time            2017-05-31T21:01:00 … 2017-06-14T15:00:00
 * // …
 * ```
 */
export function formatBarSummary(summary: BarSummary): string {
  const fmt = (x: number) => x.toLocaleString("en-US");
  const rows: [string, string][] = [
    ["source", summary.source],
    ["rows", fmt(summary.rows)],
  ];
  if (summary.rows > 0) {
    rows.push(["time", `${summary.firstTime} … ${summary.lastTime}`]);
    rows.push([
      "trading days",
      `${fmt(summary.tradingDays)} (${formatTradingDay(summary.firstTradingDay!)} … ` +
      `${formatTradingDay(summary.lastTradingDay!)})`,
    ]);
    summary.barsPerDay.forEach((c, k) => {
      const eg = c.examples.map(formatTradingDay).join(", ") +
        (c.days > c.examples.length ? ", …" : "");
      rows.push([k === 0 ? "bars per day" : "", `${c.bars} bars: ${fmt(c.days)} day(s) (${eg})`]);
    });
  }
  const g = summary.gaps;
  rows.push([
    "gaps in sessions",
    g.count === 0 ? "none" : `${fmt(g.count)} gap(s), ${fmt(g.missingBars)} missing bar(s)`,
  ]);
  for (const e of g.examples) rows.push(["", `${e.after} → ${e.before}: ${e.missing} missing`]);
  if (g.count > g.examples.length) rows.push(["", "…"]);
  const o = summary.outsideSessions;
  rows.push([
    "outside sessions",
    o.count === 0 ? "none" : `${fmt(o.count)} bar(s), e.g. ${o.examples.join(", ")}`,
  ]);
  const p = summary.present;
  const yes = (b: boolean) => b ? "yes" : "no";
  rows.push(["open interest", yes(p.openInterest)]);
  rows.push([
    "book",
    p.book
      ? `yes${p.spreadMean || p.depthMean ? " (with time-weighted spread/depth means)" : ""}`
      : "no",
  ]);
  rows.push(["ground truth", p.groundTruth.length > 0 ? p.groundTruth.join(", ") : "no"]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}
