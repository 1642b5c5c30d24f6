/**
 * Calendar-day arithmetic on YYYYMMDD integers and naive-local epoch milliseconds.
 *
 * A "day number" is whole days since 1970-01-01 (naive local), so `dayNumber * 86_400_000` is
 * the naive-local midnight that starts the day.
 *
 * @module
 */

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;
/** Milliseconds in a minute. */
export const MINUTE_MS = 60_000;

/**
 * The day number (days since 1970-01-01) of a YYYYMMDD integer. Throws RangeError for an
 * invalid date.
 *
 * @example
 * ```ts
 * dayNumber(19700102); // 1
 * ```
 */
export function dayNumber(ymd: number): number {
  const y = Math.floor(ymd / 10000), m = Math.floor(ymd / 100) % 100, d = ymd % 100;
  const ms = Date.UTC(y, m - 1, d);
  if (!Number.isInteger(ymd) || m < 1 || m > 12 || d < 1 || new Date(ms).getUTCDate() !== d) {
    throw new RangeError(`Not a valid YYYYMMDD date: ${ymd}`);
  }
  return ms / DAY_MS;
}

/**
 * The YYYYMMDD integer of a day number.
 *
 * @example
 * ```ts
 * ymdOfDayNumber(1); // 19700102
 * ```
 */
export function ymdOfDayNumber(day: number): number {
  const dt = new Date(day * DAY_MS);
  return dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
}

/**
 * Weekday of a day number: 0 Sunday … 6 Saturday.
 *
 * @example
 * ```ts
 * weekdayOfDayNumber(dayNumber(20230102)); // 1 (Monday)
 * ```
 */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
