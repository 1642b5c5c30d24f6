/**
 * How good is a forecast of the 5-minute return? The scores Trendformer reports for the model, the
 * baselines and the oracle alike.
 *
 * @module
 */
import { dayBlockBootstrap, pearson, pearsonAt, ranks, spearman } from "../stats/mod.ts";
import type { Numbers } from "../stats/mod.ts";

/** Scores of one forecast against the realised return. */
export interface ForecastScores {
  /** Pairs scored (both finite). */
  n: number;
  /** Mean squared error. */
  mse: number;
  /** Information coefficient: Pearson correlation of forecast and realised return. */
  ic: number;
  /** Rank IC: Spearman correlation. */
  rankIc: number;
  /**
   * Share of pairs where sign(forecast) = sign(realised), over pairs where both are non-zero. NaN
   * when the forecast is never non-zero (the predict-zero baseline has no direction).
   */
  directionalAccuracy: number;
}

/**
 * Score a forecast against the realised return. Pairs where either side is not finite are skipped.
 *
 * @example
 * ```ts
 * const s = scoreForecast([0.001, -0.002, 0.0005], [0.002, -0.001, -0.001]);
 * s.directionalAccuracy; // 2/3
 * ```
 */
export function scoreForecast(forecast: Numbers, realised: Numbers): ForecastScores {
  if (forecast.length !== realised.length) {
    throw new RangeError(
      `forecast and realised need equal lengths, got ${forecast.length} and ${realised.length}`,
    );
  }
  let n = 0, se = 0, hits = 0, called = 0;
  for (let i = 0; i < forecast.length; i++) {
    const f = forecast[i], r = realised[i];
    if (!Number.isFinite(f) || !Number.isFinite(r)) continue;
    n++;
    se += (f - r) ** 2;
    if (f !== 0 && r !== 0) {
      called++;
      if ((f > 0) === (r > 0)) hits++;
    }
  }
  return {
    n,
    mse: n === 0 ? NaN : se / n,
    ic: pearson(forecast, realised),
    rankIc: spearman(forecast, realised),
    directionalAccuracy: called === 0 ? NaN : hits / called,
  };
}

/** A 90 % (by default) interval `[lo, hi]`; `[NaN, NaN]` when undefined. */
export type Interval = [number, number];

/** {@linkcode ForecastScores} with day-block bootstrap intervals and the extra diagnostics. */
export interface ScoresWithIntervals extends ForecastScores {
  /** Interval of `ic`. */
  icCi90: Interval;
  /**
   * Interval of `rankIc`: the Pearson correlation of the whole sample's ranks over the
   * resampled days (ranks are not recomputed per resample).
   */
  rankIcCi90: Interval;
  /** Interval of `directionalAccuracy`. */
  directionalAccuracyCi90: Interval;
  /** corr(forecast, ground truth) where the data carry one (`gt_exp_ret_5m`), else NaN. */
  corrOracle: number;
  /** Interval of `corrOracle`. */
  corrOracleCi90: Interval;
  /** Share of the scored bars whose |forecast| exceeds `threshold`. */
  shareAboveThreshold: number;
}

/** Options of {@linkcode scoreWithIntervals}. */
export interface IntervalOptions {
  /** Trading day of each pair (the bootstrap's blocks). */
  days: ArrayLike<number>;
  /** The noise-free expectation per pair, when known; `corrOracle` is NaN without it. */
  oracle?: ArrayLike<number> | null;
  /** |forecast| threshold of `shareAboveThreshold` (the strategy's signal threshold). */
  threshold: number;
  /** Bootstrap resamples; default 1000. */
  reps?: number;
  /** Interval coverage; default 0.9. */
  level?: number;
  /** Resampling seed; default 1 (every forecaster scored with one seed gets the same days). */
  seed?: number;
}

/**
 * {@linkcode scoreForecast} plus 90 % day-block bootstrap intervals of IC, rank IC, directional
 * accuracy and corrOracle (lib/stats `dayBlockBootstrap`), and the share above the threshold.
 * Pairs with a non-finite forecast or realised value are left out of every score.
 *
 * @example
 * ```ts
 * const s = scoreWithIntervals(pred, realised, { days, oracle: gt, threshold: 0.001 });
 * s.icCi90; // e.g. [0.011, 0.058]
 * ```
 */
export function scoreWithIntervals(
  forecast: Numbers,
  realised: Numbers,
  options: IntervalOptions,
): ScoresWithIntervals {
  const base = scoreForecast(forecast, realised);
  const keep: number[] = [];
  for (let i = 0; i < forecast.length; i++) {
    if (Number.isFinite(forecast[i]) && Number.isFinite(realised[i])) keep.push(i);
  }
  const f = Float64Array.from(keep, (i) => forecast[i]);
  const r = Float64Array.from(keep, (i) => realised[i]);
  const g = options.oracle ? Float64Array.from(keep, (i) => options.oracle![i]) : null;
  const days = Int32Array.from(keep, (i) => options.days[i]);
  const nan: Interval = [NaN, NaN];
  if (keep.length === 0) {
    return {
      ...base,
      icCi90: nan,
      rankIcCi90: nan,
      directionalAccuracyCi90: nan,
      corrOracle: NaN,
      corrOracleCi90: nan,
      shareAboveThreshold: NaN,
    };
  }
  const boot = { reps: options.reps ?? 1000, level: options.level ?? 0.9, seed: options.seed ?? 1 };
  const interval = (stat: (rows: Int32Array) => number): Interval => {
    const ci = dayBlockBootstrap(days, stat, boot);
    return [ci.lo, ci.hi];
  };
  const rf = ranks(f), rr = ranks(r);
  const hit = Float64Array.from(
    f,
    (v, i) => v === 0 || r[i] === 0 ? NaN : (v > 0) === (r[i] > 0) ? 1 : 0,
  );
  const accuracy = (rows: Int32Array) => {
    let s = 0, n = 0;
    for (const i of rows) if (!Number.isNaN(hit[i])) (s += hit[i], n++);
    return n === 0 ? NaN : s / n;
  };
  let above = 0;
  for (const v of f) if (Math.abs(v) > options.threshold) above++;
  const corrOracle = g ? pearson(f, g) : NaN;
  return {
    ...base,
    icCi90: interval((rows) => pearsonAt(f, r, rows)),
    rankIcCi90: interval((rows) => pearsonAt(rf, rr, rows)),
    directionalAccuracyCi90: interval(accuracy),
    corrOracle,
    corrOracleCi90: g && Number.isFinite(corrOracle)
      ? interval((rows) => pearsonAt(f, g, rows))
      : nan,
    shareAboveThreshold: above / f.length,
  };
}
