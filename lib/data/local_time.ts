/**
 * Parsing and formatting of naive-local timestamps (Asia/Shanghai wall clock read as UTC; see
 * schema.ts). Parsers return NaN for text they do not accept, so callers can name the row.
 *
 * Accepted text:
 * - date: `YYYY-M-D`, `YYYY/M/D` (month and day with or without zero padding) or `YYYYMMDD`;
 * - time of day: `H:MM`, `H:MM:SS` or `H:MM:SS.f…` (hour with or without padding, fraction of a
 *   second with 1–9 digits, rounded to the millisecond);
 * - date-time: a date, then `T` or one space, then a time of day. No time-zone suffix: the text is
 *   exchange-local wall-clock time.
 *
 * @module
 */

const DAY_MS = 86_400_000;
const DATE_SEP_RE = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;
const DATE_COMPACT_RE = /^(\d{4})(\d{2})(\d{2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

/**
 * Midnight of a calendar date as naive-local epoch ms, or NaN when `text` is not a valid date.
 *
 * @example
 * ```ts
 * parseLocalDate("2017-6-1") === Date.UTC(2017, 5, 1); // true
 * parseLocalDate("20170320") === Date.UTC(2017, 2, 20); // true
 * parseLocalDate("2017-02-30"); // NaN
 * ```
 */
export function parseLocalDate(text: string): number {
  let m = DATE_SEP_RE.exec(text);
  let y: number, mo: number, d: number;
  if (m !== null) (y = +m[1], mo = +m[3], d = +m[4]);
  else {
    m = DATE_COMPACT_RE.exec(text);
    if (m === null) return NaN;
    (y = +m[1], mo = +m[2], d = +m[3]);
  }
  if (mo < 1 || mo > 12 || d < 1) return NaN;
  const ms = Date.UTC(y, mo - 1, d);
  return new Date(ms).getUTCDate() === d ? ms : NaN;
}

/**
 * Milliseconds after midnight of a time of day, or NaN when `text` is not a valid time.
 *
 * @example
 * ```ts
 * parseTimeOfDay("9:01:00"); // 32460000
 * parseTimeOfDay("10:29:59.5"); // 37799500
 * parseTimeOfDay("25:00"); // NaN
 * ```
 */
export function parseTimeOfDay(text: string): number {
  const m = TIME_RE.exec(text);
  if (m === null) return NaN;
  const h = +m[1], mi = +m[2], s = m[3] === undefined ? 0 : +m[3];
  if (h > 23 || mi > 59 || s > 59) return NaN;
  const frac = m[4] === undefined ? 0 : Math.round(+`0.${m[4]}` * 1000);
  return ((h * 60 + mi) * 60 + s) * 1000 + frac;
}

/**
 * A date-time parser with a cache of the date and time-of-day parts: much faster than
 * {@linkcode parseLocalDateTime} on files where the same dates and minutes repeat. Use one per
 * file (the caches grow with the number of distinct parts).
 *
 * @example
 * ```ts
 * const parse = createDateTimeParser();
 * parse("2023-01-03T09:01:00") === Date.UTC(2023, 0, 3, 9, 1); // true
 * parse("2023-01-03 09:01"); // same instant
 * parse("2023-01-03"); // NaN: no time of day
 * ```
 */
export function createDateTimeParser(): (text: string) => number {
  const dates = new Map<string, number>();
  const times = new Map<string, number>();
  return (text: string) => {
    let sep = text.indexOf("T");
    if (sep < 0) sep = text.indexOf(" ");
    if (sep < 0) return NaN;
    const dText = text.slice(0, sep), tText = text.slice(sep + 1);
    let d = dates.get(dText);
    if (d === undefined) dates.set(dText, d = parseLocalDate(dText));
    let t = times.get(tText);
    if (t === undefined) times.set(tText, t = parseTimeOfDay(tText));
    return d + t;
  };
}

/**
 * Naive-local epoch ms of a date-time text (`2023-01-03T09:01:00`, `2023-01-03 09:01`,
 * `2017-6-1 9:01:00`, `20170320 09:00:00.5`), or NaN when it is not valid.
 *
 * @example
 * ```ts
 * parseLocalDateTime("2023-01-03T09:01:00") === Date.UTC(2023, 0, 3, 9, 1); // true
 * ```
 */
export function parseLocalDateTime(text: string): number {
  return createDateTimeParser()(text);
}

/**
 * YYYYMMDD integer of a trading-day text (`2023-01-03`, `2023-1-3`, `20230103`), or NaN.
 *
 * @example
 * ```ts
 * parseTradingDay("2023-01-03"); // 20230103
 * ```
 */
export function parseTradingDay(text: string): number {
  const ms = parseLocalDate(text);
  return Number.isNaN(ms) ? NaN : ymdOfTime(ms);
}

/**
 * YYYYMMDD calendar date of a naive-local epoch-ms instant.
 *
 * @example
 * ```ts
 * ymdOfTime(Date.UTC(2023, 0, 3, 21, 1)); // 20230103
 * ```
 */
export function ymdOfTime(time: number): number {
  const d = new Date(Math.floor(time / DAY_MS) * DAY_MS);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/**
 * ISO local text of a bar time, as written to CSV: `2023-01-03T09:01:00` (milliseconds are shown
 * only when not zero).
 *
 * @example
 * ```ts
 * formatLocalDateTime(Date.UTC(2023, 0, 3, 9, 1)); // "2023-01-03T09:01:00"
 * formatLocalDateTime(Date.UTC(2017, 2, 20, 10, 29, 59, 500)); // "2017-03-20T10:29:59.500"
 * ```
 */
export function formatLocalDateTime(time: number): string {
  if (!Number.isFinite(time)) return String(time);
  const iso = new Date(time).toISOString();
  return time % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

/**
 * `YYYY-MM-DD` text of a YYYYMMDD integer, as written to CSV.
 *
 * @example
 * ```ts
 * formatTradingDay(20230103); // "2023-01-03"
 * ```
 */
export function formatTradingDay(ymd: number): string {
  if (!Number.isInteger(ymd) || ymd < 0) return String(ymd);
  const s = String(ymd).padStart(8, "0");
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
