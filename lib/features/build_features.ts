/**
 * Model features and the prediction target from a bar table, computed with nodejs-polars
 * expressions over a DataFrame made from the table's columns.
 *
 * Features and their formulas are in {@linkcode FEATURE_CATALOG}. The target is
 * `target[t] = close[t+h] / close[t] − 1` (h = `horizon` bars: 5 one-minute bars by default, or
 * 5 / N bars of N minutes, `table.barMinutes`) when bar t+h belongs to the same trading day as bar
 * t, else NaN: the target never crosses the end of a trading day, but it may cross a session break
 * inside one (a night bar at 22:58 looks ahead to 09:03 of the same trading day, since night bars
 * belong to the next trading day). The horizon counts bars, not minutes, so missing bars in a data
 * set stretch it.
 *
 * **The product.** `time_in_session` uses the table's instrument's sessions and `spread_ticks` its
 * tick (lib/calendar; rb's when the table names no instrument).
 *
 * **Continuous series.** When the table has contract segments (rolls), the features are computed
 * on back-adjusted prices (lib/data `backAdjust`, method `adjust`), the target on the real prices
 * (it never crosses a roll: rolls fall between trading days), and `segmentStart` tells
 * {@linkcode windowEnds} where a window may not reach back across a roll.
 *
 * Features that need a field the table lacks (open interest, the level-1 book) are listed in
 * `absent` and have no column: nothing is invented.
 *
 * @module
 */

import pl from "nodejs-polars";
import { SESSIONS, type SessionTable } from "../calendar/mod.ts";
import { backAdjust, minutesToBars } from "../data/mod.ts";
import type { BarTable } from "../data/schema.ts";
import {
  FEATURE_CATALOG,
  type FeatureConfig,
  featureConfig,
  type FeatureName,
  type FeatureOptions,
} from "./feature_config.ts";
import { timeInSessionExpr } from "./time_in_session.ts";

/** Features, target and bar metadata, one row per bar of the source table. */
export interface FeatureFrame {
  /** Feature column names, in column order. */
  names: string[];
  /** Feature values, row-major [nBars, names.length]; NaN where undefined (warm-up, t = 0…). */
  values: Float32Array;
  /** target[t] = close[t+horizon]/close[t] − 1 within one trading day, else NaN. [nBars] */
  target: Float32Array;
  /** 1 where close > open. [nBars] */
  isUp: Uint8Array;
  /** 1 where close < open. [nBars] */
  isDown: Uint8Array;
  /** Bar end, naive-local epoch ms (copied from the table). [nBars] */
  time: Float64Array;
  /** Trading day, YYYYMMDD (copied from the table). [nBars] */
  tradingDay: Int32Array;
  /**
   * First bar of each bar's contract segment (0 throughout for a single contract): a window ending
   * at t may not start before `segmentStart[t]`. [nBars]
   */
  segmentStart: Int32Array;
  /** Requested features not built because the table lacks the field they need. */
  absent: string[];
  /**
   * The configuration used, in bars of the table: horizon and volumeLookback divided by the bar
   * length, tickSize the tick actually used.
   */
  spec: FeatureConfig & { tickSize: number };
}

/**
 * Build the features and the target of a bar table.
 *
 * Options are a {@linkcode FeatureConfig} preset (default `"default"`) plus overrides, validated
 * by {@linkcode featureConfig}: features (all eight), window 60, horizon 5, volumeLookback 345,
 * tickSize the instrument's, adjust ratio. Throws RangeError when the table's columns differ in
 * length, its time is not strictly increasing or its trading day decreases, or when the horizon
 * is not a whole number of the table's bars.
 *
 * @example
 * ```ts
 * const frame = buildFeatures(table, { preset: "default" });
 * frame.names; // ["ret_1m", "body", "range", "log_vol_rel", "time_in_session"] for vn.py bars
 * frame.absent; // ["oi_change", "spread_ticks", "depth_imb"]
 * ```
 */
export function buildFeatures(table: BarTable, options: FeatureOptions = {}): FeatureFrame {
  const spec = barSpec(featureConfig(options), table);
  const n = checkTable(table);
  const priced = table.segments ? backAdjust(table, { method: spec.adjust }) : table;
  const sessions = table.instrument?.sessions ?? SESSIONS;

  const columns: Record<string, pl.Series> = {
    time: pl.Series("time", table.time),
    trading_day: pl.Series("trading_day", table.tradingDay),
    open: pl.Series("open", priced.open),
    high: pl.Series("high", priced.high),
    low: pl.Series("low", priced.low),
    close: pl.Series("close", priced.close),
    real_close: pl.Series("real_close", table.close),
    volume: pl.Series("volume", table.volume),
  };
  if (table.openInterest) columns.oi = pl.Series("oi", table.openInterest);
  if (priced.book) {
    columns.bid = pl.Series("bid", priced.book.bidPrice1);
    columns.ask = pl.Series("ask", priced.book.askPrice1);
    columns.bid_vol = pl.Series("bid_vol", priced.book.bidVolume1);
    columns.ask_vol = pl.Series("ask_vol", priced.book.askVolume1);
  }
  const df = pl.DataFrame(columns);

  const names: string[] = [];
  const absent: string[] = [];
  const exprs: pl.Expr[] = [];
  for (const name of spec.features) {
    const needs = FEATURE_CATALOG[name].needs;
    const has = needs === "bars" ||
      (needs === "openInterest" ? !!table.openInterest : !!table.book);
    if (!has) {
      absent.push(name);
      continue;
    }
    names.push(name);
    exprs.push(featureExpr(name, spec, sessions).cast(pl.Float64).fillNull(NaN).alias(name));
  }
  const h = spec.horizon;
  const c = pl.col;
  exprs.push(
    pl.when(c("trading_day").shift(-h).eq(c("trading_day")))
      .then(c("real_close").shift(-h).div(c("real_close")).sub(1))
      .otherwise(pl.lit(NaN)).cast(pl.Float64).fillNull(NaN).alias("__target"),
  );
  const out = df.select(...exprs);

  const f = names.length;
  const values = new Float32Array(n * f);
  for (let j = 0; j < f; j++) {
    const col = out.getColumn(names[j]).toTypedArray() as Float64Array;
    for (let i = 0, k = j; i < n; i++, k += f) {
      const v = col[i];
      values[k] = Number.isFinite(v) ? v : NaN;
    }
  }
  const target = new Float32Array(n);
  const tcol = out.getColumn("__target").toTypedArray() as Float64Array;
  for (let i = 0; i < n; i++) target[i] = Number.isFinite(tcol[i]) ? tcol[i] : NaN;

  const isUp = new Uint8Array(n), isDown = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    isUp[i] = table.close[i] > table.open[i] ? 1 : 0;
    isDown[i] = table.close[i] < table.open[i] ? 1 : 0;
  }
  return {
    names,
    values,
    target,
    isUp,
    isDown,
    time: table.time.slice(),
    tradingDay: table.tradingDay.slice(),
    segmentStart: segmentStarts(table),
    absent,
    spec,
  };
}

/** The config in bars of the table: horizon and lookback over the bar length, the tick used. */
function barSpec(spec: FeatureConfig, table: BarTable): FeatureFrame["spec"] {
  const minutes = table.barMinutes ?? 1;
  const tickSize = spec.tickSize ?? table.instrument?.tick ?? 1;
  if (minutes === 1) return { ...spec, tickSize };
  return Object.freeze({
    ...spec,
    tickSize,
    horizon: minutesToBars(spec.horizon, minutes, "The target horizon"),
    volumeLookback: Math.max(1, Math.round(spec.volumeLookback / minutes)),
  });
}

/** The first bar of each bar's contract segment. */
function segmentStarts(table: BarTable): Int32Array {
  const out = new Int32Array(table.time.length);
  const start = table.segments?.start;
  if (!start) return out;
  for (let k = 0; k < start.length; k++) {
    const end = k + 1 < start.length ? start[k + 1] : out.length;
    out.fill(start[k], start[k], end);
  }
  return out;
}

/** The polars expression of one feature (see FEATURE_CATALOG for the formulas). */
function featureExpr(
  name: FeatureName,
  spec: FeatureFrame["spec"],
  sessions: SessionTable,
): pl.Expr {
  const c = pl.col;
  switch (name) {
    case "ret_1m":
      return c("close").div(c("close").shift(1)).log();
    case "body":
      return c("close").sub(c("open")).div(c("open"));
    case "range":
      return c("high").sub(c("low")).div(c("open"));
    case "log_vol_rel":
      return c("volume").add(1)
        .div(c("volume").shift(1).rollingMedian({ windowSize: spec.volumeLookback }).add(1))
        .log();
    case "oi_change":
      return c("oi").sub(c("oi").shift(1)).div(c("oi").shift(1));
    case "spread_ticks":
      return c("ask").sub(c("bid")).div(spec.tickSize);
    case "depth_imb":
      return c("bid_vol").sub(c("ask_vol")).div(c("bid_vol").add(c("ask_vol")));
    case "time_in_session":
      return timeInSessionExpr("time", sessions);
  }
}

/** Validate column lengths and ordering; returns the bar count. */
function checkTable(table: BarTable): number {
  const n = table.time.length;
  const cols: [string, ArrayLike<number> | null | undefined][] = [
    ["tradingDay", table.tradingDay],
    ["open", table.open],
    ["high", table.high],
    ["low", table.low],
    ["close", table.close],
    ["volume", table.volume],
    ["openInterest", table.openInterest],
    ["book.bidPrice1", table.book?.bidPrice1],
    ["book.askPrice1", table.book?.askPrice1],
    ["book.bidVolume1", table.book?.bidVolume1],
    ["book.askVolume1", table.book?.askVolume1],
  ];
  for (const [name, col] of cols) {
    if (col && col.length !== n) {
      throw new RangeError(
        `Bar table column ${name} has ${col.length} values, expected ${n} (the length of time)`,
      );
    }
  }
  for (let i = 1; i < n; i++) {
    if (!(table.time[i] > table.time[i - 1])) {
      throw new RangeError(`Bar table time is not strictly increasing at row ${i}`);
    }
    if (table.tradingDay[i] < table.tradingDay[i - 1]) {
      throw new RangeError(`Bar table tradingDay decreases at row ${i}`);
    }
  }
  return n;
}

/**
 * One feature column of a frame as a new Float32Array [nBars]. Throws RangeError for a name
 * not in `frame.names`.
 *
 * @example
 * ```ts
 * const ret = featureColumn(frame, "ret_1m");
 * ```
 */
export function featureColumn(frame: FeatureFrame, name: string): Float32Array {
  const j = frame.names.indexOf(name);
  if (j < 0) {
    throw new RangeError(`Feature ${name} is not in the frame (has ${frame.names.join(", ")})`);
  }
  const f = frame.names.length, n = frame.time.length;
  const out = new Float32Array(n);
  for (let i = 0, k = j; i < n; i++, k += f) out[i] = frame.values[k];
  return out;
}
