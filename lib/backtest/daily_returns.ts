/**
 * Daily returns of an equity curve, by trading day.
 *
 * @module
 */

/** Daily returns and where each trading day ends. */
export interface DailyReturns {
  /** Trading day (YYYYMMDD) of each return. */
  day: Int32Array;
  /** Simple return of the day: equity at its last bar / equity at the previous day's last bar − 1. */
  returns: Float64Array;
  /** Bar index of each day's last bar. */
  endIndex: Int32Array;
}

/**
 * Simple daily returns of a per-bar equity curve, grouped by the `tradingDay` column: a day runs
 * from the bar after the previous day's last bar to its own last bar, so night bars (which carry
 * the NEXT trading day) land in the next day, as on the exchange. Day d's return is
 * equity[last bar of d] / equity[last bar of d − 1] − 1; the first day is measured from `start`.
 * A return whose base equity is ≤ 0 (a ruined margin account) is NaN.
 * Throws RangeError when lengths differ or tradingDay decreases.
 *
 * @param options.start equity before the first bar. Default `equity[0]` (the engine never holds a
 *   position on bar 0, so that is the capital); pass the capital to be explicit.
 * @example
 * ```ts
 * const { day, returns } = dailyReturns(curve.equityNet, bars.tradingDay, { start: curve.capital });
 * ```
 */
export function dailyReturns(
  equity: ArrayLike<number>,
  tradingDay: ArrayLike<number>,
  options: { start?: number } = {},
): DailyReturns {
  const n = equity.length;
  if (tradingDay.length !== n) {
    throw new RangeError(
      `dailyReturns needs equal lengths, got ${n} equity and ${tradingDay.length} days`,
    );
  }
  let days = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) {
    if (tradingDay[i] < tradingDay[i - 1]) {
      throw new RangeError(
        `Trading days must not decrease: bar ${i} has ${tradingDay[i]} after ${tradingDay[i - 1]}`,
      );
    }
    if (tradingDay[i] !== tradingDay[i - 1]) days++;
  }
  const day = new Int32Array(days),
    returns = new Float64Array(days),
    endIndex = new Int32Array(days);
  let prev = options.start ?? (n > 0 ? equity[0] : NaN);
  for (let i = 0, d = 0; i < n; i++) {
    if (i + 1 === n || tradingDay[i + 1] !== tradingDay[i]) {
      const e = equity[i];
      day[d] = tradingDay[i];
      endIndex[d] = i;
      returns[d++] = prev > 0 ? e / prev - 1 : NaN;
      prev = e;
    }
  }
  return { day, returns, endIndex };
}
