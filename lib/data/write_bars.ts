/**
 * Write a bar table as CSV through nodejs-polars, atomically and byte-for-byte deterministically.
 *
 * Format:
 * - columns: {@linkcode BAR_COLUMNS} (the optional ones only when present), then
 *   {@linkcode BOOK_MEAN_COLUMNS} when the book has them, then the ground-truth columns present,
 *   in {@linkcode GROUND_TRUTH_COLUMNS} order; then `symbol` (each bar's contract) when the table is
 *   a continuous series whose segments name their contracts;
 * - `datetime` ISO local `2023-01-03T09:01:00` (bar end), `trading_day` `2023-01-03`;
 * - a numeric column whose values are all integers is written as integers (`3102`); any other is
 *   written with JavaScript's shortest round-trip formatting (`3102.5`, `0.00012`, `1e-7`), so
 *   reading it back gives the same doubles; NaN (ground truth only) is an empty cell;
 * - `\n` line endings, a header line, no quoting, no BOM.
 *
 * @module
 */
import pl from "nodejs-polars";
import { writeFileAtomic } from "./atomic_write.ts";
import { BAR_COLUMNS, type BarTable, BOOK_MEAN_COLUMNS, GROUND_TRUTH_COLUMNS } from "./schema.ts";
import { validateBars } from "./validate_bars.ts";

type Series = ReturnType<typeof pl.Series>;

const DAY_MS = 86_400_000;

/**
 * The CSV columns {@linkcode writeBars} writes for a table, in file order.
 *
 * @example
 * ```ts
 * csvColumnsOf(table); // ["datetime", "trading_day", "open", …, "volume", "open_interest", "gt_exp_ret_5m", "gt_regime"]
 * ```
 */
export function csvColumnsOf(table: BarTable): string[] {
  const cols: string[] = BAR_COLUMNS.filter((c) => {
    if (c === "open_interest") return table.openInterest !== null;
    if (c.startsWith("bid_") || c.startsWith("ask_")) return table.book !== null;
    return true;
  });
  if (table.book?.spreadMean) cols.push(BOOK_MEAN_COLUMNS[0]);
  if (table.book?.depthMean) cols.push(BOOK_MEAN_COLUMNS[1]);
  for (const c of GROUND_TRUTH_COLUMNS) if (table.groundTruth?.[c]) cols.push(c);
  if (namedSegments(table)) cols.push("symbol");
  return cols;
}

/** Whether the table's segments name their contracts (then written as a `symbol` column). */
function namedSegments(table: BarTable): boolean {
  const seg = table.segments;
  return !!seg && seg.start.length > 1 && seg.contracts.every((c) => c !== "");
}

/**
 * The contract of each bar of a table with named segments, else null.
 *
 * @example
 * ```ts
 * contractOfBars(await readBars("tests/fixtures/roll_symbol_column.csv"))![0]; // "rb2305"
 * ```
 */
export function contractOfBars(table: BarTable): string[] | null {
  if (!namedSegments(table)) return null;
  const { start, contracts } = table.segments!;
  const out = new Array<string>(table.time.length);
  for (let k = 0; k < start.length; k++) {
    const end = k + 1 < start.length ? start[k + 1] : out.length;
    out.fill(contracts[k], start[k], end);
  }
  return out;
}

function numberText(x: number): string | null {
  if (Number.isNaN(x)) return null;
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  return String(x);
}

function numericSeries(name: string, values: Float64Array): Series {
  let integral = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER) {
      integral = false;
      break;
    }
  }
  if (integral) return pl.Series(name, values, pl.Float64).cast(pl.Int64);
  const texts = new Array<string | null>(values.length);
  for (let i = 0; i < values.length; i++) texts[i] = numberText(values[i]);
  return pl.Series(name, texts, pl.Utf8);
}

function tradingDaySeries(tradingDay: Int32Array): Series {
  const days = new Int32Array(tradingDay.length);
  let lastYmd = NaN, lastDay = 0;
  for (let i = 0; i < tradingDay.length; i++) {
    const ymd = tradingDay[i];
    if (ymd !== lastYmd) {
      const y = Math.floor(ymd / 10000), m = Math.floor(ymd / 100) % 100, d = ymd % 100;
      (lastYmd = ymd, lastDay = Date.UTC(y, m - 1, d) / DAY_MS);
    }
    days[i] = lastDay;
  }
  return pl.Series("trading_day", days, pl.Int32).cast(pl.Date);
}

function columnValues(table: BarTable, column: string): Float64Array {
  const book = table.book;
  const map: Record<string, Float64Array | null | undefined> = {
    open: table.open,
    high: table.high,
    low: table.low,
    close: table.close,
    volume: table.volume,
    open_interest: table.openInterest,
    bid_price1: book?.bidPrice1,
    ask_price1: book?.askPrice1,
    bid_volume1: book?.bidVolume1,
    ask_volume1: book?.askVolume1,
    spread_mean: book?.spreadMean,
    depth_mean: book?.depthMean,
    gt_exp_ret_5m: table.groundTruth?.gt_exp_ret_5m,
    gt_regime: table.groundTruth?.gt_regime,
    gt_informed: table.groundTruth?.gt_informed,
  };
  const v = map[column];
  if (!v) throw new TypeError(`Table ${table.source} has no column ${column}`);
  return v;
}

/**
 * Write `table` to `path` as CSV (format in the module doc). The table is validated first
 * ({@linkcode validateBars}; errors name the row as `Cannot write row N of <source> to <path>`),
 * then written to a temporary file in the same directory and renamed over `path`: on any failure
 * an existing `path` is left intact and no temporary remains. The directory must exist. Identical
 * tables give identical bytes.
 *
 * @example
 * ```ts
 * await writeBars(generateMarket({ seed: 42, year: 2023 }), "data/market.csv");
 * ```
 */
export async function writeBars(table: BarTable, path: string): Promise<void> {
  validateBars(table, {
    rowLabel: (i) => `Cannot write row ${i + 1} of ${table.source} to ${path}`,
  });
  const series: Series[] = [];
  for (const c of csvColumnsOf(table)) {
    if (c === "datetime") series.push(pl.Series(c, table.time, pl.Float64).cast(pl.Datetime("ms")));
    else if (c === "trading_day") series.push(tradingDaySeries(table.tradingDay));
    else if (c === "symbol") series.push(pl.Series(c, contractOfBars(table)!, pl.Utf8));
    else series.push(numericSeries(c, columnValues(table, c)));
  }
  const df = pl.DataFrame(series);
  await writeFileAtomic(path, (tmp) => {
    df.writeCSV(tmp, {
      includeHeader: true,
      lineTerminator: "\n",
      datetimeFormat: "%Y-%m-%dT%H:%M:%S",
      dateFormat: "%Y-%m-%d",
      nullValue: "",
      quoteStyle: "necessary",
    });
  });
}
