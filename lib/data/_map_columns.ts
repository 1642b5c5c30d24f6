/**
 * One function applied to every per-bar column of a bar table (bars, open interest, book, book
 * means, ground truth): the shared core of `sliceBars` and `selectRows`.
 *
 * @module
 */
import type { BarTable } from "./schema.ts";

/** The table with `f` applied to each column, `source` replaced; the instrument is kept. */
export function mapColumns(
  table: BarTable,
  f: <T extends Float64Array | Int32Array>(a: T) => T,
  source: string,
): BarTable {
  const book = table.book, gt = table.groundTruth;
  return {
    time: f(table.time),
    tradingDay: f(table.tradingDay),
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
    source,
    ...(table.instrument ? { instrument: table.instrument } : {}),
    ...(table.instrumentFrom ? { instrumentFrom: table.instrumentFrom } : {}),
  };
}
