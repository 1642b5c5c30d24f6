/**
 * Row selection on a bar table: every column (bars, open interest, book, book means, ground
 * truth) taken at the same rows.
 *
 * @module
 */
import type { BarTable } from "./schema.ts";

/**
 * The table at `rows` (ascending row indices), as new arrays; `source` is kept unless given.
 *
 * @example
 * ```ts
 * const keep = [...table.tradingDay.keys()].filter((i) => table.tradingDay[i] !== 20230105);
 * const withoutOneDay = selectRows(table, keep);
 * ```
 * @param options.source the new table's source; default the table's.
 */
export function selectRows(
  table: BarTable,
  rows: ArrayLike<number>,
  options: { source?: string } = {},
): BarTable {
  const f = (a: Float64Array) => Float64Array.from(rows, (i) => a[i]);
  const book = table.book, gt = table.groundTruth;
  return {
    time: f(table.time),
    tradingDay: Int32Array.from(rows, (i) => table.tradingDay[i]),
    open: f(table.open),
    high: f(table.high),
    low: f(table.low),
    close: f(table.close),
    volume: f(table.volume),
    openInterest: table.openInterest ? f(table.openInterest) : null,
    book: book
      ? {
        bidPrice1: f(book.bidPrice1),
        askPrice1: f(book.askPrice1),
        bidVolume1: f(book.bidVolume1),
        askVolume1: f(book.askVolume1),
        ...(book.spreadMean ? { spreadMean: f(book.spreadMean) } : {}),
        ...(book.depthMean ? { depthMean: f(book.depthMean) } : {}),
      }
      : null,
    groundTruth: gt
      ? Object.fromEntries(Object.entries(gt).map(([k, a]) => [k, a ? f(a) : a]))
      : null,
    source: options.source ?? table.source,
  };
}
