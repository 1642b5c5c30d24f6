/**
 * A "session time" x axis for charts of one-minute bars: trading minutes laid end to end, with
 * every break (the 10:15 pause, lunch, the evening and the night, weekends, holidays) shortened to
 * the same small gap. Real time would spend most of a chart's width on closed hours; bar order
 * would hide where the breaks are. Here each session is a block of its true length in minutes and
 * each break is a visible gap.
 *
 * @module
 */
import { DAY_MS, MINUTE_MS, type SessionName, sessionOf } from "../calendar/mod.ts";

/** One session instance on the axis. */
export interface SessionSpan {
  /** Session name (night, am1, am2, pm). */
  name: SessionName;
  /** Session open, naive-local ms (the first bar ends one minute later). */
  start: number;
  /** Session close, naive-local ms (the last bar-end stamp). */
  end: number;
  /** x of the open. */
  x0: number;
  /** x of the close: x0 + the session's length in minutes. */
  x1: number;
  /** Index (into the input times) of the session's first bar. */
  first: number;
  /** Index of its last bar. */
  last: number;
}

/** An x-axis tick: its position, time and "HH:MM" label. */
export interface AxisTick {
  /** Position on the axis. */
  x: number;
  /** Naive-local ms of the tick. */
  time: number;
  /** "HH:MM" of the tick. */
  label: string;
}

/** What {@linkcode sessionAxis} returns. */
export interface SessionAxis {
  /** x of each bar: its session's x0 + minutes from the open to the bar end. */
  x: Float64Array;
  /** The session instances, in time order. */
  sessions: SessionSpan[];
  /** Ticks: each session's open, round times inside sessions, and the last close. */
  ticks: AxisTick[];
}

/** Options of {@linkcode sessionAxis}. */
export interface SessionAxisOptions {
  /** Width of every break on the axis, in minutes. Default 10. */
  gap?: number;
  /** Interior ticks at times of day that are multiples of this many minutes. Default 60. */
  tickMinutes?: number;
  /**
   * Interior ticks closer than this (minutes) to their session's open or close are dropped, so
   * labels do not collide across a short break. Default `tickMinutes / 2`.
   */
  tickClearance?: number;
}

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

/**
 * Positions bar-end stamps (naive-local ms, strictly increasing, each inside an SHFE rb session)
 * on a session-time axis. A bar ending at `t` in a session opened at `start` sits at
 * `x0 + (t − start) / 1 min`; the next session instance starts `gap` minutes after this one's
 * close. Missing bars inside a session keep their place (the axis is time, not bar count).
 *
 * Throws RangeError for a time outside every session or times that do not increase.
 *
 * @example
 * ```ts
 * const { x, sessions, ticks } = sessionAxis(table.time.subarray(0, 345), { gap: 10 });
 * // night 21:01 → x = 1; 09:01 → x = 120 + 10 + 1 = 131
 * ticks.map((t) => t.label); // ["21:00", "22:00", "09:00", "10:30", "11:00", "13:30", "14:00", "15:00"]
 * ```
 * @param options.gap break width in minutes; default 10.
 * @param options.tickMinutes interior tick spacing in minutes; default 60.
 * @param options.tickClearance minimum minutes between an interior tick and its session's
 *   open or close; default tickMinutes / 2.
 */
export function sessionAxis(
  time: ArrayLike<number>,
  options: SessionAxisOptions = {},
): SessionAxis {
  const gap = options.gap ?? 10;
  const every = options.tickMinutes ?? 60;
  const clearance = options.tickClearance ?? every / 2;
  if (!(Number.isFinite(gap) && gap >= 0)) {
    throw new RangeError(`Session axis gap must be a non-negative number, got ${gap}`);
  }
  if (!(Number.isInteger(every) && every >= 1)) {
    throw new RangeError(`Session axis tickMinutes must be a positive integer, got ${every}`);
  }
  const n = time.length;
  const x = new Float64Array(n);
  const sessions: SessionSpan[] = [];
  let cur: SessionSpan | null = null;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (i > 0 && !(t > time[i - 1])) {
      throw new RangeError(`Times must increase strictly: row ${i} is not after row ${i - 1}`);
    }
    const s = sessionOf(t);
    if (s === null) {
      const iso = Number.isFinite(t) ? new Date(t).toISOString().slice(0, 19) : String(t);
      throw new RangeError(`Row ${i} (${iso}) is outside the SHFE rb sessions`);
    }
    if (cur === null || s.start !== cur.start) {
      const x0: number = cur === null ? 0 : cur.x1 + gap;
      const x1 = x0 + (s.end - s.start) / MINUTE_MS;
      cur = { name: s.name, start: s.start, end: s.end, x0, x1, first: i, last: i };
      sessions.push(cur);
    }
    cur.last = i;
    x[i] = cur.x0 + (t - cur.start) / MINUTE_MS;
  }

  const ticks: AxisTick[] = [];
  const step = every * MINUTE_MS;
  for (const s of sessions) {
    ticks.push({ x: s.x0, time: s.start, label: hhmm(s.start) });
    const midnight = Math.floor(s.start / DAY_MS) * DAY_MS;
    for (let t = midnight + Math.ceil((s.start - midnight) / step) * step; t < s.end; t += step) {
      const fromOpen = (t - s.start) / MINUTE_MS, toClose = (s.end - t) / MINUTE_MS;
      if (fromOpen > 0 && fromOpen >= clearance && toClose >= clearance) {
        ticks.push({ x: s.x0 + fromOpen, time: t, label: hhmm(t) });
      }
    }
  }
  const last = sessions.at(-1);
  if (last) ticks.push({ x: last.x1, time: last.end, label: hhmm(last.end) });
  return { x, sessions, ticks };
}
