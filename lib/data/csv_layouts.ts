/**
 * The CSV layouts readBars understands, their accepted column names, and detection by header.
 *
 * Header names are matched case-insensitively and ignoring everything but letters and digits, so
 * `open_interest`, `OpenInterest` and `Open Interest` are the same name. Columns not listed are
 * ignored (a `turnover` column does no harm). Every layout may carry a contract column (`symbol`,
 * `contract`, `instrument_id`, `code`): it names the product (see readBars' `symbol` option) and,
 * in a continuous series, the rolls.
 *
 * **Stamps.** A bar is stamped either at its END (our files, generic files, the vn.py bar export
 * of the real sample) or at its START (vn.py's database and TqSdk). readBars always returns bar
 * ends: a start stamp is moved on by the bar length.
 *
 * **generic** — one row per bar, stamped at the bar's END:
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
 * | ground truth (optional) | `gt_exp_ret_5m`, `gt_regime`, `gt_informed` |
 *
 * (*) The four book columns come together or not at all.
 *
 * **Date and time in separate columns.** `date` + `time` as above. Two header shapes that public
 * sample files use are repaired (and the repair is reported, see {@linkcode HeaderInfo.notes}): a
 * header one name short (the rows have one field more than the header, the unnamed field right
 * after the date being the time of day), and an empty name for the time column (`Date,,Open,…`).
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
 * **vnpy-db** — vn.py's database bars, stamped at the bar's START: the DataManager CSV export
 * `symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest`, or a dump of the
 * `dbbardata` table (`symbol,exchange,datetime,interval,volume,turnover,open_interest,open_price,
 * high_price,low_price,close_price`). `datetime` is local time (`2021-01-04 09:00:00`, an
 * optional `+08:00` suffix is accepted); `interval` (`1m`, `1h`, `d`) must agree with the bar
 * length.
 *
 * **tqsdk** — TqSdk K-lines, stamped at the bar's START: a `get_kline_serial` DataFrame saved with
 * `to_csv` (`,id,datetime,open,high,low,close,volume,open_oi,close_oi,symbol,duration`, the first
 * column pandas' index), where `datetime` is nanoseconds since the Unix epoch (UTC; converted to
 * Beijing time) and `duration` the bar length in seconds; or a `DataDownloader` file (`datetime`
 * as local text, every other column prefixed by the contract: `SHFE.rb2105.open`, …). Open
 * interest is `close_oi` (at the bar's end).
 *
 * **auto** picks vnpy-ticks when the header has `lastPrice`; vnpy-bars when it has `TotalVolume`,
 * `Date` and `Time`; tqsdk when it has `close_oi`; vnpy-db when it has `open_price`, or `exchange`
 * and `turnover` beside `datetime`; generic otherwise.
 *
 * @module
 */

/** A CSV layout readBars can read. */
export type CsvLayout = "generic" | "vnpy-bars" | "vnpy-ticks" | "vnpy-db" | "tqsdk";

/** The `layout` option of readBars: a layout, or `auto` to detect it from the header. */
export type CsvLayoutOption = "auto" | CsvLayout;

/** All values of {@linkcode CsvLayoutOption}, e.g. for a CLI enum flag. */
export const CSV_LAYOUT_OPTIONS = [
  "auto",
  "generic",
  "vnpy-bars",
  "vnpy-ticks",
  "vnpy-db",
  "tqsdk",
] as const;

/** Where a layout stamps its bars. */
export const LAYOUT_STAMP: Readonly<Record<CsvLayout, "start" | "end">> = Object.freeze({
  "generic": "end",
  "vnpy-bars": "end",
  "vnpy-ticks": "end",
  "vnpy-db": "start",
  "tqsdk": "start",
});

/** A field a layout maps to a column: the bar-table CSV names plus vendor-only fields. */
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
  | "gt_informed"
  | "last_price"
  | "last_volume"
  | "symbol"
  | "interval"
  | "duration";

/** One field of a layout: its name, the header names it accepts, whether it is required. */
export interface FieldDef {
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

const SYMBOL = def("symbol", ["symbol", "contract", "instrument_id", "code"]);

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
  def("gt_informed", ["gt_informed"]),
  SYMBOL,
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
  SYMBOL,
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
  SYMBOL,
];

const VNPY_DB: readonly FieldDef[] = [
  def("datetime", ["datetime"], true),
  def("open", ["open_price", "open"], true),
  def("high", ["high_price", "high"], true),
  def("low", ["low_price", "low"], true),
  def("close", ["close_price", "close"], true),
  def("volume", ["volume"], true),
  def("open_interest", ["open_interest"]),
  def("interval", ["interval"]),
  SYMBOL,
];

const TQSDK: readonly FieldDef[] = [
  def("datetime", ["datetime"], true),
  def("open", ["open"], true),
  def("high", ["high"], true),
  def("low", ["low"], true),
  def("close", ["close"], true),
  def("volume", ["volume"], true),
  def("open_interest", ["close_oi"]),
  def("duration", ["duration"]),
  SYMBOL,
];

/** Each layout's fields and the header names that map to them. */
export const FIELDS: Readonly<Record<CsvLayout, readonly FieldDef[]>> = {
  "generic": GENERIC,
  "vnpy-bars": VNPY_BARS,
  "vnpy-ticks": VNPY_TICKS,
  "vnpy-db": VNPY_DB,
  "tqsdk": TQSDK,
};

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
 * The layout of a CSV header (see the module doc for the rule). Pass the header after
 * {@linkcode fixHeader}'s repairs.
 *
 * @example
 * ```ts
 * detectLayout(["Date", "Time", "Open", "High", "Low", "Close", "TotalVolume"]); // "vnpy-bars"
 * detectLayout(["", "id", "datetime", "open", "high", "low", "close", "volume", "open_oi", "close_oi"]); // "tqsdk"
 * ```
 */
export function detectLayout(header: readonly string[]): CsvLayout {
  const names = new Set(header.map(normalizeColumnName));
  if (names.has("lastprice")) return "vnpy-ticks";
  if (names.has("totalvolume") && names.has("date") && names.has("time")) return "vnpy-bars";
  if (names.has("closeoi")) return "tqsdk";
  if (names.has("datetime") && names.has("openprice")) return "vnpy-db";
  if (names.has("datetime") && names.has("exchange") && names.has("turnover")) return "vnpy-db";
  return "generic";
}

/** A header as written and as readBars reads it, after the repairs of {@linkcode fixHeader}. */
export interface HeaderInfo {
  /** The header line's names as written. */
  written: string[];
  /** The names readBars uses: one per field of the rows. */
  names: string[];
  /** The contract named by a TqSdk DataDownloader column prefix (`SHFE.rb2105`), else null. */
  contract: string | null;
  /** What was repaired, in words (empty when nothing was). */
  notes: string[];
}

const TQ_PREFIX = /^([A-Za-z]+\.[A-Za-z]+\d*)\.(.+)$/;

/**
 * Repairs of a header before its layout is detected (each one reported in `notes`):
 * - rows with one field more than the header, the unnamed one right after a `date` column →
 *   named `time` (a header one name short);
 * - an empty name right after a `date` column → `time`; another empty name → `column_N`;
 * - TqSdk DataDownloader names `SHFE.rb2105.open` → `open` (the contract kept in `contract`).
 * Throws TypeError naming the file when the rows and the header disagree in any other way.
 *
 * @example
 * ```ts
 * fixHeader(["Date", "Open", "High", "Low", "Close", "Volume"], 7, { source: "x.csv" }).names;
 * // ["Date", "time", "Open", "High", "Low", "Close", "Volume"]
 * ```
 * @param rowFields the number of fields of the first data row (the header's own count if none).
 * @param options.source the file named in errors; default "input".
 */
export function fixHeader(
  written: readonly string[],
  rowFields: number,
  options: { source?: string } = {},
): HeaderInfo {
  const source = options.source ?? "input";
  const names = [...written];
  const notes: string[] = [];
  const dateAt = names.findIndex((n) => normalizeColumnName(n) === "date");
  if (rowFields === names.length + 1 && dateAt >= 0) {
    names.splice(dateAt + 1, 0, "time");
    notes.push(
      `the header names ${written.length} columns but the rows have ${rowFields}: the unnamed ` +
        `field after ${written[dateAt]} is read as the time of day`,
    );
  } else if (rowFields !== names.length) {
    throw new TypeError(
      `Cannot read ${source}: the header names ${names.length} columns but the first row has ` +
        `${rowFields} fields (header: ${written.join(",")})`,
    );
  }
  names.forEach((n, i) => {
    if (n.trim() !== "") return;
    if (i === dateAt + 1 && dateAt >= 0) {
      names[i] = "time";
      notes.push(`the empty column name after ${written[dateAt]} is read as the time of day`);
    } else names[i] = `column_${i + 1}`;
  });
  const prefixes = new Set<string>();
  names.forEach((n, i) => {
    const m = TQ_PREFIX.exec(n);
    if (m !== null && normalizeColumnName(m[2]) !== "") (prefixes.add(m[1]), names[i] = m[2]);
  });
  if (prefixes.size > 1) {
    throw new TypeError(
      `Cannot read ${source}: it holds several contracts (${[...prefixes].join(", ")}); ` +
        `read one contract per file`,
    );
  }
  const contract = prefixes.size === 1 ? [...prefixes][0] : null;
  if (contract !== null) {
    notes.push(`columns prefixed by the contract ${contract} (TqSdk download)`);
  }
  return { written: [...written], names, contract, notes };
}
