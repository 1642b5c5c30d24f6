/**
 * The trading day a bar belongs to.
 *
 * @module
 */
import { DAY_MS, weekdayOfDayNumber, ymdOfDayNumber } from "./day_number.ts";
import { isNightSession, sessionOf, SESSIONS, type SessionTable } from "./sessions.ts";
import { type CalendarOptions, nextTradingDay } from "./trading_days.ts";

/** Options of {@linkcode tradingDayOf}. */
export interface TradingDayOptions extends CalendarOptions {
  /** The product's sessions. Default rb's ({@linkcode SESSIONS}). */
  sessions?: SessionTable;
}

const nightCache = new Map<number, number>();

function isoOf(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 19) : String(time);
}

/**
 * The trading day (YYYYMMDD) of a bar-end stamp `time` (naive-local ms). Day-session bars belong
 * to their calendar date; night bars (from 21:01 to the night close, also after midnight for
 * 01:00 and 02:30 products) to the next trading day after the evening their session opened on
 * (Friday night → Monday, or later after a holiday), which uses the holiday tables. Throws
 * RangeError for a time outside the sessions, a day bar on a weekend, a night session opened on a
 * Saturday or Sunday evening, or (default `unknownHolidays: "throw"`) a night bar whose next
 * trading day falls in a year without a holiday table.
 *
 * @example
 * ```ts
 * tradingDayOf(Date.UTC(2023, 0, 6, 21, 1)); // 20230109 (Friday night → Monday)
 * tradingDayOf(Date.UTC(2023, 0, 9, 9, 1)); // 20230109
 * tradingDayOf(Date.UTC(2023, 0, 7, 1, 0), { sessions: commoditySessions("01:00") }); // 20230109
 * ```
 */
export function tradingDayOf(time: number, options: TradingDayOptions = {}): number {
  const sessions = options.sessions ?? SESSIONS;
  const session = sessionOf(time, sessions);
  if (session === null) {
    throw new RangeError(`Time ${isoOf(time)} is outside the sessions`);
  }
  const spec = sessions.find((s) => s.name === session.name)!;
  const dn = Math.floor(session.start / DAY_MS);
  const w = weekdayOfDayNumber(dn);
  if (!isNightSession(spec)) {
    if (w === 0 || w === 6) throw new RangeError(`Time ${isoOf(time)} is on a weekend`);
    return ymdOfDayNumber(dn);
  }
  if (w === 0 || w === 6) {
    throw new RangeError(`Time ${isoOf(time)} is a weekend evening: there is no night session`);
  }
  const weekdaysOnly = options.unknownHolidays === "weekdays-only";
  const key = dn * 2 + (weekdaysOnly ? 1 : 0);
  let next = nightCache.get(key);
  if (next === undefined) {
    next = nextTradingDay(ymdOfDayNumber(dn), options);
    nightCache.set(key, next);
  }
  return next;
}
