/**
 * The length of a file's bars, read from its stamps: Trendformer's features, horizon and holding
 * period count one-minute bars unless told `--bar-minutes N`.
 *
 * @module
 */

const MINUTE_MS = 60_000;

/**
 * The most common step between consecutive bars of the same trading day, in whole minutes (1 for
 * one-minute bars, 5 for five-minute bars), ties to the shorter; null when no trading day has two
 * bars. Steps over two hours (session breaks) are ignored.
 *
 * @example
 * ```ts
 * detectBarMinutes(table.time, table.tradingDay); // 1
 * ```
 */
export function detectBarMinutes(
  time: ArrayLike<number>,
  tradingDay: ArrayLike<number>,
): number | null {
  const counts = new Map<number, number>();
  for (let i = 1; i < time.length; i++) {
    if (tradingDay[i] !== tradingDay[i - 1]) continue;
    const step = (time[i] - time[i - 1]) / MINUTE_MS;
    if (step > 0 && step <= 120 && Number.isInteger(step)) {
      counts.set(step, (counts.get(step) ?? 0) + 1);
    }
  }
  let best: number | null = null, most = 0;
  for (const [step, n] of counts) {
    if (n > most || (n === most && best !== null && step < best)) (best = step, most = n);
  }
  return best;
}

/**
 * Checks the bar length of a file against the one expected (`--bar-minutes`, default 1). Throws
 * RangeError naming the file and the bar size found, and how to use it.
 *
 * @example
 * ```ts
 * checkBarMinutes(5, 1, { source: "x.csv" });
 * // RangeError: x.csv holds 5-minute bars (the most common step between two bars of a trading day), …
 * ```
 * @param options.source the file named in the message.
 * @param options.how how the bar size was found; default "the most common step between two bars
 *   of a trading day".
 */
export function checkBarMinutes(
  found: number | null,
  expected: number,
  options: { source: string; how?: string },
): void {
  if (found === null || found === expected) return;
  const how = options.how ?? "the most common step between two bars of a trading day";
  throw new RangeError(
    `${options.source} holds ${found}-minute bars (${how}), not ${expected}-minute bars: pass ` +
      `--bar-minutes ${found} to use them as they are (features, the 5-minute horizon and the ` +
      `15-minute holding period then count ${found}-minute bars), or resample the file`,
  );
}

/**
 * A span of `minutes` in bars of `barMinutes` minutes (5 minutes = 1 five-minute bar). Throws
 * RangeError naming `what` when the span is not a whole number of bars.
 *
 * @example
 * ```ts
 * minutesToBars(15, 5, "the holding period"); // 3
 * minutesToBars(5, 3, "the horizon"); // throws RangeError
 * ```
 */
export function minutesToBars(minutes: number, barMinutes: number, what: string): number {
  const bars = minutes / barMinutes;
  if (!Number.isInteger(bars) || bars < 1) {
    throw new RangeError(
      `${what} (${minutes} minutes) is not a whole number of ${barMinutes}-minute bars`,
    );
  }
  return bars;
}
