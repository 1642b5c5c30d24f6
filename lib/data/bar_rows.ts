/**
 * Bars as plain row objects keyed by the CSV column names, for showing the head of a table.
 *
 * @module
 */
import { formatLocalDateTime, formatTradingDay } from "./local_time.ts";
import type { BarTable } from "./schema.ts";
import { contractOfBars, csvColumnsOf } from "./write_bars.ts";

/** One bar as a row: CSV column name → value (`datetime` and `trading_day` as text). */
export type BarRow = Record<string, string | number>;

/**
 * Rows `start … start+count−1` of a bar table as objects with the CSV columns of
 * {@linkcode csvColumnsOf} (in file order: `datetime`, `trading_day`, OHLCV, the optional open
 * interest, book and ground-truth columns when present), as `writeBars` would write them:
 * `datetime` ISO local bar end, `trading_day` YYYY-MM-DD, numbers as they are. The range is
 * clipped to the table. Throws RangeError for a negative or non-integer start or count.
 *
 * @example
 * ```ts
 * showTable(barRows(table, { count: 5 })); // the head, every column
 * barRows(table)[0].datetime; // "2023-01-03T09:01:00"
 * ```
 * @param options.start first row; default 0.
 * @param options.count rows at most; default 10.
 */
export function barRows(
  table: BarTable,
  options: { start?: number; count?: number } = {},
): BarRow[] {
  const start = options.start ?? 0, count = options.count ?? 10;
  for (const [name, v] of [["start", start], ["count", count]] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`barRows ${name} must be a non-negative integer, got ${v}`);
    }
  }
  const columns: [string, ArrayLike<number>][] = [
    ["open", table.open],
    ["high", table.high],
    ["low", table.low],
    ["close", table.close],
    ["volume", table.volume],
  ];
  if (table.openInterest) columns.push(["open_interest", table.openInterest]);
  const b = table.book;
  if (b) {
    columns.push(["bid_price1", b.bidPrice1], ["ask_price1", b.askPrice1]);
    columns.push(["bid_volume1", b.bidVolume1], ["ask_volume1", b.askVolume1]);
    if (b.spreadMean) columns.push(["spread_mean", b.spreadMean]);
    if (b.depthMean) columns.push(["depth_mean", b.depthMean]);
  }
  for (const [name, values] of Object.entries(table.groundTruth ?? {})) {
    if (values) columns.push([name, values]);
  }
  const order = csvColumnsOf(table);
  columns.sort((a, z) => order.indexOf(a[0]) - order.indexOf(z[0]));
  const end = Math.min(table.time.length, start + count);
  const contracts = contractOfBars(table);
  const rows: BarRow[] = [];
  for (let i = start; i < end; i++) {
    const row: BarRow = {
      datetime: formatLocalDateTime(table.time[i]),
      trading_day: formatTradingDay(table.tradingDay[i]),
    };
    for (const [name, values] of columns) row[name] = values[i];
    if (contracts) row.symbol = contracts[i];
    rows.push(row);
  }
  return rows;
}
