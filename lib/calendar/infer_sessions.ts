/**
 * Sessions read from a file's own timestamps, for the generic mode (products outside the
 * instrument table, or data whose hours differ from today's).
 *
 * @module
 */
import { DAY_MS, MINUTE_MS } from "./day_number.ts";
import { type SessionSpec, type SessionTable } from "./sessions.ts";

/** Options of {@linkcode inferSessions}. */
export interface InferSessionsOptions {
  /**
   * A bar-end minute of the day is in a session when at least this share of the busiest minute's
   * count of bars ends there. Default 0.05: a minute that trades on one day in twenty still counts,
   * a stray bar does not.
   */
  minShare?: number;
  /** Bar length in minutes (bar-end minutes are then `minutes` apart). Default 1. */
  barMinutes?: number;
}

function names(count: number): string[] {
  if (count === 1) return ["day"];
  if (count === 2) return ["am", "pm"];
  if (count === 3) return ["am1", "am2", "pm"];
  return Array.from({ length: count }, (_, k) => `s${k + 1}`);
}

/**
 * The sessions of bar-end stamps (naive-local ms): the runs of bar-end minutes of the day that
 * carry bars, each run a session from one bar before its first stamp to its last stamp. A run
 * that reaches midnight and one that starts right after it are one night session (close > 1440),
 * and so are evening runs with minutes without bars between them.
 * A session opening after 18:00 is named `night`; the day sessions are named by count (`day`;
 * `am`, `pm`; `am1`, `am2`, `pm`; else `s1`, `s2`, …). Throws RangeError when there are no bars.
 *
 * @example
 * ```ts
 * formatSessions(inferSessions(rbTable.time));
 * // "night 21:00–23:00, am1 09:00–10:15, am2 10:30–11:30, pm 13:30–15:00"
 * ```
 * @param options.minShare minimum share of the busiest minute's count; default 0.05.
 * @param options.barMinutes bar length in minutes; default 1.
 */
export function inferSessions(
  time: ArrayLike<number>,
  options: InferSessionsOptions = {},
): SessionTable {
  const minShare = options.minShare ?? 0.05;
  const step = options.barMinutes ?? 1;
  if (time.length === 0) throw new RangeError("Cannot infer sessions from no bars");
  // counts[m] for bar-end minute m = 1…1440 (a stamp at 00:00 ends the day's last minute).
  const counts = new Int32Array(1441);
  for (let i = 0; i < time.length; i++) {
    const t = time[i];
    let m = Math.round((t - Math.floor(t / DAY_MS) * DAY_MS) / MINUTE_MS);
    if (m === 0) m = 1440;
    counts[m]++;
  }
  let max = 0;
  for (let m = 1; m <= 1440; m++) max = Math.max(max, counts[m]);
  const on = (m: number) => counts[m] > 0 && counts[m] >= minShare * max;
  // Runs of minutes with bars, allowing `step − 1` empty minutes between bar ends of N-min bars.
  const runs: [number, number][] = [];
  let start = -1, last = -1;
  for (let m = 1; m <= 1440; m++) {
    if (!on(m)) continue;
    if (start >= 0 && m - last <= step) last = m;
    else {
      if (start >= 0) runs.push([start, last]);
      (start = m, last = m);
    }
  }
  if (start >= 0) runs.push([start, last]);
  let night: SessionSpec | null = null;
  // A run ending at midnight joined with one starting right after it: a night past midnight.
  if (runs.length > 1 && runs.at(-1)![1] === 1440 && runs[0][0] <= step) {
    const [a] = runs.pop()!, [, b] = runs.shift()!;
    night = { name: "night", open: a - step, close: 1440 + b };
  }
  const day: [number, number][] = [];
  for (const [a, b] of runs) {
    if (a - step < 18 * 60) day.push([a - step, b]);
    // Evening runs apart from each other make one night session from the first to the last.
    else if (night === null) night = { name: "night", open: a - step, close: b };
    else {night = {
        name: "night",
        open: Math.min(night.open, a - step),
        close: Math.max(night.close, b),
      };}
  }
  const label = names(day.length);
  const out: SessionSpec[] = night ? [Object.freeze(night)] : [];
  day.forEach(([open, close], k) => out.push(Object.freeze({ name: label[k], open, close })));
  if (out.length === 0) throw new RangeError("Cannot infer sessions: no minute carries bars");
  return Object.freeze(out);
}
