/**
 * SHFE exchange holidays: the weekdays on which the Shanghai Futures Exchange is closed.
 *
 * Weekends are always closed and are not listed. Weekend "make-up working days" (调休) are NOT
 * trading days on the exchange, so they are not listed either: the exchange simply stays closed.
 * Source: the exchange's annual holiday notices for 2022–2025.
 *
 * @module
 */

/** Expand `[from, to]` (inclusive, same month, YYYYMMDD) to the list of days. */
function span(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = from; d <= to; d++) out.push(d);
  return out;
}

/**
 * Exchange-closed weekdays per calendar year, as sorted YYYYMMDD integers. Years absent from the
 * table are unknown: calendar functions throw for them unless told `unknownHolidays:
 * "weekdays-only"`.
 *
 * @example
 * ```ts
 * SHFE_HOLIDAYS[2023].includes(20230622); // true (Dragon Boat Festival)
 * ```
 */
export const SHFE_HOLIDAYS: Readonly<Record<number, readonly number[]>> = Object.freeze({
  2022: Object.freeze([
    20220103,
    20220131,
    ...span(20220201, 20220204),
    20220404,
    20220405,
    ...span(20220502, 20220504),
    20220603,
    20220912,
    ...span(20221003, 20221007),
  ]),
  2023: Object.freeze([
    20230102,
    ...span(20230123, 20230127),
    20230405,
    ...span(20230501, 20230503),
    20230622,
    20230623,
    20230929,
    ...span(20231002, 20231006),
  ]),
  2024: Object.freeze([
    20240101,
    20240209,
    ...span(20240212, 20240216),
    20240404,
    20240405,
    ...span(20240501, 20240503),
    20240610,
    20240916,
    20240917,
    ...span(20241001, 20241004),
    20241007,
  ]),
  2025: Object.freeze([
    20250101,
    ...span(20250128, 20250131),
    20250203,
    20250204,
    20250404,
    20250501,
    20250502,
    20250505,
    20250602,
    ...span(20251001, 20251003),
    ...span(20251006, 20251008),
  ]),
});
