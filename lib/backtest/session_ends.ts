/**
 * Session structure read from the bars themselves, so it works for any calendar and for real
 * data with missing minutes.
 *
 * @module
 */

/** Code in {@linkcode sessionEnds}: the bar is followed by the next bar of the same session. */
export const INSIDE_SESSION = 0;
/** Code in {@linkcode sessionEnds}: the bar is the last of its session, same trading day follows. */
export const SESSION_END = 1;
/** Code in {@linkcode sessionEnds}: the bar is the last of its trading day (or of the data). */
export const DAY_END = 2;

/**
 * For each bar, whether it ends its session: {@linkcode INSIDE_SESSION} (0),
 * {@linkcode SESSION_END} (1) or {@linkcode DAY_END} (2).
 *
 * Rules: bar i ends a trading day when `tradingDay[i + 1] !== tradingDay[i]`, and the last bar of
 * the table is treated as a day end (the data stops there). Otherwise it ends a session when the
 * gap to the next bar-end stamp exceeds one minute (`time[i + 1] − time[i] > 60 000` ms), e.g.
 * 10:15 → 10:31, 11:30 → 13:31, 15:00 → 21:01. A missing minute inside a session of real data is
 * therefore also a session break (conservative: the backtest goes flat across the hole).
 * Throws RangeError when lengths differ or time does not increase strictly.
 *
 * @example
 * ```ts
 * const ends = sessionEnds(bars); // Uint8Array, ends[i] !== 0 on the last bar of each session
 * ```
 */
export function sessionEnds(
  bars: { time: ArrayLike<number>; tradingDay: ArrayLike<number> },
): Uint8Array {
  const { time, tradingDay } = bars;
  const n = time.length;
  if (tradingDay.length !== n) {
    throw new RangeError(`Bars have ${n} times but ${tradingDay.length} trading days`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i + 1 < n; i++) {
    const dt = time[i + 1] - time[i];
    if (!(dt > 0)) {
      throw new RangeError(
        `Bar times must increase strictly: bar ${i + 1} (${time[i + 1]}) after bar ${i} (${
          time[i]
        })`,
      );
    }
    out[i] = tradingDay[i + 1] !== tradingDay[i]
      ? DAY_END
      : dt > 60_000
      ? SESSION_END
      : INSIDE_SESSION;
  }
  if (n > 0) out[n - 1] = DAY_END;
  return out;
}
