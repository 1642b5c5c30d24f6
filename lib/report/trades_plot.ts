/**
 * Trades on the price: one trading day's closes with every entry and exit marked, readable at a
 * glance (a year of minutes is not).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { PeriodRun } from "../study/mod.ts";
import { formatLocalDateTime, formatTradingDay } from "../data/mod.ts";
import { document } from "../plot/mod.ts";

/**
 * The trading day (YYYYMMDD) of a period with the most trade entries; the period's first day
 * when there are no trades.
 *
 * @example
 * ```ts
 * busiestDay(run.periods.outOfSample); // e.g. 20231107
 * ```
 */
export function busiestDay(period: PeriodRun): number {
  const count = new Map<number, number>();
  const t = period.sim.trades;
  for (let k = 0; k < t.count; k++) {
    const d = period.bars.tradingDay[t.entryIndex[k]];
    count.set(d, (count.get(d) ?? 0) + 1);
  }
  let best = period.days[0], most = 0;
  for (const [d, c] of count) if (c > most || (c === most && d < best)) (best = d, most = c);
  return best;
}

const KINDS = ["long entry", "short entry", "exit", "net win", "net loss"];
const COLOURS = ["#1a9850", "#d73027", "#222222", "#2c7bb6", "#f46d43"];

/** The bars of one trading day: first and last index, the close per minute, session starts. */
function dayBars(period: PeriodRun, day: number) {
  const b = period.bars;
  let first = -1, last = -1;
  for (let i = 0; i < b.time.length; i++) {
    if (b.tradingDay[i] === day) (first = first < 0 ? i : first, last = i);
  }
  if (first < 0) throw new RangeError(`Trading day ${day} is not in ${period.label}`);
  const bars: { x: number; close: number; session: number }[] = [];
  const starts: number[] = [];
  let session = 0;
  for (let i = first; i <= last; i++) {
    if (i > first && b.time[i] - b.time[i - 1] > 60_000) (session++, starts.push(i - first));
    bars.push({ x: i - first, close: b.close[i], session });
  }
  return { first, last, bars, starts };
}

/** The trades entered between bars `first` and `last`, in minutes from `first`. */
function dayTrades(period: PeriodRun, first: number, last: number) {
  const t = period.sim.trades;
  const out: { e: number; x: number; pe: number; px: number; side: number; outcome: string }[] = [];
  for (let k = 0; k < t.count; k++) {
    const e = t.entryIndex[k];
    if (e < first || e > last) continue;
    out.push({
      e: e - first,
      x: t.exitIndex[k] - first,
      pe: t.entryPrice[k],
      px: t.exitPrice[k],
      side: t.side[k],
      outcome: t.netPnl[k] > 0 ? "net win" : "net loss",
    });
  }
  return out;
}

/**
 * Closes of one trading day (night session first; x is the minute of the trading day, labelled
 * with the clock time) with each trade drawn from its entry fill to its exit fill: triangles for
 * entries (up = long, down = short), crosses for exits, the connecting segment blue for a net win
 * and orange for a net loss. Dotted rules mark session starts.
 *
 * @example
 * ```ts
 * const p = run.periods.outOfSample;
 * const svg = tradesPlot(p, { day: busiestDay(p) });
 * ```
 * @param options.day trading day YYYYMMDD; default {@linkcode busiestDay}.
 * @param options.width width in px; default 900.
 * @param options.height height in px; default 340.
 */
export function tradesPlot(
  period: PeriodRun,
  options: { day?: number; width?: number; height?: number } = {},
): Element {
  const day = options.day ?? busiestDay(period);
  const { first, last, bars, starts } = dayBars(period, day);
  const b = period.bars;
  const label = (x: number) => {
    const i = first + Math.round(x);
    return i >= first && i <= last ? formatLocalDateTime(b.time[i]).slice(11, 16) : "";
  };
  const trades = dayTrades(period, first, last);
  const points = trades.flatMap((d) => [
    {
      x: d.e,
      y: d.pe,
      kind: d.side > 0 ? "long entry" : "short entry",
      rotate: d.side > 0 ? 0 : 180,
    },
    { x: d.x, y: d.px, kind: "exit", rotate: 0 },
  ]);
  return Plot.plot({
    document,
    width: options.width ?? 900,
    height: options.height ?? 340,
    marginLeft: 60,
    x: {
      label: `minute of trading day ${formatTradingDay(day)} (clock time) →`,
      tickFormat: label,
    },
    y: { label: "↑ price (CNY/t)", grid: true },
    color: { legend: true, domain: KINDS, range: COLOURS },
    marks: [
      Plot.ruleX(starts, { stroke: "#999", strokeDasharray: "2,3" }),
      Plot.lineY(bars, { x: "x", y: "close", z: "session", stroke: "#555", strokeWidth: 1 }),
      Plot.link(trades, {
        x1: "e",
        y1: "pe",
        x2: "x",
        y2: "px",
        stroke: "outcome",
        strokeWidth: 3,
        strokeOpacity: 0.8,
      }),
      Plot.dot(points.filter((p) => p.kind !== "exit"), {
        x: "x",
        y: "y",
        fill: "kind",
        symbol: "triangle",
        rotate: "rotate",
        r: 5,
      }),
      Plot.dot(points.filter((p) => p.kind === "exit"), {
        x: "x",
        y: "y",
        stroke: "kind",
        symbol: "times",
        r: 4,
      }),
    ],
  });
}
