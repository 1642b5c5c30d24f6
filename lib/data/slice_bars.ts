/**
 * Rows `start` … `end − 1` of a bar table, as views (no copy), with `label` appended to its source
 * in brackets.
 *
 * @module
 */
import { mapColumns } from "./_map_columns.ts";
import type { BarTable } from "./schema.ts";

/**
 * Rows `start` (inclusive) to `end` (exclusive) of `table` as a bar table of views into its
 * columns (the book, open interest and ground truth included; the instrument kept); source
 * `"<source> [<label>]"`.
 *
 * @example
 * ```ts
 * const firstDay = sliceBars(table, 0, 345, "first day");
 * ```
 */
export function sliceBars(table: BarTable, start: number, end: number, label: string): BarTable {
  const v = <T extends Float64Array | Int32Array>(a: T) => a.subarray(start, end) as T;
  return mapColumns(table, v, `${table.source} [${label}]`);
}
