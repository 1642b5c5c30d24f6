/**
 * One-minute bars from level-1 ticks (vn.py tick exports).
 *
 * **Which bar a tick belongs to.** Bars are stamped at their end. A tick at `hh:mm:ss.f` with
 * `ss.f > 0` belongs to the bar ending at `hh:(mm+1)`; a tick exactly at `hh:mm:00.0` belongs to
 * the bar ending at `hh:mm` (the interval is `(end − 1 min, end]`). Two foldings at session
 * boundaries (the product's sessions, lib/calendar `sessionOf`; rb's by default):
 * - a tick in the last minute before a session opens (`08:59:xx`, `10:29:59.5`, `13:29:59.5`,
 *   `20:59:xx`, and exactly at the open `09:00:00.0`) folds into the session's first bar
 *   (`09:01`, `10:31`, `13:31`, `21:01`): exchanges publish the opening-auction snapshot then;
 * - a tick in the first minute after a session closes (e.g. `15:00:00.5`) folds into its last bar.
 * Any other tick outside the sessions is an error (RangeError naming the row).
 *
 * **Bar fields.** open/high/low/close from `lastPrice` (first, max, min, last tick of the bar);
 * volume = sum of `lastVolume`; the book (bid/ask price and volume) and open interest at bar end are
 * those of the bar's last tick.
 *
 * **Time-weighted book.** `spreadMean` (ask − bid) and `depthMean` ((bid volume + ask volume) / 2)
 * average the quote in force over the bar's minute `[end − 1 min, end]`: each tick's quote holds
 * until the next tick (or the bar end). The quote in force when the minute starts is the bar's
 * folded pre-open tick if it has one, else the last tick of the previous bar when that bar is in
 * the same session (even if minutes without ticks lie between); otherwise (first bar of a session,
 * no pre-open tick) the average starts at the bar's first tick. If that leaves no time at all (a
 * single tick stamped exactly at the bar end), the bar's last tick's quote is used.
 *
 * **Trading day.** From the bar ends by the rule of derive_trading_days.ts (night bars belong to
 * the next day bar's trading day). The tick file's own date column is the calendar date.
 *
 * @module
 */
import { sessionOf, SESSIONS, type SessionTable } from "../calendar/mod.ts";
import { deriveTradingDays } from "./derive_trading_days.ts";
import type { BarTable } from "./schema.ts";

const MINUTE_MS = 60_000;

/** Tick times always show milliseconds: `2017-03-20T10:29:59.500`. */
function tickText(t: number): string {
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 23) : String(t);
}

/** Level-1 ticks, one element per tick, in time order. Names follow the vn.py columns. */
export interface TickColumns {
  /** Tick time, naive-local epoch ms (may carry milliseconds); non-decreasing. */
  time: Float64Array;
  /** Last traded price. */
  lastPrice: Float64Array;
  /** Lots traded since the previous tick. */
  lastVolume: Float64Array;
  /** Best bid. */
  bidPrice1: Float64Array;
  /** Best ask. */
  askPrice1: Float64Array;
  /** Lots at the best bid. */
  bidVolume1: Float64Array;
  /** Lots at the best ask. */
  askVolume1: Float64Array;
  /** Open interest after the tick; `null` or absent when the source has none. */
  openInterest?: Float64Array | null;
}

/** Options of {@linkcode aggregateTicks}. */
export interface AggregateTicksOptions {
  /** The table's `source`; default `"ticks"`. */
  source?: string;
  /** Names tick `index` (0-based) in errors; default `` `Invalid tick ${index + 1} of ${source}` ``. */
  rowLabel?: (index: number) => string;
  /** The product's sessions. Default rb's ({@linkcode SESSIONS}). */
  sessions?: SessionTable;
  /** The product's code, for messages. Default "rb". */
  product?: string;
}

/**
 * The bar end (naive-local ms) a tick at `time` belongs to, or NaN when it is outside the
 * sessions and not within a minute of an open or close (see the module doc).
 *
 * @example
 * ```ts
 * tickBarEnd(Date.UTC(2017, 2, 20, 9, 0, 0, 500)) === Date.UTC(2017, 2, 20, 9, 1); // true
 * tickBarEnd(Date.UTC(2017, 2, 20, 9, 1)) === Date.UTC(2017, 2, 20, 9, 1); // true (exact minute)
 * tickBarEnd(Date.UTC(2017, 2, 20, 10, 29, 59, 500)) === Date.UTC(2017, 2, 20, 10, 31); // true (pre-open)
 * tickBarEnd(Date.UTC(2017, 2, 20, 12, 0)); // NaN (lunch break)
 * ```
 */
export function tickBarEnd(time: number, sessions: SessionTable = SESSIONS): number {
  const end = Math.ceil(time / MINUTE_MS) * MINUTE_MS;
  if (sessionOf(end, sessions) !== null) return end;
  const after = sessionOf(end + MINUTE_MS, sessions);
  if (after !== null && after.start === end) return end + MINUTE_MS;
  const before = sessionOf(end - MINUTE_MS, sessions);
  if (before !== null && before.end === end - MINUTE_MS) return end - MINUTE_MS;
  return NaN;
}

/**
 * Aggregate ticks into a one-minute {@linkcode BarTable} with the book at bar end, time-weighted
 * `spreadMean` / `depthMean`, and open interest when the ticks have it (see the module doc for
 * every rule). Minutes without ticks produce no bar.
 *
 * Throws, naming the tick row: RangeError for a tick time before the previous tick's, a tick
 * outside the sessions, a price ≤ 0 (lastPrice, bid, ask), bid ≥ ask, or a negative volume or open
 * interest; TypeError for a NaN / infinite value; RangeError for columns of different lengths.
 *
 * @example
 * ```ts
 * const t = (h: number, m: number, s: number) => Date.UTC(2017, 2, 20, h, m, s);
 * const bars = aggregateTicks({
 *   time: new Float64Array([t(9, 0, 1), t(9, 0, 31)]),
 *   lastPrice: new Float64Array([2374, 2376]),
 *   lastVolume: new Float64Array([2, 4]),
 *   bidPrice1: new Float64Array([2373, 2375]),
 *   askPrice1: new Float64Array([2374, 2377]),
 *   bidVolume1: new Float64Array([10, 20]),
 *   askVolume1: new Float64Array([30, 40]),
 * });
 * // one bar ending 09:01: O 2374 H 2376 L 2374 C 2376, volume 6, bid 2375 / ask 2377,
 * // spreadMean (30 s × 1 + 29 s × 2) / 59 s
 * ```
 * @param options.source the table's source; default "ticks".
 * @param options.rowLabel how errors name a tick; default `Invalid tick N of <source>`.
 */
export function aggregateTicks(ticks: TickColumns, options: AggregateTicksOptions = {}): BarTable {
  const source = options.source ?? "ticks";
  const sessions = options.sessions ?? SESSIONS;
  const label = options.rowLabel ?? ((i: number) => `Invalid tick ${i + 1} of ${source}`);
  const { time, lastPrice, lastVolume, bidPrice1, askPrice1, bidVolume1, askVolume1 } = ticks;
  const oiIn = ticks.openInterest ?? null;
  const n = time.length;
  const named: [string, Float64Array | null][] = [
    ["lastPrice", lastPrice],
    ["lastVolume", lastVolume],
    ["bidPrice1", bidPrice1],
    ["askPrice1", askPrice1],
    ["bidVolume1", bidVolume1],
    ["askVolume1", askVolume1],
    ["openInterest", oiIn],
  ];
  for (const [name, a] of named) {
    if (a !== null && a.length !== n) {
      throw new RangeError(
        `Invalid ticks ${source}: ${name} has ${a.length} values, time has ${n}`,
      );
    }
  }
  const fail = (k: number, Cls: typeof TypeError | typeof RangeError, msg: string): never => {
    throw new Cls(`${label(k)}: ${msg}`);
  };

  // Bar index of each tick; bar ends.
  const barOf = new Int32Array(n);
  const ends: number[] = [];
  let lastMinute = NaN, lastEnd = NaN;
  for (let k = 0; k < n; k++) {
    const t = time[k];
    if (!Number.isFinite(t)) fail(k, TypeError, `tick time is ${t}`);
    if (k > 0 && t < time[k - 1]) {
      fail(
        k,
        RangeError,
        `tick time ${tickText(t)} is before the previous row's ${tickText(time[k - 1])}`,
      );
    }
    const minute = Math.ceil(t / MINUTE_MS);
    const end = minute === lastMinute ? lastEnd : tickBarEnd(t, sessions);
    (lastMinute = minute, lastEnd = end);
    if (Number.isNaN(end)) {
      fail(
        k,
        RangeError,
        `tick time ${tickText(t)} is outside the sessions of ${options.product ?? "rb"} ` +
          `(and not within the minute before an open or after a close)`,
      );
    }
    for (const [name, a] of named) {
      if (a === null) continue;
      const v = a[k];
      if (!Number.isFinite(v)) fail(k, TypeError, `column ${name} is ${v}`);
      if (name.endsWith("Price1") || name === "lastPrice") {
        if (!(v > 0)) fail(k, RangeError, `column ${name} (${v}) is not positive`);
      } else if (v < 0) fail(k, RangeError, `column ${name} (${v}) is negative`);
    }
    if (bidPrice1[k] >= askPrice1[k]) {
      fail(
        k,
        RangeError,
        `column bidPrice1 (${bidPrice1[k]}) is not below askPrice1 (${askPrice1[k]})`,
      );
    }
    if (ends.length === 0 || ends[ends.length - 1] !== end) ends.push(end);
    barOf[k] = ends.length - 1;
  }

  const m = ends.length;
  const out = {
    time: Float64Array.from(ends),
    open: new Float64Array(m),
    high: new Float64Array(m),
    low: new Float64Array(m),
    close: new Float64Array(m),
    volume: new Float64Array(m),
    openInterest: oiIn === null ? null : new Float64Array(m),
    bidPrice1: new Float64Array(m),
    askPrice1: new Float64Array(m),
    bidVolume1: new Float64Array(m),
    askVolume1: new Float64Array(m),
    spreadMean: new Float64Array(m),
    depthMean: new Float64Array(m),
  };
  const sessionStart = ends.map((e) => sessionOf(e, sessions)?.start ?? NaN);
  const spread = (k: number) => askPrice1[k] - bidPrice1[k];
  const depth = (k: number) => (bidVolume1[k] + askVolume1[k]) / 2;
  let k = 0;
  for (let b = 0; b < m; b++) {
    const first = k;
    while (k < n && barOf[k] === b) k++;
    const last = k - 1;
    const e = ends[b], s = e - MINUTE_MS;
    let hi = -Infinity, lo = Infinity, vol = 0;
    for (let j = first; j <= last; j++) {
      const p = lastPrice[j];
      if (p > hi) hi = p;
      if (p < lo) lo = p;
      vol += lastVolume[j];
    }
    out.open[b] = lastPrice[first];
    out.high[b] = hi;
    out.low[b] = lo;
    out.close[b] = lastPrice[last];
    out.volume[b] = vol;
    if (out.openInterest !== null && oiIn !== null) out.openInterest[b] = oiIn[last];
    out.bidPrice1[b] = bidPrice1[last];
    out.askPrice1[b] = askPrice1[last];
    out.bidVolume1[b] = bidVolume1[last];
    out.askVolume1[b] = askVolume1[last];

    let total = 0, sumSpread = 0, sumDepth = 0;
    if (first > 0 && b > 0 && sessionStart[b - 1] === sessionStart[b]) {
      const d = Math.min(Math.max(time[first], s), e) - s;
      (total += d, sumSpread += d * spread(first - 1), sumDepth += d * depth(first - 1));
    }
    for (let j = first; j <= last; j++) {
      const from = Math.max(time[j], s);
      const to = j < last ? Math.min(time[j + 1], e) : e;
      const d = Math.max(0, to - from);
      (total += d, sumSpread += d * spread(j), sumDepth += d * depth(j));
    }
    out.spreadMean[b] = total > 0 ? sumSpread / total : spread(last);
    out.depthMean[b] = total > 0 ? sumDepth / total : depth(last);
  }

  return {
    time: out.time,
    tradingDay: deriveTradingDays(out.time, {
      rowLabel: (i) => `Invalid bar ${i + 1} aggregated from ${source}`,
    }),
    open: out.open,
    high: out.high,
    low: out.low,
    close: out.close,
    volume: out.volume,
    openInterest: out.openInterest,
    book: {
      bidPrice1: out.bidPrice1,
      askPrice1: out.askPrice1,
      bidVolume1: out.bidVolume1,
      askVolume1: out.askVolume1,
      spreadMean: out.spreadMean,
      depthMean: out.depthMean,
    },
    groundTruth: null,
    source,
  };
}
