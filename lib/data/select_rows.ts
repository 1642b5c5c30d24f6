/**
 * Row selection on a bar table: every column (bars, open interest, book, book means, ground
 * truth) taken at the same rows.
 *
 * @module
 */
import { mapColumns } from "./_map_columns.ts";
import type { BarTable } from "./schema.ts";

/**
 * The table at `rows` (ascending row indices), as new arrays; `source` (unless given) and the
 * instrument are kept.
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
  const f = <T extends Float64Array | Int32Array>(a: T) =>
    (a instanceof Int32Array
      ? Int32Array.from(rows, (i) => a[i])
      : Float64Array.from(rows, (i) => a[i])) as T;
  return mapColumns(table, f, options.source ?? table.source);
}
