/**
 * From a bar table to what training, evaluation and the backtest read: normalised features, the
 * chronological split and the window ends of each part.
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import {
  applyNormalizer,
  buildFeatures,
  type DaySplit,
  type FeatureFrame,
  fitNormalizer,
  type NormStats,
  splitByDay,
  windowEnds,
} from "../features/mod.ts";
import type { TrainConfig } from "./train_config.ts";

/** A bar table made ready for the model. */
export interface Dataset {
  /** The source table. */
  table: BarTable;
  /** Features and target, standardised with `norm` (target left in return units). */
  frame: FeatureFrame;
  /** Normalisation statistics fitted on the training windows only. */
  norm: NormStats;
  /** The chronological split of trading days, purge days dropped. */
  split: DaySplit;
  /**
   * End rows of the eligible windows of each part (every 60-bar window and its 5-bar target lie
   * inside the part). Training and validation need a finite target.
   */
  ends: { train: Int32Array; val: Int32Array; test: Int32Array };
}

/**
 * Build features, split by trading day, fit the normaliser on train and apply it.
 *
 * @example
 * ```ts
 * const ds = prepareDataset(await readBars("data/market.csv"), trainConfig("default"));
 * ds.ends.train.length; // ≈ 56,000 windows on the default year
 * ```
 * @param config uses `features` (preset name) and `split`.
 * @param options.norm statistics to apply instead of fitting them (a checkpoint's, for the
 *   backtest); the feature names must match.
 * @param options.split explicit days instead of `config.split`'s shares (a walk-forward fold);
 *   its `options` are kept as given.
 */
export function prepareDataset(
  table: BarTable,
  config: Pick<TrainConfig, "features" | "split">,
  options: { norm?: NormStats; split?: DaySplit } = {},
): Dataset {
  const raw = buildFeatures(table, { preset: config.features });
  const split = options.split ?? splitByDay(raw.tradingDay, config.split);
  const ends = {
    train: windowEnds(raw, split.train),
    val: windowEnds(raw, split.val),
    test: windowEnds(raw, split.test),
  };
  if (ends.train.length === 0) {
    throw new RangeError(
      `${table.source} gives no training windows: ${split.train.length} training days`,
    );
  }
  const norm = options.norm ?? fitNormalizer(raw, ends.train);
  return { table, frame: applyNormalizer(raw, norm), norm, split, ends };
}
