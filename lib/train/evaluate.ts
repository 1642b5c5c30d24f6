/**
 * How good is a forecast of the 5-minute return? The scores Trendformer reports for the model, the
 * baselines and the oracle alike.
 *
 * @module
 */
import { pearson, spearman } from "../stats/mod.ts";
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
