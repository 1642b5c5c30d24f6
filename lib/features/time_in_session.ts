/**
 * Position of a bar inside its trading session, for the `time_in_session` feature.
 *
 * Sessions are lib/market's {@linkcode SESSIONS} (SHFE rb): night 21:00–23:00 (120 min),
 * am1 09:00–10:15 (75), am2 10:30–11:30 (60), pm 13:30–15:00 (90). For a bar ending at `t` in a
 * session that opens at `start` and closes at `end`:
 * `time_in_session = (t − start) / (end − start)`, in (0, 1]: the first bar of a session gives
 * 1/length, the last gives 1. A bar ending outside every session gives NaN.
 *
 * @module
 */

import pl from "nodejs-polars";
import { sessionOf, SESSIONS } from "../calendar/mod.ts";

const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;

/**
 * Time in session of one bar from its bar-end time (naive-local epoch ms), via lib/market's
 * `sessionOf`: (t − session start) / session length, in (0, 1]; NaN outside the sessions.
 *
 * @example
 * ```ts
 * timeInSession(Date.UTC(2023, 0, 3, 9, 1)); // 1/75
 * timeInSession(Date.UTC(2023, 0, 3, 10, 31)); // 1/60
 * timeInSession(Date.UTC(2023, 0, 2, 23, 0)); // 1
 * timeInSession(Date.UTC(2023, 0, 3, 12, 0)); // NaN (lunch break)
 * ```
 */
export function timeInSession(timeMs: number): number {
  const s = sessionOf(timeMs);
  return s === null ? NaN : (timeMs - s.start) / (s.end - s.start);
}

/**
 * {@linkcode timeInSession} as a polars expression over a Float64 column of bar-end times
 * (naive-local epoch ms), built from the same session table. Bars outside the sessions give NaN.
 *
 * @example
 * ```ts
 * df.select(timeInSessionExpr("time").alias("time_in_session"));
 * ```
 */
export function timeInSessionExpr(column: string): pl.Expr {
  // Minute of day as a float (exact for whole-minute stamps; seconds kept as a fraction).
  const m = pl.col(column).modulo(MINUTES_PER_DAY * MINUTE_MS).div(MINUTE_MS);
  const inSession = (s: { open: number; close: number }) => m.gt(s.open).and(m.ltEq(s.close));
  const value = (s: { open: number; close: number }) => m.sub(s.open).div(s.close - s.open);
  const [first, ...rest] = SESSIONS;
  let chain: pl.Then | pl.ChainedThen = pl.when(inSession(first)).then(value(first));
  for (const s of rest) chain = chain.when(inSession(s)).then(value(s));
  return chain.otherwise(pl.lit(NaN));
}
