/**
 * SHFE trading days: weekdays minus the exchange holidays in {@linkcode SHFE_HOLIDAYS}.
 *
 * @module
 */
import { dayNumber, weekdayOfDayNumber, ymdOfDayNumber } from "./day_number.ts";
import { SHFE_HOLIDAYS } from "./holidays.ts";

/** Options shared by the calendar functions. */
export interface CalendarOptions {
  /**
   * What to do for a year without a holiday table. `"throw"` (default) throws a RangeError naming
   * the year; `"weekdays-only"` treats every weekday of that year as a trading day (no holidays).
   * Use the latter for multi-year synthetic runs and for old real data, knowing that holidays of
   * those years will then look like trading days.
   */
  unknownHolidays?: "throw" | "weekdays-only";
}

const cache = new Map<string, Int32Array>();

function yearDays(year: number, options: CalendarOptions): Int32Array {
  if (!Number.isInteger(year)) throw new RangeError(`Year must be an integer, got ${year}`);
  const holidays = SHFE_HOLIDAYS[year];
  const mode = options.unknownHolidays ?? "throw";
  if (mode !== "throw" && mode !== "weekdays-only") {
    throw new RangeError(`unknownHolidays must be "throw" or "weekdays-only", got ${mode}`);
  }
  if (holidays === undefined && mode === "throw") {
    throw new RangeError(
      `No SHFE holiday table for year ${year}; pass { unknownHolidays: "weekdays-only" } to treat ` +
        `every weekday of ${year} as a trading day`,
    );
  }
  const key = holidays === undefined ? `w${year}` : `${year}`;
  let days = cache.get(key);
  if (days === undefined) {
    const closed = new Set(holidays ?? []);
    const out: number[] = [];
    const first = dayNumber(year * 10000 + 101), last = dayNumber(year * 10000 + 1231);
    for (let d = first; d <= last; d++) {
      const w = weekdayOfDayNumber(d);
      const ymd = ymdOfDayNumber(d);
      if (w !== 0 && w !== 6 && !closed.has(ymd)) out.push(ymd);
    }
    days = Int32Array.from(out);
    cache.set(key, days);
  }
  return days;
}

/**
 * The trading days of a calendar year as YYYYMMDD integers, ascending: weekdays minus SHFE
 * holidays. Throws RangeError for a year without a holiday table unless
 * `options.unknownHolidays === "weekdays-only"` (default `"throw"`).
 *
 * @example
 * ```ts
 * tradingDays(2023).length; // 242
 * tradingDays(2019, { unknownHolidays: "weekdays-only" }).length; // 261 (all weekdays)
 * ```
 */
export function tradingDays(year: number, options: CalendarOptions = {}): number[] {
  return Array.from(yearDays(year, options));
}

/**
 * Whether a YYYYMMDD date is an SHFE trading day. Throws like {@linkcode tradingDays} for a year
 * without a holiday table (default `unknownHolidays: "throw"`).
 *
 * @example
 * ```ts
 * isTradingDay(20230103); // true
 * isTradingDay(20230102); // false (New Year holiday)
 * ```
 */
export function isTradingDay(day: number, options: CalendarOptions = {}): boolean {
  const dn = dayNumber(day);
  const w = weekdayOfDayNumber(dn);
  if (w === 0 || w === 6) return false;
  const days = yearDays(Math.floor(day / 10000), options);
  // Binary search in the sorted year.
  let lo = 0, hi = days.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid] === day) return true;
    if (days[mid] < day) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The first trading day strictly after the YYYYMMDD date `day` (which need not be a trading day).
 * Options as in {@linkcode tradingDays} (default `unknownHolidays: "throw"`).
 *
 * @example
 * ```ts
 * nextTradingDay(20230120); // 20230130 (Friday before the Spring Festival break)
 * ```
 */
export function nextTradingDay(day: number, options: CalendarOptions = {}): number {
  let dn = dayNumber(day);
  for (let i = 0; i < 40; i++) {
    dn++;
    const ymd = ymdOfDayNumber(dn);
    if (isTradingDay(ymd, options)) return ymd;
  }
  throw new RangeError(`No trading day within 40 days after ${day}`);
}

/**
 * The last trading day strictly before the YYYYMMDD date `day`. Options as in
 * {@linkcode tradingDays} (default `unknownHolidays: "throw"`).
 *
 * @example
 * ```ts
 * previousTradingDay(20230130); // 20230120
 * ```
 */
export function previousTradingDay(day: number, options: CalendarOptions = {}): number {
  let dn = dayNumber(day);
  for (let i = 0; i < 40; i++) {
    dn--;
    const ymd = ymdOfDayNumber(dn);
    if (isTradingDay(ymd, options)) return ymd;
  }
  throw new RangeError(`No trading day within 40 days before ${day}`);
}
