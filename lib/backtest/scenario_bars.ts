/**
 * Small hand-built bar tables for scenario tests and for showing the execution rules in notebooks.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";

/** A hand-built price path. */
export interface ScenarioSpec {
  /** Open per bar. */
  open: ArrayLike<number>;
  /** Close per bar. */
  close: ArrayLike<number>;
  /** Best bid per bar; with `ask`, makes a book (volumes 1). Omit both for a table without book. */
  bid?: ArrayLike<number>;
  /** Best ask per bar. */
  ask?: ArrayLike<number>;
  /** Bars per session, in order; must sum to the bar count. Default: one session of all bars. */
  sessions?: readonly number[];
  /** Trading day (YYYYMMDD) of each session. Default 20230103 for all. */
  days?: readonly number[];
}

/**
 * A {@linkcode BarTable} from per-bar prices and a session layout. Bars inside a session are one
 * minute apart starting 2023-01-03 09:01 (naive local); the next session starts 16 minutes after
 * the previous one ends (a break), or 6 hours after when the trading day changes. high/low are
 * max/min of open and close, volume 1, no open interest or ground truth.
 *
 * @example
 * ```ts
 * const bars = scenarioBars({ open: [10, 11, 12, 13], close: [11, 12, 13, 14], sessions: [2, 2] });
 * bars.time[2] - bars.time[1]; // 17 minutes: a session break
 * ```
 */
export function scenarioBars(spec: ScenarioSpec): BarTable {
  const n = spec.open.length;
  if (spec.close.length !== n) {
    throw new RangeError(`Scenario needs equal lengths: open ${n}, close ${spec.close.length}`);
  }
  if ((spec.bid === undefined) !== (spec.ask === undefined)) {
    throw new TypeError("Scenario needs both bid and ask, or neither");
  }
  const sessions = spec.sessions ?? [n];
  const total = sessions.reduce((a, b) => a + b, 0);
  if (total !== n) throw new RangeError(`Scenario sessions hold ${total} bars, prices ${n}`);
  const days = spec.days ?? sessions.map(() => 20230103);
  if (days.length !== sessions.length) {
    throw new RangeError(`Scenario has ${sessions.length} sessions but ${days.length} days`);
  }
  const time = new Float64Array(n), tradingDay = new Int32Array(n);
  let t = Date.UTC(2023, 0, 3, 9, 0), i = 0;
  for (let s = 0; s < sessions.length; s++) {
    if (s > 0) t += days[s] !== days[s - 1] ? 6 * 3_600_000 : 16 * 60_000;
    for (let k = 0; k < sessions[s]; k++, i++) {
      t += 60_000;
      time[i] = t;
      tradingDay[i] = days[s];
    }
  }
  const open = Float64Array.from(spec.open), close = Float64Array.from(spec.close);
  const high = new Float64Array(n), low = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    (high[k] = Math.max(open[k], close[k]), low[k] = Math.min(open[k], close[k]));
  }
  const book = spec.bid === undefined || spec.ask === undefined ? null : {
    bidPrice1: Float64Array.from(spec.bid),
    askPrice1: Float64Array.from(spec.ask),
    bidVolume1: new Float64Array(n).fill(1),
    askVolume1: new Float64Array(n).fill(1),
  };
  if (book && (book.bidPrice1.length !== n || book.askPrice1.length !== n)) {
    throw new RangeError(`Scenario book needs ${n} bids and asks`);
  }
  return {
    time,
    tradingDay,
    open,
    high,
    low,
    close,
    volume: new Float64Array(n).fill(1),
    openInterest: null,
    book,
    groundTruth: null,
    source: "scenario",
  };
}
