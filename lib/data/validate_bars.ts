/**
 * Consistency checks of a bar table. {@linkcode readBars} runs them on every file it loads (after
 * parsing) and {@linkcode writeBars} before writing, so no invalid table reaches disk or a model.
 *
 * Error classes (the same mapping as readBars):
 * - TypeError: a value that is NaN or ±Infinity in a field that must be finite.
 * - RangeError: columns of different lengths; a bar end that is not a whole minute, duplicated or
 *   out of order; a trading day that is not a date, goes backwards, differs from a day bar's
 *   calendar date, or is not after a night bar's evening; a price ≤ 0 (open, high, low, close,
 *   bid, ask); high < max(open, close); low > min(open, close); bid ≥ ask; a negative volume, open
 *   interest, bid/ask volume, mean spread or mean depth.
 *
 * Ground-truth columns are not checked (NaN is allowed there: undefined targets).
 *
 * @module
 */
import { type BarTable, BOOK_COLUMNS } from "./schema.ts";
import {
  eveningDateOf,
  isNightBar,
  NIGHT_AFTER_MS,
  NIGHT_UNTIL_MS,
} from "./derive_trading_days.ts";
import { formatLocalDateTime, formatTradingDay, ymdOfTime } from "./local_time.ts";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Options of {@linkcode validateBars}. */
export interface ValidateBarsOptions {
  /**
   * Names row `index` (0-based) at the start of error messages; default
   * `` `Invalid row ${index + 1} of ${table.source}` ``.
   */
  rowLabel?: (index: number) => string;
  /**
   * How messages name each CSV column (e.g. `{ high: "High" }` for a vendor file); default the
   * bar-table CSV names of schema.ts.
   */
  columnNames?: Partial<Record<string, string>>;
}

function isValidYmd(ymd: number): boolean {
  if (!Number.isInteger(ymd) || ymd < 10000101 || ymd > 99991231) return false;
  const y = Math.floor(ymd / 10000), m = Math.floor(ymd / 100) % 100, d = ymd % 100;
  if (m < 1 || m > 12 || d < 1) return false;
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

/**
 * Check a bar table; throws the first problem in row order (see the module doc for the classes),
 * naming the row and the CSV column. Returns nothing when the table is valid.
 *
 * @example
 * ```ts
 * validateBars(table); // throws e.g. RangeError("Invalid row 3 of synthetic seed=7: column high (3100) is below max(open, close) (3105)")
 * validateBars(table, { rowLabel: (i) => `Cannot parse row ${i + 1} of data/x.csv` });
 * ```
 * @param options.rowLabel how messages name a row; default `Invalid row N of <table.source>`.
 */
export function validateBars(table: BarTable, options: ValidateBarsOptions = {}): void {
  const label = options.rowLabel ?? ((i: number) => `Invalid row ${i + 1} of ${table.source}`);
  const names = options.columnNames ?? {};
  const nm = (column: string) => names[column] ?? column;
  const n = table.time.length;
  const book = table.book;
  const arrays: [string, ArrayLike<number> | undefined][] = [
    ["trading_day", table.tradingDay],
    ["open", table.open],
    ["high", table.high],
    ["low", table.low],
    ["close", table.close],
    ["volume", table.volume],
    ["open_interest", table.openInterest ?? undefined],
    ["bid_price1", book?.bidPrice1],
    ["ask_price1", book?.askPrice1],
    ["bid_volume1", book?.bidVolume1],
    ["ask_volume1", book?.askVolume1],
    ["spread_mean", book?.spreadMean],
    ["depth_mean", book?.depthMean],
  ];
  for (const [name, gtArray] of Object.entries(table.groundTruth ?? {})) {
    arrays.push([name, gtArray]);
  }
  for (const [name, a] of arrays) {
    if (a !== undefined && a.length !== n) {
      throw new RangeError(
        `Invalid table ${table.source}: column ${name} has ${a.length} values, datetime has ${n}`,
      );
    }
  }
  const { time, tradingDay, open, high, low, close, volume } = table;
  const oi = table.openInterest;
  const fail = (i: number, Cls: typeof TypeError | typeof RangeError, msg: string): never => {
    throw new Cls(`${label(i)}: ${msg}`);
  };
  const finite = (i: number, name: string, v: number) => {
    if (!Number.isFinite(v)) fail(i, TypeError, `column ${nm(name)} is ${v}`);
  };
  const positive = (i: number, name: string, v: number) => {
    finite(i, name, v);
    if (!(v > 0)) fail(i, RangeError, `column ${nm(name)} (${v}) is not positive`);
  };
  const nonNegative = (i: number, name: string, v: number) => {
    finite(i, name, v);
    if (v < 0) fail(i, RangeError, `column ${nm(name)} (${v}) is negative`);
  };
  let cachedDay = NaN, cachedYmd = 0;
  // The detailed check of one row: throws the row's first problem. Only called for rows the fast
  // loop below flags, so valid tables pay for plain comparisons only.
  const checkRow = (i: number): void => {
    const t = time[i];
    if (!Number.isFinite(t)) fail(i, TypeError, `column ${nm("datetime")} is ${t}`);
    if (t % MINUTE_MS !== 0) {
      fail(
        i,
        RangeError,
        `column ${nm("datetime")} ${formatLocalDateTime(t)} is not a whole minute`,
      );
    }
    if (i > 0 && t <= time[i - 1]) {
      const what = t === time[i - 1] ? "duplicates" : "is before";
      // A night bar dated by its trading day instead of its evening comes after that day's bars.
      const datedByTradingDay = isNightBar(time[i - 1]) && !isNightBar(t) &&
        Math.floor(t / DAY_MS) === Math.floor(time[i - 1] / DAY_MS);
      fail(
        i,
        RangeError,
        `column ${nm("datetime")} ${formatLocalDateTime(t)} ${what} the previous row's ` +
          `${formatLocalDateTime(time[i - 1])}` +
          (datedByTradingDay
            ? " (the file seems to date its night bars by their trading day, as some data " +
              "sources do; Trendformer expects the calendar date of the evening)"
            : ""),
      );
    }
    const td = tradingDay[i];
    if (!isValidYmd(td)) {
      fail(i, RangeError, `column ${nm("trading_day")} ${td} is not a YYYYMMDD date`);
    }
    if (i > 0 && td < tradingDay[i - 1]) {
      fail(
        i,
        RangeError,
        `column ${nm("trading_day")} ${formatTradingDay(td)} is before the previous row's ` +
          formatTradingDay(tradingDay[i - 1]),
      );
    }
    if (isNightBar(t)) {
      const evening = eveningDateOf(t);
      if (td <= evening) {
        fail(
          i,
          RangeError,
          `column ${nm("trading_day")} ${formatTradingDay(td)} is not after the evening ` +
            `${formatTradingDay(evening)} of night bar ${formatLocalDateTime(t)}`,
        );
      }
    } else {
      const day = Math.floor(t / DAY_MS);
      if (day !== cachedDay) (cachedDay = day, cachedYmd = ymdOfTime(t));
      if (td !== cachedYmd) {
        fail(
          i,
          RangeError,
          `column ${nm("trading_day")} ${formatTradingDay(td)} is not the date of day bar ` +
            formatLocalDateTime(t),
        );
      }
    }
    const o = open[i], h = high[i], l = low[i], c = close[i];
    positive(i, "open", o);
    positive(i, "high", h);
    positive(i, "low", l);
    positive(i, "close", c);
    if (h < Math.max(o, c)) {
      fail(
        i,
        RangeError,
        `column ${nm("high")} (${h}) is below max(${nm("open")}, ${nm("close")}) (${
          Math.max(o, c)
        })`,
      );
    }
    if (l > Math.min(o, c)) {
      fail(
        i,
        RangeError,
        `column ${nm("low")} (${l}) is above min(${nm("open")}, ${nm("close")}) (${
          Math.min(o, c)
        })`,
      );
    }
    nonNegative(i, "volume", volume[i]);
    if (oi !== null) nonNegative(i, "open_interest", oi[i]);
    if (book !== null) {
      const bid = book.bidPrice1[i], ask = book.askPrice1[i];
      positive(i, BOOK_COLUMNS[0], bid);
      positive(i, BOOK_COLUMNS[1], ask);
      if (bid >= ask) {
        fail(
          i,
          RangeError,
          `column ${nm("bid_price1")} (${bid}) is not below ${nm("ask_price1")} (${ask})`,
        );
      }
      nonNegative(i, BOOK_COLUMNS[2], book.bidVolume1[i]);
      nonNegative(i, BOOK_COLUMNS[3], book.askVolume1[i]);
      if (book.spreadMean) nonNegative(i, "spread_mean", book.spreadMean[i]);
      if (book.depthMean) nonNegative(i, "depth_mean", book.depthMean[i]);
    }
  };

  const ymdCache = new Map<number, number>();
  const ymdOfDay = (day: number): number => {
    let v = ymdCache.get(day);
    if (v === undefined) ymdCache.set(day, v = ymdOfTime(day * DAY_MS));
    return v;
  };
  const bid = book?.bidPrice1, ask = book?.askPrice1, bidV = book?.bidVolume1;
  const askV = book?.askVolume1, sm = book?.spreadMean, dm = book?.depthMean;
  const okNonNeg = (x: number) => x >= 0 && x < Infinity;
  let validTd = NaN;
  for (let i = 0; i < n; i++) {
    const t = time[i], td = tradingDay[i];
    const o = open[i], h = high[i], l = low[i], c = close[i];
    let ok = t % MINUTE_MS === 0 && (i === 0 || (t > time[i - 1] && td >= tradingDay[i - 1])) &&
      l > 0 && l <= o && l <= c && h >= o && h >= c && h < Infinity && okNonNeg(volume[i]) &&
      (td === validTd || isValidYmd(td));
    if (ok) {
      validTd = td;
      const day = Math.floor(t / DAY_MS), tod = t - day * DAY_MS;
      if (tod > NIGHT_AFTER_MS) ok = td > ymdOfDay(day);
      else if (tod <= NIGHT_UNTIL_MS) ok = td > ymdOfDay(day - 1);
      else ok = td === ymdOfDay(day);
    }
    if (ok && oi !== null) ok = okNonNeg(oi[i]);
    if (ok && bid && ask && bidV && askV) {
      ok = bid[i] > 0 && ask[i] > bid[i] && ask[i] < Infinity && okNonNeg(bidV[i]) &&
        okNonNeg(askV[i]) && (!sm || okNonNeg(sm[i])) && (!dm || okNonNeg(dm[i]));
    }
    if (!ok) checkRow(i);
  }
}
