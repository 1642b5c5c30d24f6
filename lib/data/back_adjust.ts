/**
 * Back-adjusted prices of a continuous series, for features only: fills and P&L keep the traded
 * contract's real prices.
 *
 * **The gap at a roll.** A continuous file holds one contract at a time, so the spread between the
 * old and the new contract is never seen at one instant. The gap is taken between the old
 * contract's last close and the new contract's first open, which also contains the overnight move
 * (the usual approximation when only the continuous series is at hand).
 *
 * **Methods.** The latest contract keeps its prices; every earlier bar is moved:
 * - `ratio` (default): multiplied by new first open / old last close at each later roll. Returns
 *   (and every ratio feature) inside a contract are unchanged, and prices stay positive.
 * - `difference`: shifted by new first open − old last close at each later roll. Price
 *   differences (in ticks) are unchanged; returns of earlier contracts change slightly, and a long
 *   history of negative gaps can push early prices to zero or below (refused, RangeError).
 *
 * @module
 */
import type { BarTable, Book } from "./schema.ts";

/** How to back-adjust: `ratio` (default) or `difference`. */
export type AdjustMethod = "ratio" | "difference";

/** The adjustment methods, e.g. for a CLI enum flag. */
export const ADJUST_METHODS = ["ratio", "difference"] as const;

/** One roll of a continuous series. */
export interface RollGap {
  /** First bar of the new contract. */
  index: number;
  /** The new contract's first open minus the old contract's last close. */
  difference: number;
  /** The new contract's first open over the old contract's last close. */
  ratio: number;
}

/**
 * The rolls of a table (from its `segments`) and their gaps.
 *
 * @example
 * ```ts
 * rollGaps(await readBars("tests/fixtures/roll_symbol_column.csv")); // [{ index: 6, difference: -58, … }]
 * ```
 */
export function rollGaps(table: BarTable): RollGap[] {
  const seg = table.segments;
  if (!seg) return [];
  return Array.from(seg.start.subarray(1), (index) => ({
    index,
    difference: table.open[index] - table.close[index - 1],
    ratio: table.open[index] / table.close[index - 1],
  }));
}

/**
 * A copy of `table` with back-adjusted open, high, low, close and book prices (see the module
 * doc); volumes, open interest and everything else are shared. A table without rolls is returned
 * as it is. Throws RangeError when a difference adjustment leaves a price ≤ 0.
 *
 * @example
 * ```ts
 * const adjusted = backAdjust(table, { method: "ratio" });
 * adjusted.close.at(-1) === table.close.at(-1); // true: the latest contract is not moved
 * ```
 * @param options.method `"ratio"` (default) or `"difference"`.
 */
export function backAdjust(table: BarTable, options: { method?: AdjustMethod } = {}): BarTable {
  const method = options.method ?? "ratio";
  if (method !== "ratio" && method !== "difference") {
    throw new RangeError(`Adjustment method must be ratio or difference, got ${method}`);
  }
  const gaps = rollGaps(table);
  if (gaps.length === 0) return table;
  const n = table.time.length;
  // Per bar: the factor (ratio) or shift (difference) of all later rolls.
  const scale = new Float64Array(n).fill(method === "ratio" ? 1 : 0);
  let acc = method === "ratio" ? 1 : 0;
  let k = gaps.length - 1;
  for (let i = n - 1; i >= 0; i--) {
    while (k >= 0 && i < gaps[k].index) {
      acc = method === "ratio" ? acc * gaps[k].ratio : acc + gaps[k].difference;
      k--;
    }
    scale[i] = acc;
  }
  const adjust = (a: Float64Array) => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = method === "ratio" ? a[i] * scale[i] : a[i] + scale[i];
    return out;
  };
  const low = adjust(table.low);
  const worst = low.findIndex((v) => !(v > 0));
  if (worst >= 0) {
    throw new RangeError(
      `Difference back-adjustment of ${table.source} leaves bar ${worst + 1} at ${low[worst]}: ` +
        `use the ratio method`,
    );
  }
  let book: Book | null = null;
  if (table.book) {
    book = { ...table.book, bidPrice1: adjust(table.book.bidPrice1) };
    book.askPrice1 = adjust(table.book.askPrice1);
  }
  return {
    ...table,
    open: adjust(table.open),
    high: adjust(table.high),
    low,
    close: adjust(table.close),
    book,
  };
}
