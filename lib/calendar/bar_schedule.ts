/**
 * The bar-end stamps of a run of trading days.
 *
 * @module
 */
import { DAY_MS, dayNumber, MINUTE_MS } from "./day_number.ts";
import { hasNightSession, previousWeekday } from "./has_night_session.ts";
import { isNightSession, sessionBars, SESSIONS, type SessionTable } from "./sessions.ts";
import { type CalendarOptions, isTradingDay } from "./trading_days.ts";

/** Bar-end stamps and their trading days, in time order. */
export interface BarSchedule {
  /** Bar end, naive-local ms. */
  time: Float64Array;
  /** Trading day of each bar, YYYYMMDD. */
  tradingDay: Int32Array;
}

/** Options of {@linkcode barSchedule}. */
export interface BarScheduleOptions extends CalendarOptions {
  /** The product's sessions. Default rb's ({@linkcode SESSIONS}). */
  sessions?: SessionTable;
}

/**
 * All one-minute bar-end stamps of the given trading days (YYYYMMDD, strictly increasing), in
 * time order: for each day its night session (on the previous weekday's evening, past midnight
 * for 01:00 and 02:30 products) when the table has one and {@linkcode hasNightSession}, then the
 * day sessions. With rb's sessions (the default) that is 345 bars on a full day (21:01…23:00,
 * 09:01…10:15, 10:31…11:30, 13:31…15:00) and 225 without a night session. Throws RangeError for
 * a non-trading or out-of-order day. Calendar options as in {@linkcode tradingDays} (default
 * `unknownHolidays: "throw"`).
 *
 * @example
 * ```ts
 * const { time, tradingDay } = barSchedule(tradingDays(2023));
 * time.length; // 82_770 (236 days × 345 + 6 days after a holiday × 225)
 * barSchedule([20230109], { sessions: commoditySessions("02:30") }).time.length; // 555
 * ```
 */
export function barSchedule(
  days: ArrayLike<number>,
  options: BarScheduleOptions = {},
): BarSchedule {
  const sessions = options.sessions ?? SESSIONS;
  const bars = sessionBars(sessions);
  const night = new Uint8Array(days.length);
  let n = 0;
  for (let i = 0; i < days.length; i++) {
    if (i > 0 && days[i] <= days[i - 1]) {
      throw new RangeError(`Trading days must increase strictly: ${days[i]} after ${days[i - 1]}`);
    }
    if (!isTradingDay(days[i], options)) {
      throw new RangeError(`${days[i]} is not an SHFE trading day`);
    }
    night[i] = bars.night > 0 && hasNightSession(days[i], options) ? 1 : 0;
    n += bars.day + (night[i] ? bars.night : 0);
  }
  const time = new Float64Array(n);
  const tradingDay = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    for (const s of sessions) {
      let midnight: number;
      if (isNightSession(s)) {
        if (!night[i]) continue;
        midnight = dayNumber(previousWeekday(day)) * DAY_MS;
      } else {
        midnight = dayNumber(day) * DAY_MS;
      }
      for (let m = s.open + 1; m <= s.close; m++) {
        time[k] = midnight + m * MINUTE_MS;
        tradingDay[k++] = day;
      }
    }
  }
  return { time, tradingDay };
}
