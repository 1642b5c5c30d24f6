/**
 * Cost sensitivity: a period's own signals re-run under every extra adverse slippage × commission
 * rate of a grid (the rate applied to entries and exits). The gross P&L does not move; what costs
 * take does.
 *
 * @module
 */
import { type BacktestConfig, backtestConfig, runSignals } from "../backtest/mod.ts";
import { contractSpec, rateFee } from "../calendar/mod.ts";
import type { CostRow, PeriodName } from "./records.ts";

/** A period's traded signals and bars. */
export interface CostGridPeriod {
  /** Period key. */
  name: PeriodName;
  /** The period's bars. */
  bars: Parameters<typeof runSignals>[0];
  /** The strategy's signals on them. */
  signals: Int8Array;
}

/**
 * One row per period × extra slippage × commission rate, in that order.
 *
 * @example
 * ```ts
 * const rows = costGrid([oos], {
 *   backtest, periodsPerYear: 242, grid: { extraSlippageTicks: [0, 1], commissionRate: [1e-4] },
 * });
 * ```
 */
export function costGrid(
  periods: readonly CostGridPeriod[],
  o: {
    backtest: BacktestConfig;
    grid: { extraSlippageTicks: number[]; commissionRate: number[] };
    periodsPerYear: number;
  },
): CostRow[] {
  const rows: CostRow[] = [];
  for (const p of periods) {
    for (const extra of o.grid.extraSlippageTicks) {
      for (const rate of o.grid.commissionRate) {
        const config = backtestConfig({
          ...o.backtest,
          extraSlippageTicks: extra,
          contract: contractSpec({ fee: rateFee(rate) }, o.backtest.contract),
        });
        const s = runSignals(p.bars, p.signals, config, o).summary;
        rows.push({
          period: p.name,
          extraSlippageTicks: extra,
          commissionRate: rate,
          trades: s.trades,
          grossPnl: s.before.pnl,
          costs: s.costs,
          netPnl: s.after.pnl,
          annualReturn: s.after.notional.annualReturn,
          sharpe: s.after.notional.sharpe,
          maxDrawdown: s.after.notional.maxDrawdown,
          winRate: s.after.winRate,
        });
      }
    }
  }
  return rows;
}
