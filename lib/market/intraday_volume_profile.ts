/**
 * The intraday volume profile: mean volume by minute of the trading day (night session first),
 * and its chart on a session-time axis, where the U shape within each session and the bursts at
 * the opens show.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { BarTable } from "../data/schema.ts";
import { document } from "../plot/mod.ts";
import { DAY_MS, MINUTE_MS, type SessionName, SESSIONS } from "../calendar/mod.ts";
import { sessionAxis } from "./session_axis.ts";

/** Mean volume of the bars ending at one minute of the day. */
export interface VolumeProfilePoint {
  /** Session of the minute. */
  session: SessionName;
  /** Bar-end minute of the day (0…1439), e.g. 541 for the 09:01 bar. */
  minute: number;
  /** Bar-end time of day, "HH:MM". */
  time: string;
  /** Number of bars that end at this minute. */
  bars: number;
  /** Their mean volume, lots. */
  meanVolume: number;
  /** `meanVolume` divided by the mean volume of all the table's session bars. */
  relativeVolume: number;
}

/**
 * Mean volume by bar-end minute, for every minute at which the table has a bar, in trading-day
 * order (night 21:01…23:00, then 09:01…15:00). Bars outside the sessions are ignored. Throws
 * RangeError when the table has no session bar or no volume at all (every volume 0, as in tick
 * files without traded volume).
 *
 * @example
 * ```ts
 * const profile = intradayVolumeProfile(table);
 * profile[0]; // { session: "night", minute: 1261, time: "21:01", bars: 236, meanVolume: 10250, … }
 * ```
 */
export function intradayVolumeProfile(table: BarTable): VolumeProfilePoint[] {
  const sum = new Float64Array(1440), count = new Int32Array(1440);
  let total = 0, n = 0;
  for (let i = 0; i < table.time.length; i++) {
    const t = table.time[i];
    const m = Math.round((t - Math.floor(t / DAY_MS) * DAY_MS) / MINUTE_MS);
    if (!SESSIONS.some((s) => m > s.open && m <= s.close)) continue;
    sum[m] += table.volume[i];
    count[m]++;
    total += table.volume[i];
    n++;
  }
  if (n === 0) throw new RangeError(`${table.source} has no bar inside the SHFE rb sessions`);
  if (total === 0) {
    throw new RangeError(`${table.source} has no volume (every bar's volume is 0)`);
  }
  const overall = total / n;
  const out: VolumeProfilePoint[] = [];
  for (const s of SESSIONS) {
    for (let m = s.open + 1; m <= s.close; m++) {
      if (count[m] === 0) continue;
      const meanVolume = sum[m] / count[m];
      out.push({
        session: s.name,
        minute: m,
        time: `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`,
        bars: count[m],
        meanVolume,
        relativeVolume: meanVolume / overall,
      });
    }
  }
  return out;
}

/**
 * The volume profile of each labelled table that has traded volume, as plot series in the given
 * order; a table whose every volume is 0 (tick files without traded volume) is left out.
 *
 * @example
 * ```ts
 * showPlot(intradayVolumePlot(volumeProfiles({ synthetic: table, ...real.tables })));
 * ```
 */
export function volumeProfiles(
  tables: Readonly<Record<string, BarTable>>,
): VolumeProfileSeries[] {
  return Object.entries(tables)
    .filter(([, t]) => t.volume.some((v) => v > 0))
    .map(([label, t]) => ({ label, profile: intradayVolumeProfile(t) }));
}

/** One line of {@linkcode intradayVolumePlot}. */
export interface VolumeProfileSeries {
  /** Legend label, e.g. "synthetic 2023". */
  label: string;
  /** The profile from {@linkcode intradayVolumeProfile}. */
  profile: readonly VolumeProfilePoint[];
}

/** Options of {@linkcode intradayVolumePlot}. */
export interface VolumePlotOptions {
  /** Plot volume relative to each series' mean (true, default) or in lots (false). */
  relative?: boolean;
  /** Chart title. Default "Intraday volume profile". */
  title?: string;
  /** Width in px. Default 960. */
  width?: number;
  /** Height in px. Default 340. */
  height?: number;
}

const SESSION_LABEL: Partial<Record<SessionName, string>> = {
  night: "night (previous evening)",
  am1: "morning I",
  am2: "morning II",
  pm: "afternoon",
};

/**
 * Profiles as lines on a session-time axis ({@linkcode sessionAxis}, breaks shortened to 15
 * minutes, ticks every 30 minutes), one colour per series and one line per session, sessions
 * shaded and named. With `relative` (default) the y axis is volume ÷ the series' mean, so files
 * with different volume levels (or volume counted on both sides of a trade) compare by shape.
 *
 * @example
 * ```ts
 * showPlot(intradayVolumePlot([
 *   { label: "synthetic 2023", profile: intradayVolumeProfile(table) },
 *   { label: "real rb 2017-06", profile: intradayVolumeProfile(real) },
 * ]));
 * ```
 * @param options.relative volume ÷ series mean (default true) or lots.
 * @param options.title chart title; default "Intraday volume profile".
 * @param options.width width in px; default 960.
 * @param options.height height in px; default 340.
 */
export function intradayVolumePlot(
  series: readonly VolumeProfileSeries[],
  options: VolumePlotOptions = {},
): Element {
  const relative = options.relative ?? true;
  // One representative trading day: the night on day 0, the day sessions on day 1.
  const minutes: { minute: number; t: number }[] = [];
  for (const s of SESSIONS) {
    const day = s.name === "night" ? 0 : DAY_MS;
    for (let m = s.open + 1; m <= s.close; m++) minutes.push({ minute: m, t: day + m * MINUTE_MS });
  }
  const axis = sessionAxis(minutes.map((m) => m.t), { gap: 15, tickMinutes: 30 });
  const xOf = new Map(minutes.map((m, k) => [m.minute, axis.x[k]]));
  // Drawn last series first, so that the first series (the main one) is on top.
  const data = [...series].reverse().flatMap((s) =>
    s.profile.map((p) => ({
      x: xOf.get(p.minute)!,
      y: relative ? p.relativeVolume : p.meanVolume,
      label: s.label,
      line: `${s.label}/${p.session}`,
    }))
  );
  const tickLabel = new Map(axis.ticks.map((t) => [t.x, t.label]));
  const spans = axis.sessions.map((s) => ({ ...s, text: SESSION_LABEL[s.name] }));
  return Plot.plot({
    document,
    title: options.title ?? "Intraday volume profile",
    width: options.width ?? 960,
    height: options.height ?? 340,
    marginLeft: 56,
    marginBottom: 44,
    insetTop: 22,
    x: {
      ticks: axis.ticks.map((t) => t.x),
      tickFormat: (x: number) => tickLabel.get(x) ?? "",
      label: "bar-end time of day, Asia/Shanghai (breaks shortened) →",
      labelAnchor: "right",
    },
    y: {
      label: relative ? "↑ mean volume ÷ the series' mean volume" : "↑ mean volume (lots per bar)",
      grid: true,
      zero: true,
    },
    color: { legend: true, domain: series.map((s) => s.label) },
    marks: [
      Plot.rect(spans, { x1: "x0", x2: "x1", fill: "#eef0f4" }),
      Plot.text(spans, {
        x: (s: { x0: number; x1: number }) => (s.x0 + s.x1) / 2,
        text: "text",
        frameAnchor: "top",
        dy: 6,
        fontSize: 11,
        fill: "#555",
      }),
      relative ? Plot.ruleY([1], { stroke: "#999", strokeDasharray: "4,3" }) : Plot.ruleY([0]),
      Plot.lineY(data, { x: "x", y: "y", z: "line", stroke: "label", strokeWidth: 1.4 }),
    ],
  });
}
