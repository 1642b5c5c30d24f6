/**
 * Multi-horizon summaries of the observable bar and book fields: the inputs of the
 * `summary-ridge` reference forecaster (and of the `ceiling` diagnostic), built the way the
 * independent learnability study built them (shared/docs/learnability.md).
 *
 * Every value at bar t reads bars ≤ t only. For each window w in {@linkcode SUMMARY_WINDOWS}
 * (1, 2, 3, 5, 10, 20, 30, 60 bars) the trailing mean of:
 * - `ret`: the one-minute log return ln(close[t] / close[t−1]);
 * - `svol`: signed volume, sign(close − open) · volume / mean volume of the previous 345 bars;
 * - `imb`: depth imbalance (bid_volume1 − ask_volume1) / (bid_volume1 + ask_volume1) (book);
 * - `pos`: the close's place in the spread (close − bid) / (ask − bid) (book);
 * - `range`: the bar range (high − low) / close;
 * - `updown`: sign(close − open), so its mean is (up bars − down bars) / w;
 * and `oi_w`, the relative open-interest change (oi[t] − oi[t−w]) / oi[t−w] (open interest).
 * Plus the standard deviation of `ret` over 30 and 120 bars, the time in session, the session
 * (0 night, 1 am1, 2 am2, 3 pm) and the spread in ticks (book). 61 columns with a book and open
 * interest. Windows run across session and day boundaries, as the model's windows do. A column
 * whose field the table lacks is left out; a value whose window is not complete is NaN.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { sessionOf, SESSIONS } from "../calendar/mod.ts";
import { timeInSession } from "./time_in_session.ts";

/** Trailing windows, in bars. */
export const SUMMARY_WINDOWS: readonly number[] = Object.freeze([1, 2, 3, 5, 10, 20, 30, 60]);

/** Summary columns of a bar table, row-major. */
export interface SummaryFrame {
  /** Column names, e.g. `ret_5`, `imb_60`, `oi_20`, `ret_sd_120`, `session`. */
  names: string[];
  /** Values `[nBars, names.length]`; NaN where a window is incomplete. */
  values: Float32Array;
}

/**
 * The summary columns of `table` (see the module doc).
 *
 * @example
 * ```ts
 * const s = summaryFeatures(table);
 * s.names.length; // 61 with book and open interest
 * ```
 * @param options.volumeLookback bars in the mean volume of `svol`; default 345 (one day).
 * @param options.tickSize price tick for the spread in ticks; default 1 (rb).
 */
export function summaryFeatures(
  table: BarTable,
  options: { volumeLookback?: number; tickSize?: number } = {},
): SummaryFrame {
  const n = table.time.length;
  const lookback = options.volumeLookback ?? 345;
  const tick = options.tickSize ?? 1;
  const { open, high, low, close, volume } = table;
  const book = table.book, oi = table.openInterest;
  const series: [string, Float64Array][] = [];
  const make = (f: (t: number) => number) => Float64Array.from({ length: n }, (_, t) => f(t));

  const volSum = prefix(volume);
  series.push(["ret", make((t) => t === 0 ? NaN : Math.log(close[t] / close[t - 1]))]);
  series.push([
    "svol",
    make((t) => {
      if (t < lookback) return NaN;
      const meanVol = (volSum[t] - volSum[t - lookback]) / lookback;
      return Math.sign(close[t] - open[t]) * volume[t] / meanVol;
    }),
  ]);
  if (book) {
    const { bidVolume1: bv, askVolume1: av, bidPrice1: bp, askPrice1: ap } = book;
    series.push(["imb", make((t) => (bv[t] - av[t]) / (bv[t] + av[t]))]);
    series.push(["pos", make((t) => (close[t] - bp[t]) / (ap[t] - bp[t]))]);
  }
  series.push(["range", make((t) => (high[t] - low[t]) / close[t])]);
  series.push(["updown", make((t) => Math.sign(close[t] - open[t]))]);

  const columns: [string, Float64Array][] = [];
  for (const [name, x] of series) {
    const sum = prefix(x), bad = prefixBad(x);
    for (const w of SUMMARY_WINDOWS) {
      columns.push([
        `${name}_${w}`,
        make((t) =>
          t + 1 < w || bad[t + 1] - bad[t + 1 - w] > 0 ? NaN : (sum[t + 1] - sum[t + 1 - w]) / w
        ),
      ]);
    }
  }
  if (oi) {
    for (const w of SUMMARY_WINDOWS) {
      columns.push([`oi_${w}`, make((t) => t < w ? NaN : (oi[t] - oi[t - w]) / oi[t - w])]);
    }
  }
  const ret = series[0][1];
  const rs = prefix(ret), rs2 = prefix(Float64Array.from(ret, (v) => v * v)), rb = prefixBad(ret);
  for (const w of [30, 120]) {
    columns.push([
      `ret_sd_${w}`,
      make((t) => {
        if (t + 1 < w || rb[t + 1] - rb[t + 1 - w] > 0) return NaN;
        const m = (rs[t + 1] - rs[t + 1 - w]) / w;
        const v = ((rs2[t + 1] - rs2[t + 1 - w]) - w * m * m) / (w - 1);
        return Math.sqrt(Math.max(0, v));
      }),
    ]);
  }
  const sessions = table.instrument?.sessions ?? SESSIONS;
  columns.push(["time_in_session", make((t) => timeInSession(table.time[t], sessions))]);
  columns.push([
    "session",
    make((t) => {
      const s = sessionOf(table.time[t], sessions);
      return s === null ? NaN : sessions.findIndex((x) => x.name === s.name);
    }),
  ]);
  if (book) {
    columns.push(["spread_ticks", make((t) => (book.askPrice1[t] - book.bidPrice1[t]) / tick)]);
  }

  const d = columns.length;
  const values = new Float32Array(n * d);
  columns.forEach(([, col], j) => {
    for (let t = 0; t < n; t++) {
      const v = col[t];
      values[t * d + j] = Number.isFinite(v) ? v : NaN;
    }
  });
  return { names: columns.map(([name]) => name), values };
}

/** Prefix sums with non-finite values counted as 0: out[i] = Σ x[0..i−1]. */
function prefix(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) out[i + 1] = out[i] + (Number.isFinite(x[i]) ? x[i] : 0);
  return out;
}

/** Prefix counts of non-finite values. */
function prefixBad(x: ArrayLike<number>): Int32Array {
  const out = new Int32Array(x.length + 1);
  for (let i = 0; i < x.length; i++) out[i + 1] = out[i] + (Number.isFinite(x[i]) ? 0 : 1);
  return out;
}
