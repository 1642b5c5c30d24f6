/**
 * Position of a bar inside its trading session, for the `time_in_session` feature.
 *
 * Sessions are the product's (lib/calendar; rb's by default): for rb night 21:00–23:00 (120 min),
 * am1 09:00–10:15 (75), am2 10:30–11:30 (60), pm 13:30–15:00 (90). For a bar ending at `t` in a
 * session that opens at `start` and closes at `end`: `time_in_session = (t − start) / (end −
 * start)`, in (0, 1]: the first bar of a session gives 1/length, the last gives 1. A night session
 * past midnight (cu to 01:00, au to 02:30) runs on after midnight. A bar ending outside every
 * session gives NaN.
 *
 * @module
 */

import pl from "nodejs-polars";
import { sessionOf, SESSIONS, type SessionSpec, type SessionTable } from "../calendar/mod.ts";

const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;

/**
 * Time in session of one bar from its bar-end time (naive-local epoch ms), via lib/calendar's
 * `sessionOf`: (t − session start) / session length, in (0, 1]; NaN outside the sessions.
 * Default sessions: rb's.
 *
 * @example
 * ```ts
 * timeInSession(Date.UTC(2023, 0, 3, 9, 1)); // 1/75
 * timeInSession(Date.UTC(2023, 0, 3, 10, 31)); // 1/60
 * timeInSession(Date.UTC(2023, 0, 2, 23, 0)); // 1
 * timeInSession(Date.UTC(2023, 0, 3, 12, 0)); // NaN (lunch break)
 * timeInSession(Date.UTC(2023, 0, 4, 0, 30), commoditySessions("01:00")); // 210/240
 * ```
 */
export function timeInSession(timeMs: number, sessions: SessionTable = SESSIONS): number {
  const s = sessionOf(timeMs, sessions);
  return s === null ? NaN : (timeMs - s.start) / (s.end - s.start);
}

/**
 * {@linkcode timeInSession} as a polars expression over a Float64 column of bar-end times
 * (naive-local epoch ms), built from the same session table. Bars outside the sessions give NaN.
 *
 * @example
 * ```ts
 * df.select(timeInSessionExpr("time", instrument("cu").sessions).alias("time_in_session"));
 * ```
 */
export function timeInSessionExpr(column: string, sessions: SessionTable = SESSIONS): pl.Expr {
  // Minute of day as a float (exact for whole-minute stamps; seconds kept as a fraction).
  const m = pl.col(column).modulo(MINUTES_PER_DAY * MINUTE_MS).div(MINUTE_MS);
  const parts: { when: pl.Expr; value: pl.Expr }[] = [];
  for (const s of sessions) {
    const length = s.close - s.open;
    const before = Math.min(s.close, MINUTES_PER_DAY);
    parts.push({ when: m.gt(s.open).and(m.ltEq(before)), value: m.sub(s.open).div(length) });
    if (s.close > MINUTES_PER_DAY) parts.push(afterMidnight(m, s));
  }
  const [first, ...rest] = parts;
  let chain: pl.Then | pl.ChainedThen = pl.when(first.when).then(first.value);
  for (const p of rest) chain = chain.when(p.when).then(p.value);
  return chain.otherwise(pl.lit(NaN));
}

/** The part of a night session after midnight: minutes 0 … close − 1440 of the next day. */
function afterMidnight(m: pl.Expr, s: SessionSpec): { when: pl.Expr; value: pl.Expr } {
  return {
    when: m.ltEq(s.close - MINUTES_PER_DAY),
    value: m.add(MINUTES_PER_DAY - s.open).div(s.close - s.open),
  };
}
