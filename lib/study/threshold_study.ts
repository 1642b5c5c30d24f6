/**
 * Thresholds chosen where they cannot cheat, and the surface around them.
 *
 * The grid: prediction thresholds (fixed values, plus quantiles of the VALIDATION days'
 * |prediction|, since a calibrated forecast's size depends on the data) × attention thresholds
 * (`null` = no gate), with the strategy's own point always on it. Every cell is backtested on the
 * validation, in-sample and out-of-sample days from one prediction pass (`simulateGrid`). One cell
 * is chosen on the validation days alone ({@linkcode chooseCell}); the strategy's thresholds stay
 * the default strategy and the chosen ones are reported beside them, never instead.
 *
 * @module
 */
import { type BacktestConfig, type GridMetrics, simulateGrid } from "../backtest/mod.ts";
import { quantiles } from "../stats/mod.ts";
import type { StrategyConfig } from "../strategy/mod.ts";
import type { PeriodWindows } from "./predict_period.ts";
import type { ThresholdPoint, ThresholdStudy } from "./records.ts";
import type { ThresholdGridConfig } from "./run_backtest_config.ts";

/** The per-bar inputs of a period: bars, prediction and the two attention scores. */
export type GridPeriod = Pick<PeriodWindows, "bars" | "prediction" | "bull" | "bear">;

/** The grid's axes, with where each signal threshold came from. */
export interface ThresholdAxes {
  /** Ascending prediction thresholds and their source. */
  signal: { value: number; source: string }[];
  /** Attention thresholds, `null` (no gate) first, then ascending. */
  attention: (number | null)[];
}

/** How {@linkcode chooseCell} picks. */
export const CHOICE_CRITERION = "the highest Sharpe after costs on the validation days among " +
  "cells with at least minTrades validation trades and a positive validation net P&L after " +
  "costs (ties: the higher net P&L); none when no cell qualifies";

/**
 * The axes of a grid: `grid`'s fixed signal thresholds, its quantiles of |prediction| over the
 * `validation` bars, and the strategy's point, deduplicated and sorted.
 *
 * @example
 * ```ts
 * const axes = thresholdAxes(val.prediction, grid, strategy);
 * axes.signal.find((s) => s.source !== "fixed"); // { value: …, source: "q0.9 of validation |pred|" }
 * ```
 */
export function thresholdAxes(
  validationPrediction: ArrayLike<number>,
  grid: ThresholdGridConfig,
  strategy: Pick<StrategyConfig, "signalThreshold" | "attentionThreshold">,
): ThresholdAxes {
  const abs: number[] = [];
  for (let i = 0; i < validationPrediction.length; i++) {
    const p = validationPrediction[i];
    if (Number.isFinite(p)) abs.push(Math.abs(p));
  }
  const signal = new Map<number, string>();
  for (const v of [...grid.signalThresholds, strategy.signalThreshold]) signal.set(v, "fixed");
  if (abs.length > 0) {
    const qs = quantiles(abs, grid.signalQuantiles);
    grid.signalQuantiles.forEach((q, k) => {
      if (!signal.has(qs[k])) signal.set(qs[k], `q${q} of validation |pred|`);
    });
  }
  const att = new Set<number | null>([...grid.attentionThresholds, strategy.attentionThreshold]);
  return {
    signal: [...signal].map(([value, source]) => ({ value, source })).sort((a, b) =>
      a.value - b.value
    ),
    attention: [...att].sort((a, b) => (a === null ? -1 : b === null ? 1 : a - b)),
  };
}

/**
 * The index of the cell chosen on `validation` ({@linkcode CHOICE_CRITERION}), or −1 when no cell
 * made `minTrades` trades and money after costs there.
 *
 * @example
 * ```ts
 * const c = chooseCell(validationGrid, 10); // row c / A, column c % A
 * ```
 */
export function chooseCell(validation: GridMetrics, minTrades: number): number {
  let best = -1;
  for (let c = 0; c < validation.trades.length; c++) {
    const s = validation.sharpe[c];
    const losing = !(validation.netPnl[c] > 0);
    if (validation.trades[c] < minTrades || losing || !Number.isFinite(s)) continue;
    const b = best < 0 ? NaN : validation.sharpe[best];
    if (best < 0 || s > b || (s === b && validation.netPnl[c] > validation.netPnl[best])) best = c;
  }
  return best;
}

/**
 * The point of cell `c` on `axes`.
 *
 * @example
 * ```ts
 * pointOf(axes, 5).attentionThreshold;
 * ```
 */
export function pointOf(axes: ThresholdAxes, c: number): ThresholdPoint {
  const A = axes.attention.length, row = Math.floor(c / A), column = c % A;
  return {
    row,
    column,
    signalThreshold: axes.signal[row].value,
    source: axes.signal[row].source,
    attentionThreshold: axes.attention[column],
  };
}

/**
 * The strategy's own point on `axes` (always on them: `thresholdAxes` adds it).
 *
 * @example
 * ```ts
 * specPoint(axes, strategy).row;
 * ```
 */
export function specPoint(
  axes: ThresholdAxes,
  strategy: Pick<StrategyConfig, "signalThreshold" | "attentionThreshold">,
): ThresholdPoint {
  const row = axes.signal.findIndex((s) => s.value === strategy.signalThreshold);
  const column = axes.attention.indexOf(strategy.attentionThreshold);
  if (row < 0 || column < 0) throw new RangeError("The strategy's thresholds are not on the grid");
  return pointOf(axes, row * axes.attention.length + column);
}

/**
 * The grid of one period on `axes` (see `simulateGrid`).
 *
 * @example
 * ```ts
 * const g = gridOn(oos, axes, { backtest, periodsPerYear: 242 });
 * ```
 */
export function gridOn(
  p: GridPeriod,
  axes: ThresholdAxes,
  o: { backtest: BacktestConfig; periodsPerYear: number },
): GridMetrics {
  return simulateGrid(p.bars, { pred: p.prediction, bull: p.bull, bear: p.bear }, {
    signal: axes.signal.map((s) => s.value),
    attention: axes.attention,
    config: o.backtest,
    periodsPerYear: o.periodsPerYear,
  });
}

/**
 * The threshold study of a checkpoint's three periods (see the module doc).
 *
 * @example
 * ```ts
 * const t = thresholdStudy({ validation, inSample, outOfSample }, { grid, strategy, backtest,
 *   periodsPerYear: 242 });
 * t.chosen; // null, or the validation-chosen point
 * ```
 */
export function thresholdStudy(
  periods: { validation: GridPeriod; inSample: GridPeriod; outOfSample: GridPeriod },
  o: {
    grid: ThresholdGridConfig;
    strategy: StrategyConfig;
    backtest: BacktestConfig;
    periodsPerYear: number;
  },
): ThresholdStudy {
  const axes = thresholdAxes(periods.validation.prediction, o.grid, o.strategy);
  const grids = {
    validation: gridOn(periods.validation, axes, o),
    inSample: gridOn(periods.inSample, axes, o),
    outOfSample: gridOn(periods.outOfSample, axes, o),
  };
  const c = chooseCell(grids.validation, o.grid.minTrades);
  return {
    ...axes,
    spec: specPoint(axes, o.strategy),
    chosen: c < 0 ? null : pointOf(axes, c),
    criterion: `${CHOICE_CRITERION}; minTrades ${o.grid.minTrades}`,
    grids,
  };
}
