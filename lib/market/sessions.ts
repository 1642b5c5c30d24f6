/**
 * SHFE rb trading sessions and the session a bar-end stamp belongs to.
 *
 * Bars are stamped at their END (naive-local ms), so a session open at 09:00 has bar-end stamps
 * 09:01 … 10:15: a stamp `t` is in a session when `open < t ≤ close` (time of day).
 *
 * @module
 */
import { DAY_MS, MINUTE_MS } from "./day_number.ts";

/** Session names in the order they occur within a trading day (night is the evening before). */
export type SessionName = "night" | "am1" | "am2" | "pm";

/** One session as minutes after local midnight: open (exclusive for bar ends) and close. */
export interface SessionSpec {
  /** Session name. */
  readonly name: SessionName;
  /** Open, minutes after midnight (first bar ends at open + 1). */
  readonly open: number;
  /** Close, minutes after midnight (last bar ends at close). */
  readonly close: number;
}

/**
 * The SHFE rb sessions in trading-day order: night 21:00–23:00 (120 bars, on the previous
 * weekday's evening), am1 09:00–10:15 (75), am2 10:30–11:30 (60), pm 13:30–15:00 (90).
 */
export const SESSIONS: readonly SessionSpec[] = Object.freeze(
  [
    Object.freeze({ name: "night", open: 21 * 60, close: 23 * 60 }),
    Object.freeze({ name: "am1", open: 9 * 60, close: 10 * 60 + 15 }),
    Object.freeze({ name: "am2", open: 10 * 60 + 30, close: 11 * 60 + 30 }),
    Object.freeze({ name: "pm", open: 13 * 60 + 30, close: 15 * 60 }),
  ] as const,
);

/** Number of one-minute bars in the day sessions (am1 + am2 + pm). */
export const DAY_BARS = 225;
/** Number of one-minute bars in the night session. */
export const NIGHT_BARS = 120;

/** A session instance: its name and its open and close as naive-local epoch ms. */
export interface Session {
  /** Session name. */
  name: SessionName;
  /** Session open instant, naive-local ms (not itself a bar-end stamp). */
  start: number;
  /** Session close instant, naive-local ms (the last bar-end stamp). */
  end: number;
}

/**
 * The session whose bar-end stamps include `time` (naive-local ms), or null when `time` is not
 * inside a session (open < time-of-day ≤ close). Looks at the time of day only: weekends and
 * holidays are the calendar's business ({@linkcode tradingDayOf}).
 *
 * @example
 * ```ts
 * sessionOf(Date.UTC(2023, 0, 3, 9, 1)); // { name: "am1", start: …09:00, end: …10:15 }
 * sessionOf(Date.UTC(2023, 0, 3, 9, 0)); // null (09:00 is the open, not a bar end)
 * ```
 */
export function sessionOf(time: number): Session | null {
  if (!Number.isFinite(time)) return null;
  const midnight = Math.floor(time / DAY_MS) * DAY_MS;
  const minute = (time - midnight) / MINUTE_MS;
  for (const s of SESSIONS) {
    if (minute > s.open && minute <= s.close) {
      return {
        name: s.name,
        start: midnight + s.open * MINUTE_MS,
        end: midnight + s.close * MINUTE_MS,
      };
    }
  }
  return null;
}
