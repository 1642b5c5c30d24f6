/**
 * The folds of a walk-forward: rolling-origin splits of the trading days.
 *
 * Fold f tests the K days starting at `t0 + f·K` (the last fold may hold fewer). Before its test
 * block, in order: the training days (expanding: every day from the first; rolling: the last
 * `rollingDays`), `purgeDays` purged days, `valDays` validation days, `purgeDays` purged days:
 *
 *     train … | purge | val | purge | test (K days) → next fold tests the next K days
 *
 * with t0 = minTrainDays + purge + valDays + purge, so the first fold trains on `minTrainDays`.
 * The test blocks tile the days from t0 to the end without gap or overlap, which is what lets
 * their out-of-sample results be stitched into one run.
 *
 * @module
 */
import type { WalkForwardConfig } from "./walk_forward_config.ts";

/** One fold's days (YYYYMMDD, ascending). */
export interface Fold {
  /** 0-based fold number. */
  index: number;
  /** Days the model trains on. */
  train: number[];
  /** Days for early stopping and the threshold choice. */
  val: number[];
  /** Days traded out of sample. */
  test: number[];
  /** Days dropped between train and val and between val and test. */
  purged: number[];
}

/**
 * The folds of `days` (distinct trading days, any order) under `cfg` (see the module doc).
 * Throws RangeError when there are too few days for one test day.
 *
 * @example
 * ```ts
 * const folds = walkForwardFolds(tradingDays, walkForwardConfig());
 * folds[0].train.length; // 120 on the default year; folds.length 5
 * ```
 */
export function walkForwardFolds(
  days: readonly number[],
  cfg: Pick<
    WalkForwardConfig,
    "stepDays" | "window" | "rollingDays" | "minTrainDays" | "valDays" | "purgeDays"
  >,
): Fold[] {
  const all = [...new Set(days)].sort((a, b) => a - b);
  const { stepDays: K, valDays: V, purgeDays: P } = cfg;
  const t0 = cfg.minTrainDays + P + V + P;
  if (all.length <= t0) {
    throw new RangeError(
      `A walk-forward needs more than ${t0} trading days (${cfg.minTrainDays} to train, ` +
        `${V} to validate, ${P} purged twice), got ${all.length}`,
    );
  }
  const folds: Fold[] = [];
  for (let start = t0, f = 0; start < all.length; start += K, f++) {
    const valEnd = start - P, valStart = valEnd - V, trainEnd = valStart - P;
    const trainStart = cfg.window === "rolling" ? Math.max(0, trainEnd - cfg.rollingDays) : 0;
    folds.push({
      index: f,
      train: all.slice(trainStart, trainEnd),
      val: all.slice(valStart, valEnd),
      test: all.slice(start, start + K),
      purged: [...all.slice(trainEnd, valStart), ...all.slice(valEnd, start)],
    });
  }
  return folds;
}
