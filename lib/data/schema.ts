/**
 * The bar table: the one data contract every stage of Trendformer reads.
 *
 * A bar table is columnar: one typed array per field, all of the same length, one element per
 * one-minute bar, in strictly increasing time order.
 *
 * **Time.** `time` holds the bar's *end* as "naive local" epoch milliseconds: the Asia/Shanghai wall
 * clock read as if it were UTC (`Date.UTC(2023, 0, 3, 9, 1)` is the 09:01 bar of 2023-01-03). China
 * has had no daylight saving since 1991, so this is exact and needs no time-zone library. Format it
 * with `new Date(ms).toISOString().slice(0, 19)`.
 *
 * **Trading day.** `tradingDay` is YYYYMMDD as an integer. Night bars (21:01–23:00) belong to the
 * *next* trading day.
 *
 * **Optional fields.** Vendor files do not all carry open interest or a book. An absent field is
 * `null`, never a made-up array, and {@linkcode BarTable.present} says which are there.
 *
 * **What the table holds** (optional, set by readBars): the instrument (tick, multiplier, fees,
 * sessions; lib/calendar), the contract segments of a continuous series (which contract each bar
 * comes from; rolls fall between trading days) and the bar length in minutes. Absent means the
 * default: rb's specification where one is needed, a single contract, one-minute bars.
 *
 * @module
 */
import type { Instrument } from "../calendar/mod.ts";

/** The CSV columns of a bar table, in file order. */
export const BAR_COLUMNS = [
  "datetime",
  "trading_day",
  "open",
  "high",
  "low",
  "close",
  "volume",
  "open_interest",
  "bid_price1",
  "ask_price1",
  "bid_volume1",
  "ask_volume1",
] as const;

/** One CSV column name of a bar table. */
export type BarColumn = typeof BAR_COLUMNS[number];

/** The CSV columns that every bar table must have. */
export const REQUIRED_COLUMNS = [
  "datetime",
  "open",
  "high",
  "low",
  "close",
  "volume",
] as const satisfies readonly BarColumn[];

/** The level-1 book columns; a table has all four or none. */
export const BOOK_COLUMNS = [
  "bid_price1",
  "ask_price1",
  "bid_volume1",
  "ask_volume1",
] as const satisfies readonly BarColumn[];

/**
 * Optional per-bar book statistics, written right after the book columns when the table has them
 * (tables aggregated from ticks): `spread_mean` is {@linkcode Book.spreadMean} and `depth_mean` is
 * {@linkcode Book.depthMean}. A table with them must also have the book.
 *
 * CSV file order: {@linkcode BAR_COLUMNS}, then these, then {@linkcode GROUND_TRUTH_COLUMNS}; an
 * absent optional field has no column.
 */
export const BOOK_MEAN_COLUMNS = ["spread_mean", "depth_mean"] as const;

/** One book-statistics column name. */
export type BookMeanColumn = typeof BOOK_MEAN_COLUMNS[number];

/**
 * Ground-truth columns the synthetic generator writes after the bar columns. They are the
 * oracle: never a model input.
 *
 * - `gt_exp_ret_5m`: the true expected return close[t+5]/close[t] − 1 given the generator's latent
 *   state at bar t.
 * - `gt_regime`: the latent trend regime at bar t (−1 down, 0 flat, +1 up).
 * - `gt_informed`: +1 (−1) when bar t is an informed minute pushing the price up (down), else 0.
 *   Uninformed bursts (decoys that look alike) are 0.
 */
export const GROUND_TRUTH_COLUMNS = ["gt_exp_ret_5m", "gt_regime", "gt_informed"] as const;

/** One ground-truth column name. */
export type GroundTruthColumn = typeof GROUND_TRUTH_COLUMNS[number];

/** The level-1 book at each bar's end. */
export interface Book {
  /** Best bid at bar end, CNY/t. */
  bidPrice1: Float64Array;
  /** Best ask at bar end, CNY/t. */
  askPrice1: Float64Array;
  /** Lots at the best bid at bar end. */
  bidVolume1: Float64Array;
  /** Lots at the best ask at bar end. */
  askVolume1: Float64Array;
  /** Time-averaged spread over the bar in CNY/t, when built from ticks; otherwise absent. */
  spreadMean?: Float64Array;
  /** Time-averaged (bid_volume1 + ask_volume1) / 2 over the bar, when built from ticks. */
  depthMean?: Float64Array;
}

/** Which optional fields a table carries. */
export interface PresentFields {
  /** Open interest is present. */
  openInterest: boolean;
  /** The level-1 book is present. */
  book: boolean;
  /** Ground-truth columns are present (synthetic data only). */
  groundTruth: boolean;
}

/**
 * The contracts of a continuous (main-contract) series: segment k runs from bar `start[k]` to the
 * bar before `start[k + 1]` (or the end), and every roll falls between two trading days.
 */
export interface ContractSegments {
  /** First bar of each segment, ascending; `start[0]` is 0. */
  start: Int32Array;
  /** The contract of each segment, e.g. `rb1710`; `""` when the file does not say. */
  contracts: string[];
}

/** A columnar one-minute bar table. See the module doc for the conventions. */
export interface BarTable {
  /** Bar end, naive-local epoch milliseconds (Asia/Shanghai wall clock read as UTC). */
  time: Float64Array;
  /** Trading day as YYYYMMDD; night bars belong to the next trading day. */
  tradingDay: Int32Array;
  /** Open price, CNY/t. */
  open: Float64Array;
  /** High price, CNY/t. */
  high: Float64Array;
  /** Low price, CNY/t. */
  low: Float64Array;
  /** Close price, CNY/t. */
  close: Float64Array;
  /** Lots traded in the bar. */
  volume: Float64Array;
  /** Open interest at bar end, lots; `null` when the source has none. */
  openInterest: Float64Array | null;
  /** Level-1 book at bar end; `null` when the source has none. */
  book: Book | null;
  /** Ground truth from the synthetic generator; `null` for real data. */
  groundTruth: Partial<Record<GroundTruthColumn, Float64Array>> | null;
  /** Where the table came from: a file path or a description such as `synthetic seed=42`. */
  source: string;
  /** The product (lib/calendar); absent = unknown (rb's specification is assumed where needed). */
  instrument?: Instrument;
  /** How `instrument` was found, e.g. `--symbol`, `symbol column`, `file name`, `generic`. */
  instrumentFrom?: string;
  /** Contract segments of a continuous series; absent or null = one contract throughout. */
  segments?: ContractSegments | null;
  /** Minutes per bar; absent = 1. */
  barMinutes?: number;
}

/**
 * Which optional fields a table carries.
 *
 * @example
 * ```ts
 * const p = presentFields(table);
 * if (!p.book) console.log("no order book: spread and depth features are absent");
 * ```
 */
export function presentFields(table: BarTable): PresentFields {
  return {
    openInterest: table.openInterest !== null,
    book: table.book !== null,
    groundTruth: table.groundTruth !== null,
  };
}

/**
 * The number of bars in a table.
 *
 * @example
 * ```ts
 * console.log(`${barCount(table)} bars`);
 * ```
 */
export function barCount(table: BarTable): number {
  return table.time.length;
}
