/**
 * A summary of a bar table for humans: its product, sessions, contracts and bar length, size,
 * span, bars per trading day, gaps inside sessions, days the exchange calendar disagrees with, and
 * which optional fields are present. The validate script prints it.
 *
 * @module
 */
import {
  FIRST_HOLIDAY_YEAR,
  formatFee,
  formatSessions,
  hasNightSession,
  isTradingDay,
  LAST_HOLIDAY_YEAR,
  sessionOf,
  SESSIONS,
} from "../calendar/mod.ts";
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
  /** The product and how it was found, e.g. `rb (SHFE 螺纹钢 rebar) from file name (rb0000)`. */
  symbol: string;
  /** Its specification: tick, multiplier and fees. */
  spec: string;
  /** Its sessions, e.g. `night 21:00–23:00, am1 09:00–10:15, …`. */
  sessions: string;
  /** Minutes per bar. */
  barMinutes: number;
  /** The contracts of the series, e.g. `one contract` or `2 contracts: rb1710 → rb1801 (…)`. */
  contracts: string;
  /**
   * The exchange calendar against the data (years 2015–2026 only): trading days that are not
   * exchange trading days, and night sessions on evenings the exchange held none.
   */
  calendar: { checkedDays: number; notTradingDays: number[]; unexpectedNight: number[] };
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
  /** Bars whose end is in none of the product's sessions. */
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
  const sessions = table.instrument?.sessions ?? SESSIONS;
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
    const s = sessionOf(time[i], sessions);
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
  const inst = table.instrument;
  return {
    source: table.source,
    symbol: inst === undefined
      ? "not stated (rb's sessions assumed)"
      : `${inst.symbol} (${inst.exchange} ${inst.name}) from ${table.instrumentFrom ?? "?"}`,
    spec: inst === undefined
      ? "n/a"
      : `tick ${inst.tick}, multiplier ${inst.multiplier}, fee ${formatFee(inst.fee)}`,
    sessions: formatSessions(sessions),
    barMinutes: table.barMinutes ?? 1,
    contracts: contractsText(table),
    calendar: calendarCheck(table, perDay.keys(), maxExamples),
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

function contractsText(table: BarTable): string {
  const seg = table.segments;
  if (!seg || seg.start.length < 2) return "one contract (no roll)";
  const names = seg.contracts.map((c, k) => c || `contract ${k + 1}`);
  const days = Array.from(seg.start.subarray(1), (i) => formatTradingDay(table.tradingDay[i]));
  return `${seg.start.length} contracts: ${names.join(" → ")} (rolls on ${days.join(", ")})`;
}

function calendarCheck(
  table: BarTable,
  days: Iterable<number>,
  maxExamples: number,
): BarSummary["calendar"] {
  const night = new Set<number>();
  for (let i = 0; i < table.time.length; i++) {
    const h = new Date(table.time[i]).getUTCHours();
    if (h >= 20 || h < 3) night.add(table.tradingDay[i]);
  }
  let checkedDays = 0;
  const notTradingDays: number[] = [], unexpectedNight: number[] = [];
  for (const d of days) {
    const y = Math.floor(d / 10000);
    if (y < FIRST_HOLIDAY_YEAR || y > LAST_HOLIDAY_YEAR) continue;
    checkedDays++;
    if (!isTradingDay(d)) {
      if (notTradingDays.length < maxExamples) notTradingDays.push(d);
    } else if (night.has(d) && !hasNightSession(d) && unexpectedNight.length < maxExamples) {
      unexpectedNight.push(d);
    }
  }
  return { checkedDays, notTradingDays, unexpectedNight };
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
  const cal = summary.calendar;
  const days = (list: number[]) => list.map(formatTradingDay).join(", ");
  const calendar = cal.checkedDays === 0
    ? "not checked (no holiday table for these years)"
    : cal.notTradingDays.length + cal.unexpectedNight.length === 0
    ? `${fmt(cal.checkedDays)} day(s) checked: all exchange trading days, night sessions only ` +
      "where the exchange held them"
    : [
      cal.notTradingDays.length ? `not exchange trading days: ${days(cal.notTradingDays)}` : "",
      cal.unexpectedNight.length
        ? `night bars where the exchange held no night session: ${days(cal.unexpectedNight)}`
        : "",
    ].filter((x) => x).join("; ");
  const rows: [string, string][] = [
    ["source", summary.source],
    ["symbol", summary.symbol],
    ["contract spec", summary.spec],
    ["sessions", summary.sessions],
    ["bar length", `${summary.barMinutes} minute${summary.barMinutes === 1 ? "" : "s"}`],
    ["contracts", summary.contracts],
    ["calendar", calendar],
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
