/**
 * The trading day of each bar of a file that does not carry one.
 *
 * Rule: a day bar (bar end after 03:00 and at or before 20:00, wall clock) belongs to its calendar
 * date. A night bar (bar end after 20:00, or at or before 03:00 for sessions that ran past
 * midnight) belongs to the trading day of the next day bar in the file, so Friday-night bars
 * belong to Monday (or to the first day after a holiday). Night bars with no later day bar in the
 * file get the first trading day after their evening from lib/calendar (`nextTradingDay` with
 * `unknownHolidays: "weekdays-only"`): by the holiday tables, or the next weekday for years
 * without one. The rule needs no session table, so it serves every product (night sessions to
 * 23:00, 01:00 or 02:30) and the generic mode alike.
 *
 * @module
 */
import { nextTradingDay } from "../calendar/mod.ts";
import { formatLocalDateTime, formatTradingDay, ymdOfTime } from "./local_time.ts";

const DAY_MS = 86_400_000;
/** A bar ending after this time of day (20:00, in ms) is a night bar. */
export const NIGHT_AFTER_MS = 20 * 3_600_000;
/** A bar ending at or before this time of day (03:00, in ms) is a night bar (after midnight). */
export const NIGHT_UNTIL_MS = 3 * 3_600_000;

/**
 * Whether a bar-end stamp is a night bar: time of day after 20:00, or at or before 03:00.
 *
 * @example
 * ```ts
 * isNightBar(Date.UTC(2023, 0, 3, 21, 1)); // true
 * isNightBar(Date.UTC(2023, 0, 3, 15, 0)); // false
 * ```
 */
export function isNightBar(time: number): boolean {
  const tod = time - Math.floor(time / DAY_MS) * DAY_MS;
  return tod > NIGHT_AFTER_MS || tod <= NIGHT_UNTIL_MS;
}

/**
 * The YYYYMMDD calendar date of the evening a night bar belongs to (the previous date for bars
 * after midnight). For a day bar, its own date.
 *
 * @example
 * ```ts
 * eveningDateOf(Date.UTC(2023, 0, 7, 0, 30)); // 20230106 (Friday night, after midnight)
 * ```
 */
export function eveningDateOf(time: number): number {
  const tod = time - Math.floor(time / DAY_MS) * DAY_MS;
  return ymdOfTime(tod <= NIGHT_UNTIL_MS ? time - DAY_MS : time);
}

/** Options of {@linkcode deriveTradingDays}. */
export interface DeriveTradingDaysOptions {
  /** Names row `index` (0-based) in error messages; default `` `bar ${index + 1}` ``. */
  rowLabel?: (index: number) => string;
}

/**
 * Trading days (YYYYMMDD) of bar-end stamps in time order, by the rule in the module doc. Throws
 * RangeError (naming the row) when a trailing night bar's trading day cannot be derived (its
 * evening is a Saturday or a Sunday: there is no night session then).
 *
 * @example
 * ```ts
 * const fri = Date.UTC(2017, 5, 2, 21, 1), mon = Date.UTC(2017, 5, 5, 9, 1);
 * deriveTradingDays(new Float64Array([fri, mon])); // Int32Array [20170605, 20170605]
 * ```
 * @param options.rowLabel how errors name a row; default `bar N` (1-based).
 */
export function deriveTradingDays(
  time: Float64Array,
  options: DeriveTradingDaysOptions = {},
): Int32Array {
  const label = options.rowLabel ?? ((i: number) => `bar ${i + 1}`);
  const n = time.length;
  const out = new Int32Array(n);
  let next = 0, misdated = -1;
  let cachedDay = NaN, cachedYmd = 0;
  for (let i = n - 1; i >= 0; i--) {
    const t = time[i];
    if (isNightBar(t)) {
      if (next !== 0) {
        if (next <= eveningDateOf(t)) misdated = i; // the earliest such row is reported
        out[i] = next;
      } else {
        const day = Math.floor(t / DAY_MS);
        const eveningDay = t - day * DAY_MS <= NIGHT_UNTIL_MS ? day - 1 : day;
        const weekday = (eveningDay + 4) % 7; // 0 Sunday … 6 Saturday
        if (weekday === 0 || weekday === 6) {
          throw new RangeError(
            `${label(i)}: cannot derive the trading day of night bar ${formatLocalDateTime(t)} ` +
              `(no later day bar in the file): it falls on a weekend evening, when there is no ` +
              `night session`,
          );
        }
        out[i] = nextTradingDay(eveningDateOf(t), { unknownHolidays: "weekdays-only" });
      }
    } else {
      const day = Math.floor(t / DAY_MS);
      if (day !== cachedDay) (cachedDay = day, cachedYmd = ymdOfTime(t));
      out[i] = next = cachedYmd;
    }
  }
  if (misdated >= 0) {
    const t = time[misdated];
    throw new RangeError(
      `${label(misdated)}: night bar ${formatLocalDateTime(t)} comes before a day bar of ` +
        `${formatTradingDay(out[misdated])}, not after it: the file seems to date its night bars ` +
        `by their trading day, as some data sources do; Trendformer expects the calendar date ` +
        `of the evening (a Friday night dated Friday, not Monday)`,
    );
  }
  return out;
}
