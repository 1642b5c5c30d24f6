/**
 * Training configuration: one typed object with documented defaults and two named presets, in the
 * manner of nanoGPT's `GPTConfig`. Command-line flags are derived from it
 * ({@linkcode TRAIN_CONFIG_FIELDS}, `train_flags.ts`); an unknown key throws.
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
  /**
   * Which targets the loss reads: `"all"`, every step's own 5-minute target (the encoder is
   * causal, so step p predicts the return after its own bar), or `"last"`, the last step's only.
   * Default `"all"` (chosen by measurement: README, notebook 04).
   */
  supervision: "all" | "last";
  /**
   * With `supervision: "all"`, the first step (0-based) whose target enters the loss; earlier
   * steps see fewer bars. Windows are tiled with stride T − lossFrom. Default 0 (measured).
   */
  lossFrom: number;
  /**
   * Maximum epochs. Default 30: on the default year the test corrOracle peaks after 10–20
   * epochs and falls after about 40 (overfitting); the learning rate decays over these 30.
   */
  epochs: number;
  /** Peak AdamW learning rate. Default 0.0005. */
  lr: number;
  /** Steps of linear learning-rate warm-up. Default 100. */
  warmupSteps: number;
  /**
   * Final learning rate as a share of `lr`: after warm-up the rate follows a half cosine down
   * to lr · lrFloor at the last step of the last epoch. 1 keeps it constant. Default 0.1.
   */
  lrFloor: number;
  /** Decoupled (AdamW) weight decay on the weight matrices. Default 0.1. */
  weightDecay: number;
  /**
   * Decay per step of a moving average of the weights (Polyak averaging): validation, the
   * checkpoints and the final model use the averaged weights. 0 turns it off. Default 0.99.
   */
  ema: number;
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
  /**
   * Epochs without a better validation score before stopping early, counted from the first
   * epoch after the learning-rate warm-up. Default 10.
   */
  patience: number;
  /**
   * The validation score that picks the best epoch and drives early stopping: `"ic"`, the
   * correlation of prediction and target over the validation targets, or `"loss"`, their loss.
   * With `supervision: "all"` both read every validation bar once (the same tiling as training);
   * with `"last"`, every `valStride`-th validation window's last step. Epochs that end inside the
   * learning-rate warm-up are not candidates. Default `"ic"` (measured).
   */
  selectBy: "ic" | "loss";
  /**
   * Windows per epoch. 0 (default): one tiling of the training days (about trainBars /
   * (T − lossFrom) windows, every target once with `supervision: "all"`); with `"last"` the same
   * number of windows drawn at random, so both modes cost the same per epoch. At least one batch:
   * a short file that tiles into fewer windows is tiled again at other offsets.
   */
  samplesPerEpoch: number;
  /**
   * With `supervision: "last"`: validate on every k-th validation window (the last step of each).
   * Default 4 (about 3,000 windows on the default year, every epoch).
   */
  valStride: number;
  /** Keep every k-th train window when fitting the flattened-window ridge baseline. Default 4. */
  ridgeStride: number;
  /** Keep every k-th window when scoring validation and test at the end. Default 1 (all). */
  evalStride: number;
  /** Seed of initialisation, dropout and sampling. Default 42. */
  seed: number;
  /**
   * Seeds trained (seed, seed + 1, …). With more than one, their best checkpoints are averaged
   * into one ensemble checkpoint and results are reported per seed and as mean ± sd. Default 1.
   */
  seeds: number;
  /**
   * Deno Workers of data-parallel training (one wasm replica each); 0 trains in this thread.
   * Default the number of cores (`navigator.hardwareConcurrency`).
   */
  workers: number;
  /** tfjs backend: `"wasm"` (default) or `"cpu"`. */
  backend: BackendName;
  /** Train/validation/test shares of the trading days. Default 0.70/0.15/0.15. */
  split: { train: number; val: number; test: number; purgeDays: number };
}

/** How one scalar field of {@linkcode TrainConfig} is typed, bounded and documented. */
export interface TrainConfigField {
  /** `"number"`, `"integer"` or the allowed strings. */
  type: "number" | "integer" | readonly string[];
  /** Smallest allowed value (numbers). */
  min?: number;
  /** Largest allowed value (numbers). */
  max?: number;
  /** A positive number (0 excluded). */
  positive?: boolean;
  /** One line for `--help`. */
  doc: string;
}

/** Every field of {@linkcode TrainConfig} but `split`: the source of the `train` flags. */
export const TRAIN_CONFIG_FIELDS: Readonly<
  Record<Exclude<keyof TrainConfig, "split">, TrainConfigField>
> = {
  model: { type: ["default", "tiny"], doc: "Model preset (default: d 64, 4 heads, 4 layers)." },
  features: { type: ["default", "tiny"], doc: "Feature preset (default: window 60)." },
  supervision: { type: ["all", "last"], doc: "Loss on every step's target or the last one." },
  lossFrom: { type: "integer", min: 0, doc: "First window step in the all-step loss." },
  epochs: { type: "integer", min: 1, doc: "Maximum epochs." },
  lr: { type: "number", positive: true, doc: "Peak AdamW learning rate." },
  warmupSteps: { type: "integer", min: 0, doc: "Steps of linear learning-rate warm-up." },
  lrFloor: { type: "number", min: 0, max: 1, doc: "Final learning rate as a share of --lr." },
  weightDecay: { type: "number", min: 0, doc: "Decoupled weight decay (AdamW)." },
  ema: {
    type: "number",
    min: 0,
    max: 0.9999,
    doc: "Moving-average decay of the weights; 0 = off.",
  },
  batch: { type: "integer", min: 1, doc: "Windows per step." },
  loss: { type: ["mse", "huber"], doc: "Loss on standardised targets." },
  huberDelta: { type: "number", positive: true, doc: "Huber switch point (target s.d.)." },
  clipNorm: { type: "number", positive: true, doc: "Global-norm gradient clipping." },
  dropout: { type: "number", min: 0, max: 0.99, doc: "Dropout rate in the model." },
  patience: { type: "integer", min: 1, doc: "Epochs without a better validation score." },
  selectBy: { type: ["ic", "loss"], doc: "Validation score picking the best epoch." },
  samplesPerEpoch: {
    type: "integer",
    min: 0,
    doc: "Windows per epoch; 0 = one tiling (at least one batch).",
  },
  valStride: { type: "integer", min: 1, doc: "Every k-th validation window (last-step)." },
  ridgeStride: { type: "integer", min: 1, doc: "Every k-th train window for the ridge baseline." },
  evalStride: { type: "integer", min: 1, doc: "Every k-th window scored at the end." },
  seed: { type: "integer", min: 0, max: 0xffffffff, doc: "Seed of init, dropout and sampling." },
  seeds: { type: "integer", min: 1, doc: "Seeds trained and ensembled (seed, seed+1, …)." },
  workers: { type: "integer", min: 0, doc: "Data-parallel Workers; 0 = this thread." },
  backend: { type: ["wasm", "cpu"], doc: "tfjs backend." },
};

/** Workers by default: one per core. */
const CORES = Math.max(1, navigator.hardwareConcurrency || 1);
const SPLIT = { train: 0.7, val: 0.15, test: 0.15, purgeDays: 1 };

/** Named presets: `default` for the real run, `tiny` for tests and smoke runs (seconds). */
export const TRAIN_PRESETS: Readonly<Record<"default" | "tiny", Readonly<TrainConfig>>> = {
  default: {
    model: "default",
    features: "default",
    supervision: "all",
    lossFrom: 0,
    epochs: 30,
    lr: 5e-4,
    warmupSteps: 100,
    lrFloor: 0.1,
    weightDecay: 0.1,
    ema: 0.99,
    batch: 64,
    loss: "mse",
    huberDelta: 1,
    clipNorm: 1,
    dropout: 0.1,
    patience: 10,
    selectBy: "ic",
    samplesPerEpoch: 0,
    valStride: 4,
    ridgeStride: 4,
    evalStride: 1,
    seed: 42,
    seeds: 1,
    workers: CORES,
    backend: "wasm",
    split: SPLIT,
  },
  tiny: {
    model: "tiny",
    features: "default",
    supervision: "all",
    lossFrom: 0,
    epochs: 3,
    lr: 2e-3,
    warmupSteps: 0,
    lrFloor: 1,
    weightDecay: 0,
    ema: 0,
    batch: 64,
    loss: "mse",
    huberDelta: 1,
    clipNorm: 1,
    dropout: 0,
    patience: 2,
    selectBy: "ic",
    samplesPerEpoch: 1024,
    valStride: 20,
    ridgeStride: 16,
    evalStride: 10,
    seed: 42,
    seeds: 1,
    workers: CORES,
    backend: "wasm",
    split: SPLIT,
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
  for (const [key, f] of Object.entries(TRAIN_CONFIG_FIELDS)) {
    const v = (cfg as unknown as Record<string, unknown>)[key];
    if (typeof f.type !== "string") {
      if (!f.type.includes(v as string)) {
        throw new RangeError(`${key} must be one of ${f.type.join(", ")}; got "${v}"`);
      }
      continue;
    }
    const ok = typeof v === "number" && Number.isFinite(v) &&
      (f.type === "number" || Number.isInteger(v)) &&
      (f.min === undefined || v >= f.min) && (f.max === undefined || v <= f.max) &&
      (!f.positive || v > 0);
    if (!ok) {
      const range = [
        f.positive ? "> 0" : "",
        f.min !== undefined ? `≥ ${f.min}` : "",
        f.max !== undefined ? `≤ ${f.max}` : "",
      ].filter(Boolean).join(" and ");
      throw new RangeError(
        `${key} must be ${f.type === "integer" ? "an integer" : "a number"}` +
          `${range ? " " + range : ""}, got ${v}`,
      );
    }
  }
  return cfg;
}
