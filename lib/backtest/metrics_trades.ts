/**
 * Trade-based metrics: pure functions of per-trade P&L, positions and fills.
 *
 * @module
 */
import type { Numbers } from "../stats/mod.ts";
import type { Trades } from "./simulate.ts";

/**
 * Win rate: the share of trades with P&L > 0. Pass net P&L for "after costs", gross for
 * "before". Zero-P&L trades are not wins. NaN with no trades.
 *
 * @example
 * ```ts
 * winRate([10, -5, 0, 3]); // 0.5
 * ```
 */
export function winRate(pnl: Numbers): number {
  let wins = 0;
  for (let i = 0; i < pnl.length; i++) if (pnl[i] > 0) wins++;
  return pnl.length > 0 ? wins / pnl.length : NaN;
}

/**
 * Profit factor: sum of winning P&L / |sum of losing P&L|. Infinity with wins and no losses,
 * NaN with neither.
 *
 * @example
 * ```ts
 * profitFactor([10, -5, 0, 3]); // 13 / 5 = 2.6
 * ```
 */
export function profitFactor(pnl: Numbers): number {
  let won = 0, lost = 0;
  for (let i = 0; i < pnl.length; i++) {
    const p = pnl[i];
    if (p > 0) won += p;
    else if (p < 0) lost -= p;
  }
  return lost > 0 ? won / lost : won > 0 ? Infinity : NaN;
}

/**
 * Average trade in ticks per lot: mean over trades of pnl / (multiplier × tick × lots).
 * NaN with no trades.
 *
 * @example
 * ```ts
 * averageTradeTicks([100, -20], { lots: [1, 1], multiplier: 10, tick: 1 }); // (10 − 2) / 2 = 4
 * ```
 */
export function averageTradeTicks(
  pnl: Numbers,
  options: { lots: Numbers; multiplier: number; tick: number },
): number {
  const { lots, multiplier, tick } = options;
  let s = 0;
  for (let i = 0; i < pnl.length; i++) s += pnl[i] / (multiplier * tick * lots[i]);
  return pnl.length > 0 ? s / pnl.length : NaN;
}

/**
 * Exposure: the share of bars whose closing position is not flat. A trade entered at bar e and
 * exited at bar x counts x − e bars (its holding time in minutes).
 *
 * @example
 * ```ts
 * exposure(Int8Array.of(0, 1, 1, 0)); // 0.5
 * ```
 */
export function exposure(position: Numbers): number {
  let k = 0;
  for (let i = 0; i < position.length; i++) if (position[i] !== 0) k++;
  return position.length > 0 ? k / position.length : NaN;
}

/**
 * Notional traded in CNY: Σ over trades of (entryPrice + exitPrice) × multiplier × lots (both
 * sides of every round trip). Turnover is this divided by the capital: per day = notional /
 * capital / trading days, per year = per day × 242.
 *
 * @example
 * ```ts
 * notionalTraded(sim.trades, { multiplier: 10 }) / curve.capital / days; // turnover per day
 * ```
 */
export function notionalTraded(
  trades: Pick<Trades, "count" | "entryPrice" | "exitPrice" | "lots">,
  options: { multiplier: number },
): number {
  let s = 0;
  for (let k = 0; k < trades.count; k++) {
    s += (trades.entryPrice[k] + trades.exitPrice[k]) * trades.lots[k];
  }
  return s * options.multiplier;
}
