/**
 * A price chart of a few trading days that shows the SHFE sessions: night and day sessions
 * shaded, breaks as gaps, the price jump across each break drawn dashed, and each trading day
 * labelled (its night session is the previous weekday's evening).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { BarTable } from "../data/schema.ts";
import { document } from "../plot/mod.ts";
import { DAY_MS } from "../calendar/mod.ts";
import { sessionAxis } from "./session_axis.ts";

/** Options of {@linkcode sessionPricePlot}. */
export interface SessionPricePlotOptions {
  /** Trading days to draw (YYYYMMDD, in the table). Default: the table's first three. */
  days?: readonly number[];
  /** Chart title. Default "Close by session, trading days <first> … <last>". */
  title?: string;
  /** Width in px. Default 960. */
  width?: number;
  /** Height in px. Default 360. */
  height?: number;
  /** Width of every break on the x axis, in minutes. Default 12. */
  gap?: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const NIGHT = "night session 21:00–23:00 (previous evening)";
const DAY = "day sessions 09:00–10:15, 10:30–11:30, 13:30–15:00";

const dayText = (t: number) => {
  const d = new Date(t);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.toISOString().slice(0, 10)}`;
};

/**
 * The close of the bars of `options.days` on a session-time axis ({@linkcode sessionAxis}: breaks
 * shortened to `gap` minutes): night sessions shaded blue, day sessions amber, one line per
 * session, a dashed link from each session's last close to the next session's first open (the
 * gap at the open), a dotted rule and a bold label at each trading-day start, and the calendar
 * evening under each night session.
 *
 * Throws RangeError when a requested day is not in the table or no day is given.
 *
 * @example
 * ```ts
 * import { showPlot } from "../plot/mod.ts";
 * showPlot(sessionPricePlot(table, { days: [20230106, 20230109, 20230110] }));
 * ```
 * @param options.days trading days to draw; default the first three of the table.
 * @param options.title chart title; default names the days.
 * @param options.width width in px; default 960.
 * @param options.height height in px; default 360.
 * @param options.gap break width on the x axis in minutes; default 12.
 */
export function sessionPricePlot(
  table: BarTable,
  options: SessionPricePlotOptions = {},
): Element {
  const all = [...new Set(table.tradingDay)];
  const days = options.days ?? all.slice(0, 3);
  if (days.length === 0) throw new RangeError("sessionPricePlot needs at least one trading day");
  const wanted = new Set(days);
  for (const d of days) {
    if (!all.includes(d)) {
      throw new RangeError(`Trading day ${d} is not in ${table.source}`);
    }
  }
  const rows: number[] = [];
  for (let i = 0; i < table.time.length; i++) if (wanted.has(table.tradingDay[i])) rows.push(i);
  const time = rows.map((i) => table.time[i]);
  const axis = sessionAxis(time, { gap: options.gap ?? 12, tickMinutes: 120 });

  const points = rows.map((i, k) => ({ x: axis.x[k], close: table.close[i], open: table.open[i] }));
  const bars = axis.sessions.map((s, k) => ({
    ...s,
    k,
    kind: s.name === "night" ? NIGHT : DAY,
    day: table.tradingDay[rows[s.first]],
  }));
  const series = bars.flatMap((s) =>
    points.slice(s.first, s.last + 1).map((p) => ({ ...p, session: s.k }))
  );
  const breaks = bars.slice(1).map((s, k) => ({
    x1: points[bars[k].last].x,
    y1: points[bars[k].last].close,
    x2: points[s.first].x,
    y2: points[s.first].open,
  }));
  const dayStarts = bars.filter((s, k) => k === 0 || s.day !== bars[k - 1].day);
  const dayLabels = dayStarts.map((s) => {
    const end = bars.filter((b) => b.day === s.day).at(-1)!;
    const ymd = String(s.day);
    const t = Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8));
    return { x: (s.x0 + end.x1) / 2, text: `trading day ${dayText(t)}` };
  });
  const nights = bars.filter((s) => s.name === "night").map((s) => ({
    x: (s.x0 + s.x1) / 2,
    text: `${dayText(Math.floor(s.start / DAY_MS) * DAY_MS).slice(0, 3)} evening`,
  }));
  const tickLabel = new Map(axis.ticks.map((t) => [t.x, t.label]));
  const sorted = [...days].sort((a, b) => a - b);
  const first = String(sorted[0]), last = String(sorted.at(-1));
  const fmt = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;

  return Plot.plot({
    document,
    title: options.title ??
      `Close by session, trading days ${fmt(first)} … ${fmt(last)}`,
    width: options.width ?? 960,
    height: options.height ?? 360,
    marginLeft: 56,
    marginBottom: 44,
    insetTop: 26,
    insetBottom: 18,
    x: {
      ticks: axis.ticks.map((t) => t.x),
      tickFormat: (x: number) => tickLabel.get(x) ?? "",
      label: "bar-end time, Asia/Shanghai (breaks shortened to equal gaps) →",
      labelAnchor: "right",
    },
    y: { label: "↑ price (CNY/t)", grid: true, nice: true },
    color: { domain: [NIGHT, DAY], range: ["#5b7fc7", "#f0b24a"], legend: true },
    marks: [
      Plot.rect(bars, { x1: "x0", x2: "x1", fill: "kind", fillOpacity: 0.18 }),
      Plot.ruleX(dayStarts.slice(1), {
        x: (s: { x0: number }) => s.x0 - (options.gap ?? 12) / 2,
        stroke: "#444",
        strokeDasharray: "1,3",
      }),
      Plot.link(breaks, {
        x1: "x1",
        y1: "y1",
        x2: "x2",
        y2: "y2",
        stroke: "#777",
        strokeDasharray: "3,2",
      }),
      Plot.lineY(series, { x: "x", y: "close", z: "session", stroke: "#1b2a49", strokeWidth: 1.1 }),
      Plot.text(dayLabels, {
        x: "x",
        text: "text",
        frameAnchor: "top",
        dy: 8,
        fontWeight: "bold",
        fontSize: 11,
      }),
      Plot.text(nights, {
        x: "x",
        text: "text",
        frameAnchor: "bottom",
        dy: -5,
        fontSize: 10,
        fill: "#2f4d8a",
      }),
    ],
  });
}
