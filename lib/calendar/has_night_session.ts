/**
 * Whether a trading day has a night session.
 *
 * @module
 */
import { dayNumber, weekdayOfDayNumber, ymdOfDayNumber } from "./day_number.ts";
import { type CalendarOptions, isTradingDay } from "./trading_days.ts";

/**
 * The weekday before a YYYYMMDD date (Friday for a Monday).
 *
 * @example
 * ```ts
 * previousWeekday(20230605); // 20230602
 * ```
 */
export function previousWeekday(day: number): number {
  let dn = dayNumber(day) - 1;
  while (weekdayOfDayNumber(dn) === 0 || weekdayOfDayNumber(dn) === 6) dn--;
  return ymdOfDayNumber(dn);
}

/**
 * Whether trading day `day` (YYYYMMDD) has a night session, i.e. trading on the evening of the
 * previous weekday. It does iff that previous weekday is itself a trading day: the exchange holds
 * no night session on the evening before a holiday break, so the first trading day after any
 * holiday (including a Tuesday after a Monday holiday) has none, while a normal Monday has one
 * (Friday evening). Throws RangeError when `day` is not a trading day. Options as in
 * {@linkcode tradingDays} (default `unknownHolidays: "throw"`).
 *
 * @example
 * ```ts
 * hasNightSession(20230103); // false (2023-01-02 was a holiday)
 * hasNightSession(20230109); // true (Friday 2023-01-06 evening)
 * ```
 */
export function hasNightSession(day: number, options: CalendarOptions = {}): boolean {
  if (!isTradingDay(day, options)) throw new RangeError(`${day} is not an SHFE trading day`);
  return isTradingDay(previousWeekday(day), options);
}
