/**
 * Return-based performance metrics: pure functions of daily returns or of an equity curve.
 *
 * Conventions: returns are simple daily returns per trading day (see `dailyReturns`);
 * `periodsPerYear` defaults to 242, the usual number of SHFE trading days in a year; a "year" in
 * CAGR is 242 trading days, not a calendar year. Non-finite returns are skipped (as in
 * lib/stats). Risk-free rate 0.
 *
 * @module
 */
import { mean, type Numbers, std } from "../stats/mod.ts";

/** Trading days per year used for annualisation. */
export const TRADING_DAYS_PER_YEAR = 242;

/** Annualisation option. */
export interface AnnualOptions {
  /** Periods (trading days) per year. Default 242. */
  periodsPerYear?: number;
}

/**
 * Annualised Sharpe ratio: mean(r) / std(r, ddof 1) × √periodsPerYear (risk-free 0). NaN with
 * fewer than 2 returns or zero volatility.
 *
 * @example
 * ```ts
 * sharpe([0.01, -0.02, 0.015, -0.005, 0.025], { periodsPerYear: 252 }); // 4.48998886412873
 * ```
 */
export function sharpe(returns: Numbers, options: AnnualOptions = {}): number {
  const p = options.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  const s = std(returns);
  return s > 0 ? (mean(returns) / s) * Math.sqrt(p) : NaN;
}

/**
 * Annualised Sortino ratio: mean(r) / downside deviation × √periodsPerYear, with the downside
 * deviation √(mean over ALL n periods of min(r, 0)²) (target 0; the empyrical convention). NaN
 * when no return is negative.
 *
 * @example
 * ```ts
 * sortino([0.01, -0.02, 0.015, -0.005, 0.025], { periodsPerYear: 252 }); // 0.005/√0.000085·√252
 * ```
 */
export function sortino(returns: Numbers, options: AnnualOptions = {}): number {
  const p = options.periodsPerYear ?? TRADING_DAYS_PER_YEAR;
  let s2 = 0, n = 0;
  for (let i = 0; i < returns.length; i++) {
    const r = returns[i];
    if (!Number.isFinite(r)) continue;
    if (r < 0) s2 += r * r;
    n++;
  }
  const dd = n > 0 ? Math.sqrt(s2 / n) : NaN;
  return dd > 0 ? (mean(returns) / dd) * Math.sqrt(p) : NaN;
}

/**
 * Maximum drawdown of an equity curve: min over t of equity[t] / max(equity[0..t]) − 1, a number
 * ≤ 0 (−0.25 is a 25 % drawdown). Use it on the MINUTE-level curve: daily closes hide intraday
 * troughs. NaN for an empty curve.
 *
 * @example
 * ```ts
 * maxDrawdown([100, 110, 99, 120, 90]); // 90 / 120 − 1 = −0.25
 * ```
 */
export function maxDrawdown(equity: Numbers): number {
  if (equity.length === 0) return NaN;
  let peak = -Infinity, worst = 0;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    if (e > peak) peak = e;
    const dd = e / peak - 1;
    if (dd < worst) worst = dd;
  }
  return worst;
}

/**
 * Compound annual growth rate: growth^(1 / years) − 1, with growth = ending equity / starting
 * equity and years = days / periodsPerYear (trading days / 242 by default). −1 when growth ≤ 0
 * (ruin); NaN when days ≤ 0.
 *
 * @example
 * ```ts
 * cagr(1.21, { days: 484 }); // 0.1 (two 242-day years)
 * ```
 */
export function cagr(growth: number, options: AnnualOptions & { days: number }): number {
  const years = options.days / (options.periodsPerYear ?? TRADING_DAYS_PER_YEAR);
  if (!(years > 0)) return NaN;
  return growth > 0 ? growth ** (1 / years) - 1 : -1;
}

/**
 * Annualised simple return: mean daily return × periodsPerYear (no compounding).
 *
 * @example
 * ```ts
 * annualReturn([0.001, 0.003]); // 0.002 × 242 = 0.484
 * ```
 */
export function annualReturn(returns: Numbers, options: AnnualOptions = {}): number {
  return mean(returns) * (options.periodsPerYear ?? TRADING_DAYS_PER_YEAR);
}

/**
 * Calmar ratio: CAGR / |max drawdown|. NaN when the drawdown is 0 (or NaN).
 *
 * @example
 * ```ts
 * calmar(0.2, -0.1); // 2
 * ```
 */
export function calmar(cagrValue: number, maxDrawdownValue: number): number {
  return maxDrawdownValue < 0 ? cagrValue / -maxDrawdownValue : NaN;
}
