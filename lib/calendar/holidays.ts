/**
 * Exchange holidays: the weekdays on which the Chinese futures exchanges (SHFE, INE, DCE, CZCE,
 * CFFEX, GFEX: they share one calendar) are closed, for 2015 through 2026.
 *
 * **Where the days come from.** China's public holidays are those of the npm package
 * `chinese-days` (MIT, version 1.5.7, `dist/chinese-days.json`, which follows the State Council's
 * annual notices). A trading day is a weekday that is not a public holiday: weekend make-up working
 * days (调休) are NOT trading days, the exchanges simply stay closed. On top of the package comes a
 * short table of exchange closures on official working days ({@linkcode EXCHANGE_CLOSURES}), each
 * with its source. The combined calendar reproduces the hand-written tables of the exchanges'
 * notices for 2022–2025 and the trading days of the real sample files (tests/calendar_test.ts).
 *
 * **Not covered.** Years before 2015 or after 2026 have no table (calendar functions throw for them
 * unless told `unknownHolidays: "weekdays-only"`). Trading suspensions that were not holidays (for
 * example the night sessions suspended in February–May 2020) are not calendar facts: data that
 * lacks those sessions is simply data without them.
 *
 * @module
 */
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };

/** First calendar year with a holiday table. */
export const FIRST_HOLIDAY_YEAR = 2015;
/** Last calendar year with a holiday table. */
export const LAST_HOLIDAY_YEAR = 2026;

/** A weekday the exchanges closed although it was an official working day. */
export interface ExchangeClosure {
  /** The day, YYYYMMDD. */
  readonly day: number;
  /** Why. */
  readonly reason: string;
  /** Where it is documented. */
  readonly source: string;
}

/**
 * Exchange closures on official working days, 2015–2026. The State Council made 2024-02-09
 * (Spring Festival eve) a working day; the exchanges closed anyway.
 *
 * @example
 * ```ts
 * EXCHANGE_CLOSURES.map((c) => c.day); // [20240209]
 * ```
 */
export const EXCHANGE_CLOSURES: readonly ExchangeClosure[] = Object.freeze([
  Object.freeze({
    day: 20240209,
    reason: "Spring Festival eve (a Friday and an official working day)",
    source: "the exchanges' 2024 holiday notices (SHFE, December 2023): closed 2024-02-09 to " +
      "2024-02-17, trading resumes on Monday 2024-02-19",
  }),
]);

function weekday(ymd: number): number {
  return new Date(Date.UTC(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100 - 1, ymd % 100))
    .getUTCDay();
}

function buildTable(): Record<number, readonly number[]> {
  const byYear: Record<number, number[]> = {};
  for (let y = FIRST_HOLIDAY_YEAR; y <= LAST_HOLIDAY_YEAR; y++) byYear[y] = [];
  const add = (ymd: number) => {
    const list = byYear[Math.floor(ymd / 10000)];
    const w = weekday(ymd);
    if (list !== undefined && w !== 0 && w !== 6 && !list.includes(ymd)) list.push(ymd);
  };
  for (const iso of Object.keys(chineseDays.holidays)) add(Number(iso.replaceAll("-", "")));
  for (const c of EXCHANGE_CLOSURES) add(c.day);
  const out: Record<number, readonly number[]> = {};
  for (const [y, list] of Object.entries(byYear)) {
    out[Number(y)] = Object.freeze(list.sort((a, b) => a - b));
  }
  return out;
}

/**
 * Exchange-closed weekdays per calendar year (2015–2026), as sorted YYYYMMDD integers. Weekends are
 * always closed and are not listed. Years absent from the table are unknown: calendar functions
 * throw for them unless told `unknownHolidays: "weekdays-only"`.
 *
 * @example
 * ```ts
 * SHFE_HOLIDAYS[2023].includes(20230622); // true (Dragon Boat Festival)
 * SHFE_HOLIDAYS[2024].includes(20240209); // true (an exchange closure, see EXCHANGE_CLOSURES)
 * SHFE_HOLIDAYS[2014]; // undefined: no table
 * ```
 */
export const SHFE_HOLIDAYS: Readonly<Record<number, readonly number[]>> = Object.freeze(
  buildTable(),
);
