/**
 * Training configuration: one typed object with documented defaults and two named presets, in the
 * manner of nanoGPT's `GPTConfig`. Command-line flags override it; an unknown key throws.
 *
 * @module
 */
import type { BackendName } from "../model/mod.ts";

/** Everything `trainModel` needs to know beyond the data. */
export interface TrainConfig {
  /** Model preset of lib/model (`default`: d 64, 4 heads, FFN 256, 4 layers). */
  model: "default" | "tiny";
  /** Feature preset of lib/features (`default`: window 60, horizon 5). */
  features: "default" | "tiny";
  /** Maximum epochs. Default 20. */
  epochs: number;
  /** Adam learning rate. Default 0.0005. */
  lr: number;
  /** Windows per step. Default 64. */
  batch: number;
  /** `"mse"` (default) or `"huber"`. Targets are standardised with the train mean and std. */
  loss: "mse" | "huber";
  /** Huber's switch point in target standard deviations. Default 1. */
  huberDelta: number;
  /** Global-norm gradient clipping. Default 1. */
  clipNorm: number;
  /** Dropout in the model. Default 0.1. */
  dropout: number;
  /** Epochs without a better validation loss before stopping early. Default 3. */
  patience: number;
  /**
   * Training windows drawn (without replacement, reshuffled each epoch) per epoch. The default
   * year has about 56k training windows and the wasm backend trains about 200–250 windows/s on 2
   * cores, so a full pass takes ~4 minutes. We draw 16,384 windows (256 steps, ~70 s) an epoch so
   * that validation, checkpointing and early stopping act several times within the ~10 minute
   * budget; on the default year the validation loss stops improving after one or two such epochs.
   * 0 means every training window. Default 16384.
   */
  samplesPerEpoch: number;
  /**
   * Keep every k-th validation window for the per-epoch validation loss. Default 1: the signal is
   * weak, and a thinned validation set makes early stopping chase noise.
   */
  valStride: number;
  /** Keep every k-th train window when fitting the ridge baseline. Default 4. */
  ridgeStride: number;
  /** Keep every k-th window when scoring validation and test at the end. Default 1 (all). */
  evalStride: number;
  /** Seed of initialisation, dropout and shuffling. Default 42. */
  seed: number;
  /** tfjs backend: `"wasm"` (default) or `"cpu"`. */
  backend: BackendName;
  /** Train/validation/test shares of the trading days. Default 0.70/0.15/0.15. */
  split: { train: number; val: number; test: number; purgeDays: number };
}

/** Named presets: `default` for the real run, `tiny` for tests and smoke runs (seconds). */
export const TRAIN_PRESETS: Readonly<Record<"default" | "tiny", Readonly<TrainConfig>>> = {
  default: {
    model: "default",
    features: "default",
    epochs: 20,
    lr: 5e-4,
    batch: 64,
    loss: "mse",
    huberDelta: 1,
    clipNorm: 1,
    dropout: 0.1,
    patience: 3,
    samplesPerEpoch: 16384,
    valStride: 1,
    ridgeStride: 4,
    evalStride: 1,
    seed: 42,
    backend: "wasm",
    split: { train: 0.7, val: 0.15, test: 0.15, purgeDays: 1 },
  },
  tiny: {
    model: "tiny",
    features: "default",
    epochs: 3,
    lr: 2e-3,
    batch: 64,
    loss: "mse",
    huberDelta: 1,
    clipNorm: 1,
    dropout: 0,
    patience: 2,
    samplesPerEpoch: 1024,
    valStride: 20,
    ridgeStride: 16,
    evalStride: 10,
    seed: 42,
    backend: "wasm",
    split: { train: 0.7, val: 0.15, test: 0.15, purgeDays: 1 },
  },
};

/**
 * A validated training configuration: a preset with overrides. Unknown keys and bad values throw.
 *
 * @example
 * ```ts
 * const cfg = trainConfig("default", { epochs: 20, lr: 0.0005 });
 * trainConfig("tiny", { epoch: 3 } as never); // TypeError: Unknown training option "epoch"
 * ```
 * @param preset `"default"` (the default) or `"tiny"`.
 * @param overrides fields replacing the preset's.
 */
export function trainConfig(
  preset: keyof typeof TRAIN_PRESETS = "default",
  overrides: Partial<TrainConfig> = {},
): TrainConfig {
  const base = TRAIN_PRESETS[preset];
  if (base === undefined) {
    throw new RangeError(
      `Unknown training preset "${preset}"; expected one of ${
        Object.keys(TRAIN_PRESETS).join(", ")
      }`,
    );
  }
  for (const key of Object.keys(overrides)) {
    if (!(key in base)) throw new TypeError(`Unknown training option "${key}"`);
  }
  const cfg: TrainConfig = { ...base, ...overrides, split: { ...base.split, ...overrides.split } };
  const positiveInt = ["epochs", "batch", "valStride", "ridgeStride", "evalStride"] as const;
  for (const k of positiveInt) {
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) {
      throw new RangeError(`${k} must be a positive integer, got ${cfg[k]}`);
    }
  }
  if (!Number.isInteger(cfg.patience) || cfg.patience < 1) {
    throw new RangeError(`patience must be a positive integer, got ${cfg.patience}`);
  }
  if (!Number.isInteger(cfg.samplesPerEpoch) || cfg.samplesPerEpoch < 0) {
    throw new RangeError(
      `samplesPerEpoch must be 0 or a positive integer, got ${cfg.samplesPerEpoch}`,
    );
  }
  for (const k of ["lr", "huberDelta", "clipNorm"] as const) {
    if (!(cfg[k] > 0) || !Number.isFinite(cfg[k])) {
      throw new RangeError(`${k} must be a positive number, got ${cfg[k]}`);
    }
  }
  if (!(cfg.dropout >= 0 && cfg.dropout < 1)) {
    throw new RangeError(`dropout must be in [0, 1), got ${cfg.dropout}`);
  }
  if (cfg.loss !== "mse" && cfg.loss !== "huber") {
    throw new RangeError(`loss must be "mse" or "huber", got "${cfg.loss}"`);
  }
  if (cfg.backend !== "wasm" && cfg.backend !== "cpu") {
    throw new RangeError(`backend must be "wasm" or "cpu", got "${cfg.backend}"`);
  }
  return cfg;
}
