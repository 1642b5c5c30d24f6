/**
 * The CSV layouts readBars understands, their accepted column names, and detection by header.
 *
 * Header names are matched case-insensitively and ignoring everything but letters and digits, so
 * `open_interest`, `OpenInterest` and `Open Interest` are the same name. Columns not listed are
 * ignored (a `symbol` or `turnover` column does no harm).
 *
 * **generic** — one row per one-minute bar, stamped at the bar's END:
 * | field | accepted names |
 * |---|---|
 * | bar end | `datetime`, `timestamp`; else `date` + `time` columns; else `time` or `date` alone holding a date-time |
 * | trading_day (optional) | `trading_day`, `trading_date`, `tradingday`, `trade_day` |
 * | open, high, low, close | `open`/`open_price`, `high`/`high_price`, `low`/`low_price`, `close`/`close_price` |
 * | volume | `volume`, `vol` |
 * | open_interest (optional) | `open_interest`, `openinterest`, `oi`, `open_int` |
 * | bid_price1 (optional*) | `bid_price1`, `bid_price`, `bid1`, `bid` |
 * | ask_price1 (optional*) | `ask_price1`, `ask_price`, `ask1`, `ask` |
 * | bid_volume1 (optional*) | `bid_volume1`, `bid_volume`, `bid_vol1`, `bid_vol`, `bid_size1`, `bid_size` |
 * | ask_volume1 (optional*) | `ask_volume1`, `ask_volume`, `ask_vol1`, `ask_vol`, `ask_size1`, `ask_size` |
 * | spread_mean, depth_mean (optional, need the book) | `spread_mean`, `depth_mean` |
 * | ground truth (optional) | `gt_exp_ret_5m`, `gt_regime` |
 *
 * (*) The four book columns come together or not at all.
 *
 * **vnpy-bars** — vn.py bar export `Date,Time,Open,High,Low,Close,TotalVolume` (+ optional
 * `OpenInterest`); `Date` like `2017-6-1`, `Time` like `9:01:00` (bar end); `TotalVolume` is the
 * bar's volume.
 *
 * **vnpy-ticks** — vn.py tick export
 * `symbol,date,time,lastPrice,lastVolume,bidPrice1,askPrice1,bidVolume1,askVolume1` (+ optional
 * `openInterest`); `date` YYYYMMDD, `time` HH:MM:SS.f. Aggregated to one-minute bars
 * (see aggregate_ticks.ts).
 *
 * **auto** picks vnpy-ticks when the header has `lastPrice`, vnpy-bars when it has `TotalVolume`,
 * `Date` and `Time`, and generic otherwise.
 *
 * @module
 */

/** A CSV layout readBars can read. */
export type CsvLayout = "generic" | "vnpy-bars" | "vnpy-ticks";

/** The `layout` option of readBars: a layout, or `auto` to detect it from the header. */
export type CsvLayoutOption = "auto" | CsvLayout;

/** All values of {@linkcode CsvLayoutOption}, e.g. for a CLI enum flag. */
export const CSV_LAYOUT_OPTIONS = ["auto", "generic", "vnpy-bars", "vnpy-ticks"] as const;

/** A field a layout maps to a column: the bar-table CSV names plus tick-only fields. */
export type LayoutField =
  | "datetime"
  | "date"
  | "time"
  | "trading_day"
  | "open"
  | "high"
  | "low"
  | "close"
  | "volume"
  | "open_interest"
  | "bid_price1"
  | "ask_price1"
  | "bid_volume1"
  | "ask_volume1"
  | "spread_mean"
  | "depth_mean"
  | "gt_exp_ret_5m"
  | "gt_regime"
  | "last_price"
  | "last_volume";

interface FieldDef {
  field: LayoutField;
  /** The usual spelling, shown in errors. */
  shown: string;
  /** Normalized accepted names. */
  names: readonly string[];
  required: boolean;
}

const def = (field: LayoutField, names: string[], required = false): FieldDef => ({
  field,
  shown: names[0],
  names: names.map(normalizeColumnName),
  required,
});

const GENERIC: readonly FieldDef[] = [
  def("trading_day", ["trading_day", "trading_date", "tradingday", "trade_day"]),
  def("open", ["open", "open_price"], true),
  def("high", ["high", "high_price"], true),
  def("low", ["low", "low_price"], true),
  def("close", ["close", "close_price"], true),
  def("volume", ["volume", "vol"], true),
  def("open_interest", ["open_interest", "oi", "open_int"]),
  def("bid_price1", ["bid_price1", "bid_price", "bid1", "bid"]),
  def("ask_price1", ["ask_price1", "ask_price", "ask1", "ask"]),
  def("bid_volume1", ["bid_volume1", "bid_volume", "bid_vol1", "bid_vol", "bid_size1", "bid_size"]),
  def("ask_volume1", ["ask_volume1", "ask_volume", "ask_vol1", "ask_vol", "ask_size1", "ask_size"]),
  def("spread_mean", ["spread_mean"]),
  def("depth_mean", ["depth_mean"]),
  def("gt_exp_ret_5m", ["gt_exp_ret_5m"]),
  def("gt_regime", ["gt_regime"]),
];

const VNPY_BARS: readonly FieldDef[] = [
  def("date", ["Date"], true),
  def("time", ["Time"], true),
  def("open", ["Open"], true),
  def("high", ["High"], true),
  def("low", ["Low"], true),
  def("close", ["Close"], true),
  def("volume", ["TotalVolume"], true),
  def("open_interest", ["OpenInterest"]),
];

const VNPY_TICKS: readonly FieldDef[] = [
  def("date", ["date"], true),
  def("time", ["time"], true),
  def("last_price", ["lastPrice"], true),
  def("last_volume", ["lastVolume"], true),
  def("bid_price1", ["bidPrice1"], true),
  def("ask_price1", ["askPrice1"], true),
  def("bid_volume1", ["bidVolume1"], true),
  def("ask_volume1", ["askVolume1"], true),
  def("open_interest", ["openInterest"]),
];

/**
 * A header name reduced to lower-case letters and digits, the key for alias matching.
 *
 * @example
 * ```ts
 * normalizeColumnName("Open Interest"); // "openinterest"
 * ```
 */
export function normalizeColumnName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The layout of a CSV header (see the module doc for the rule).
 *
 * @example
 * ```ts
 * detectLayout(["Date", "Time", "Open", "High", "Low", "Close", "TotalVolume"]); // "vnpy-bars"
 * ```
 */
export function detectLayout(header: readonly string[]): CsvLayout {
  const names = new Set(header.map(normalizeColumnName));
  if (names.has("lastprice")) return "vnpy-ticks";
  if (names.has("totalvolume") && names.has("date") && names.has("time")) return "vnpy-bars";
  return "generic";
}

/** A layout resolved against a header: field → column index, and the header's own names. */
export interface ResolvedColumns {
  /** The layout. */
  layout: CsvLayout;
  /** Column index (0-based) of each field the file has. */
  index: Partial<Record<LayoutField, number>>;
  /** The header as written in the file. */
  header: readonly string[];
}

/**
 * Map a layout's fields to the columns of a header. Throws TypeError naming the file for a
 * missing required column, two columns meaning the same field, or an incomplete book.
 *
 * @example
 * ```ts
 * resolveColumns(["timestamp", "Open", "High", "Low", "Close", "Vol"], "generic", { source: "x.csv" })
 *   .index; // { datetime: 0, open: 1, high: 2, low: 3, close: 4, volume: 5 }
 * ```
 * @param options.source the file named in errors; default "input".
 */
export function resolveColumns(
  header: readonly string[],
  layout: CsvLayout,
  options: { source?: string } = {},
): ResolvedColumns {
  const source = options.source ?? "input";
  const normalized = header.map(normalizeColumnName);
  const index: Partial<Record<LayoutField, number>> = {};
  const shown = `header: ${header.join(",")}`;
  const find = (names: readonly string[], field: string): number | undefined => {
    const hits: number[] = [];
    normalized.forEach((n, i) => names.includes(n) && hits.push(i));
    if (hits.length > 1) {
      throw new TypeError(
        `Cannot read ${source}: columns ${hits.map((i) => header[i]).join(" and ")} both mean ` +
          `${field} (${shown})`,
      );
    }
    return hits[0];
  };
  const defs = layout === "generic" ? GENERIC : layout === "vnpy-bars" ? VNPY_BARS : VNPY_TICKS;
  for (const d of defs) {
    const i = find(d.names, d.field);
    if (i !== undefined) index[d.field] = i;
    else if (d.required) {
      throw new TypeError(
        `Cannot read ${source} as ${layout}: missing column ${d.shown} (${shown})`,
      );
    }
  }
  if (layout === "generic") {
    const dt = find(["datetime", "timestamp"], "the bar time");
    const date = normalized.indexOf("date"), time = normalized.indexOf("time");
    if (dt !== undefined) index.datetime = dt;
    else if (date >= 0 && time >= 0) (index.date = date, index.time = time);
    else if (date >= 0 || time >= 0) index.datetime = Math.max(date, time);
    else {
      throw new TypeError(
        `Cannot read ${source} as generic: missing column datetime ` +
          `(or timestamp, or date + time) (${shown})`,
      );
    }
    const book = ["bid_price1", "ask_price1", "bid_volume1", "ask_volume1"] as const;
    const have = book.filter((f) => index[f] !== undefined);
    if (have.length > 0 && have.length < 4) {
      const missing = book.filter((f) => index[f] === undefined);
      throw new TypeError(
        `Cannot read ${source}: the book needs all four of bid_price1, ask_price1, bid_volume1, ` +
          `ask_volume1; missing column ${missing.join(", ")} (${shown})`,
      );
    }
    for (const f of ["spread_mean", "depth_mean"] as const) {
      if (index[f] !== undefined && have.length === 0) {
        throw new TypeError(`Cannot read ${source}: column ${f} needs the book columns (${shown})`);
      }
    }
  }
  return { layout, index, header };
}
