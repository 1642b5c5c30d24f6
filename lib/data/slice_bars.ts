/**
 * Rows `start` … `end − 1` of a bar table, as views (no copy), with `label` appended to its source
 * in brackets.
 *
 * @module
 */
import type { BarTable } from "./schema.ts";

/**
 * Rows `start` (inclusive) to `end` (exclusive) of `table` as a bar table of views into its
 * columns (the book, open interest and ground truth included); source `"<source> [<label>]"`.
 *
 * @example
 * ```ts
 * const firstDay = sliceBars(table, 0, 345, "first day");
 * ```
 */
export function sliceBars(table: BarTable, start: number, end: number, label: string): BarTable {
  const v = <T extends Float64Array | Int32Array>(a: T) => a.subarray(start, end) as T;
  const book = table.book;
  const gt = table.groundTruth;
  return {
    time: v(table.time),
    tradingDay: v(table.tradingDay),
    open: v(table.open),
    high: v(table.high),
    low: v(table.low),
    close: v(table.close),
    volume: v(table.volume),
    openInterest: table.openInterest ? v(table.openInterest) : null,
    book: book
      ? {
        bidPrice1: v(book.bidPrice1),
        askPrice1: v(book.askPrice1),
        bidVolume1: v(book.bidVolume1),
        askVolume1: v(book.askVolume1),
        ...(book.spreadMean ? { spreadMean: v(book.spreadMean) } : {}),
        ...(book.depthMean ? { depthMean: v(book.depthMean) } : {}),
      }
      : null,
    groundTruth: gt
      ? Object.fromEntries(Object.entries(gt).map(([k, a]) => [k, a ? v(a) : a]))
      : null,
    source: `${table.source} [${label}]`,
  };
}
