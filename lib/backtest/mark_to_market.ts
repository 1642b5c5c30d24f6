/**
 * Accounting: the per-minute equity curve of a simulation, net and gross of costs.
 *
 * ## Conventions
 *
 * - **Marking.** Every bar is marked at its `close`. An open position contributes
 *   side·(close[j] − entry)·multiplier·lots; realised trades contribute their P&L from their
 *   exit bar on. Positions are never held across a session break, so no mark spans a gap.
 * - **Net curve.** Entry at the fill price; the entry commission is booked on the entry bar, the
 *   exit (fill price and exit commission) on the exit bar. At an exit bar the curve equals the
 *   realised P&L exactly: the sum of the closed trades' `netPnl`.
 * - **Gross curve.** The same at the cost-free reference prices (mid with a book, else the
 *   open/close used by the fill) and without commissions: at an exit bar, the sum of `grossPnl`.
 * - **Capital.** Fixed lots, no compounding: equity = capital + cumulative P&L. Default capital
 *   is one position's notional at the start, close[0]·multiplier·lots (unlevered). The margin
 *   base, marginRate·close[0]·multiplier·lots, is returned beside it for margin-based returns
 *   (equity on that base can reach zero: the account is then ruined).
 *
 * @module
 */
import type { Simulation } from "./simulate.ts";

/** The accounting of one simulation. */
export interface EquityCurve {
  /** Cumulative P&L after costs at each bar's close, CNY. */
  pnlNet: Float64Array;
  /** Cumulative P&L before costs at each bar's close, CNY. */
  pnlGross: Float64Array;
  /** Equity after costs: capital + pnlNet. */
  equityNet: Float64Array;
  /** Equity before costs: capital + pnlGross. */
  equityGross: Float64Array;
  /** Capital base (notional unless overridden), CNY. */
  capital: number;
  /** Margin base: marginRate × close[0] × multiplier × lots, CNY. */
  marginCapital: number;
}

/** Options of {@linkcode markToMarket}. */
export interface MarkOptions {
  /** Capital base in CNY. Default close[0]·multiplier·lots (one position's notional). */
  capital?: number;
}

/**
 * Mark a simulation to market at every bar's close (conventions in the module doc).
 *
 * @example
 * ```ts
 * const sim = simulate(bars, sig);
 * const curve = markToMarket(bars, sim);
 * curve.equityNet.at(-1)! / curve.capital - 1; // total return after costs
 * ```
 */
export function markToMarket(
  bars: { close: ArrayLike<number> },
  sim: Pick<Simulation, "trades" | "config">,
  options: MarkOptions = {},
): EquityCurve {
  const close = bars.close;
  const n = close.length;
  const { trades, config } = sim;
  const mult = config.contract.multiplier;
  const notional = n > 0 ? close[0] * mult * config.lots : NaN;
  const capital = options.capital ?? notional;
  if (!(capital > 0)) throw new RangeError(`Capital must be positive, got ${capital}`);
  const pnlNet = new Float64Array(n), pnlGross = new Float64Array(n);
  const { entryIndex, exitIndex, side, lots, entryPrice, entryReference, entryCommission } = trades;
  let realN = 0, realG = 0, j = 0;
  for (let k = 0; k < trades.count; k++) {
    const e = entryIndex[k], x = exitIndex[k];
    if (x > n || e < j) throw new RangeError(`Trade ${k} (bars ${e}…${x}) does not fit the bars`);
    for (; j < e; j++) (pnlNet[j] = realN, pnlGross[j] = realG);
    const size = side[k] * mult * lots[k];
    const pIn = entryPrice[k], rIn = entryReference[k], baseN = realN - entryCommission[k];
    for (; j < x; j++) {
      const c = close[j];
      pnlNet[j] = baseN + (c - pIn) * size;
      pnlGross[j] = realG + (c - rIn) * size;
    }
    realN += trades.netPnl[k];
    realG += trades.grossPnl[k];
  }
  for (; j < n; j++) (pnlNet[j] = realN, pnlGross[j] = realG);
  const equityNet = new Float64Array(n), equityGross = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    (equityNet[i] = capital + pnlNet[i], equityGross[i] = capital + pnlGross[i]);
  }
  return {
    pnlNet,
    pnlGross,
    equityNet,
    equityGross,
    capital,
    marginCapital: config.contract.marginRate * notional,
  };
}
