/**
 * The trading day a bar belongs to.
 *
 * @module
 */
import { DAY_MS, weekdayOfDayNumber, ymdOfDayNumber } from "./day_number.ts";
import { sessionOf } from "./sessions.ts";
import { type CalendarOptions, nextTradingDay } from "./trading_days.ts";

const nightCache = new Map<number, number>();

function isoOf(time: number): string {
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 19) : String(time);
}

/**
 * The trading day (YYYYMMDD) of a bar-end stamp `time` (naive-local ms). Day-session bars belong
 * to their calendar date; night bars (21:01–23:00) to the next trading day after their calendar
 * date (Friday night → Monday, or later after a holiday), which uses the holiday tables. Throws
 * RangeError for a time outside the sessions, a day bar on a weekend, a night bar on a Saturday or
 * Sunday evening, or (default `unknownHolidays: "throw"`) a night bar whose next trading day
 * falls in a year without a holiday table.
 *
 * @example
 * ```ts
 * tradingDayOf(Date.UTC(2023, 0, 6, 21, 1)); // 20230109 (Friday night → Monday)
 * tradingDayOf(Date.UTC(2023, 0, 9, 9, 1)); // 20230109
 * ```
 */
export function tradingDayOf(time: number, options: CalendarOptions = {}): number {
  const session = sessionOf(time);
  if (session === null) {
    throw new RangeError(`Time ${isoOf(time)} is outside the SHFE rb sessions`);
  }
  const dn = Math.floor(time / DAY_MS);
  const w = weekdayOfDayNumber(dn);
  if (session.name !== "night") {
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
