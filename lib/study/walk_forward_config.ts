/**
 * The walk-forward's configuration: one typed object with documented defaults and two presets
 * (`default` for the real run, `tiny` for tests), validated in one place; `deno task
 * walk-forward` derives its flags from it.
 *
 * @module
 */
import { type ConfigFlag, presetFor } from "../cli/mod.ts";
import { type TrainConfig, trainConfig } from "../train/mod.ts";
import { runBacktestConfig, type RunBacktestOverrides } from "./run_backtest_config.ts";

/** How far back a fold trains. */
export type WindowKind = "expanding" | "rolling";

/** Everything `walkForward` can be told. Defaults in {@linkcode WALK_FORWARD_PRESETS}. */
export interface WalkForwardConfig {
  /** K: test days per fold, and days between retrainings. Default 20 (Qlib's rolling cadence). */
  stepDays: number;
  /**
   * `"expanding"` (default): each fold trains on every day before its validation block.
   * `"rolling"`: only on the last `rollingDays` of them. Expanding is the default because one
   * year is little data and sample size is what limits every learner here
   * (/work/shared/docs/learnability.md); rolling is for markets whose regime drifts.
   */
  window: WindowKind;
  /** Training days of a rolling window. Default 120. */
  rollingDays: number;
  /** Training days of the first fold (the first test day follows them). Default 120. */
  minTrainDays: number;
  /**
   * Validation days before each test block: early stopping and the threshold choice use them,
   * and nothing else of the fold's future. Default 20.
   */
  valDays: number;
  /** Whole days dropped between train and validation and between validation and test. Default 1. */
  purgeDays: number;
  /** Start each fold from the previous fold's best weights (fresh optimizer). Default true. */
  warmStart: boolean;
  /** Training preset of lib/train. Default `"default"`. */
  preset: "default" | "tiny";
  /**
   * Training overrides of the first (cold) fold. Default `{ epochs: 4, patience: 2,
   * samplesPerEpoch: 8192 }`: four short epochs, about as far as the single split's validation
   * loss improves, within the time budget (20 minutes for the default year on 2 cores).
   */
  train: Partial<TrainConfig>;
  /** Training overrides of warm-started folds. Default `{ epochs: 2, patience: 1, samplesPerEpoch: 8192 }`. */
  warmTrain: Partial<TrainConfig>;
  /** Strategy, costs, threshold grid and inference settings, as the backtest study's. Default `{}`. */
  backtest: RunBacktestOverrides;
  /** Day-block bootstrap of the stitched out-of-sample metrics. Default 2000 resamples, 90 %, seed 1. */
  bootstrap: { reps: number; level: number; seed: number };
}

/** What a caller may override: any key, the bootstrap partially. */
export type WalkForwardOverrides = Partial<Omit<WalkForwardConfig, "bootstrap">> & {
  bootstrap?: Partial<WalkForwardConfig["bootstrap"]>;
};

const DEFAULT: Readonly<WalkForwardConfig> = Object.freeze({
  stepDays: 20,
  window: "expanding",
  rollingDays: 120,
  minTrainDays: 120,
  valDays: 20,
  purgeDays: 1,
  warmStart: true,
  preset: "default",
  train: { epochs: 4, patience: 2, samplesPerEpoch: 8192 },
  warmTrain: { epochs: 2, patience: 1, samplesPerEpoch: 8192 },
  backtest: {},
  bootstrap: { reps: 2000, level: 0.9, seed: 1 },
});

/**
 * Presets. `default` as documented per field. `tiny` (tests, seconds): K 5, 15 first training
 * days, 4 validation days, the tiny training preset with 2 epochs of 512 windows (1 when warm),
 * one inference Worker, 200 resamples.
 */
export const WALK_FORWARD_PRESETS: Readonly<
  Record<"default" | "tiny", Readonly<WalkForwardConfig>>
> = Object.freeze({
  default: DEFAULT,
  tiny: Object.freeze({
    ...DEFAULT,
    stepDays: 5,
    rollingDays: 15,
    minTrainDays: 15,
    valDays: 4,
    preset: "tiny",
    train: { epochs: 2, patience: 2, samplesPerEpoch: 512 },
    warmTrain: { epochs: 1, patience: 1, samplesPerEpoch: 512 },
    backtest: { workers: 1, chunk: 1024 },
    bootstrap: { reps: 200, level: 0.9, seed: 1 },
  }),
});

/**
 * A validated walk-forward config: the preset (default `"default"`) with `overrides`. Throws
 * TypeError for an unknown key (here, in the training overrides or the backtest's) and
 * RangeError for a bad value.
 *
 * @example
 * ```ts
 * walkForwardConfig({ stepDays: 10, window: "rolling" });
 * walkForwardConfig({ step: 10 } as never); // TypeError: Unknown walk-forward option: step
 * ```
 */
export function walkForwardConfig(
  overrides: WalkForwardOverrides = {},
  options: { preset?: "default" | "tiny" } = {},
): WalkForwardConfig {
  const preset = options.preset ?? "default";
  const base = presetFor(WALK_FORWARD_PRESETS, preset, overrides, "walk-forward");
  const cfg: WalkForwardConfig = {
    ...base,
    ...overrides,
    train: { ...base.train, ...overrides.train },
    warmTrain: { ...base.warmTrain, ...overrides.warmTrain },
    backtest: { ...base.backtest, ...overrides.backtest },
    bootstrap: { ...base.bootstrap, ...overrides.bootstrap },
  };
  for (const k of ["stepDays", "rollingDays", "minTrainDays", "valDays"] as const) {
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) {
      throw new RangeError(`Walk-forward ${k} must be a positive integer, got ${cfg[k]}`);
    }
  }
  if (!Number.isInteger(cfg.purgeDays) || cfg.purgeDays < 0) {
    throw new RangeError(
      `Walk-forward purgeDays must be a non-negative integer, got ${cfg.purgeDays}`,
    );
  }
  if (cfg.window !== "expanding" && cfg.window !== "rolling") {
    throw new RangeError(`Walk-forward window must be "expanding" or "rolling", got ${cfg.window}`);
  }
  const { reps, level } = cfg.bootstrap;
  if (!Number.isInteger(reps) || reps < 2 || !(level > 0 && level < 1)) {
    throw new RangeError(`Walk-forward bootstrap needs reps ≥ 2 and level in (0, 1)`);
  }
  foldTrainConfig(cfg, false); // validates both training overrides
  foldTrainConfig(cfg, true);
  runBacktestConfig(cfg.backtest); // validates the backtest keys
  return cfg;
}

/**
 * The training config of a fold: the preset with the cold or the warm overrides.
 *
 * @example
 * ```ts
 * foldTrainConfig(walkForwardConfig(), true).epochs; // 2
 * ```
 */
export function foldTrainConfig(cfg: WalkForwardConfig, warm: boolean): TrainConfig {
  return trainConfig(cfg.preset, warm ? { ...cfg.train, ...cfg.warmTrain } : cfg.train);
}

/** The command-line flags of the walk-forward, each bound to a key of its config. */
export const WALK_FORWARD_CONFIG_FLAGS = {
  "step-days": { key: "stepDays", type: "integer", min: 1, doc: "K: test days per fold." },
  window: { key: "window", type: ["expanding", "rolling"], doc: "Training window." },
  "rolling-days": {
    key: "rollingDays",
    type: "integer",
    min: 1,
    doc: "Training days of a rolling window.",
  },
  "min-train-days": {
    key: "minTrainDays",
    type: "integer",
    min: 1,
    doc: "Training days of the first fold.",
  },
  "val-days": { key: "valDays", type: "integer", min: 1, doc: "Validation days per fold." },
  "purge-days": { key: "purgeDays", type: "integer", min: 0, doc: "Days dropped at boundaries." },
  "warm-start": { key: "warmStart", doc: "Start each fold from the previous fold's weights." },
  epochs: { key: "train.epochs", type: "integer", min: 1, doc: "Epochs of the first fold." },
  "warm-epochs": {
    key: "warmTrain.epochs",
    type: "integer",
    min: 1,
    doc: "Epochs of a warm-started fold.",
  },
  "samples-per-epoch": {
    key: "train.samplesPerEpoch",
    type: "integer",
    min: 0,
    doc: "Training windows per epoch (first fold; warm folds: --warm-samples-per-epoch).",
  },
  "warm-samples-per-epoch": {
    key: "warmTrain.samplesPerEpoch",
    type: "integer",
    min: 0,
    doc: "Training windows per epoch of a warm-started fold.",
  },
  "bootstrap-reps": {
    key: "bootstrap.reps",
    type: "integer",
    min: 2,
    doc: "Day-block bootstrap resamples.",
  },
} as const satisfies Record<string, ConfigFlag>;
