/**
 * The Transformer's configuration: one typed object with documented defaults, two named presets
 * (`default` for the real run, `tiny` for tests) and a validator.
 *
 * @module
 */

/** Shape and regularisation of the causal Transformer encoder. */
export interface ModelConfig {
  /** Window length T (one-minute steps per input window). Default 60. */
  seqLen: number;
  /** Features per step F; comes from the feature set (e.g. 8). Default 8. */
  nFeatures: number;
  /** Model width d. Default 64. */
  dModel: number;
  /** Attention heads H; `dModel` must be a multiple of it. Default 4 (head size 16). */
  nHeads: number;
  /** Hidden width of each block's MLP. Default 256 (4·d). */
  dFF: number;
  /** Encoder blocks L. Default 4. */
  nLayers: number;
  /**
   * Dropout rate in [0, 1), applied in training only: after the input embedding and on each
   * block's two residual branches (attention output and MLP output). Attention probabilities are
   * never dropped, so the maps the strategy reads are the ones the model used. Default 0.1.
   */
  dropout: number;
  /** Seed of the weight initialisation and of the dropout masks (a uint32). Default 1. */
  seed: number;
  /**
   * Ensemble members M. Default 1: one model. With M > 1 the model holds M independently trained
   * copies of the network (parameters `member0/…` … `member<M−1>/…`) and is for inference only:
   * its prediction is the mean of the members' predictions and its attention probabilities the
   * mean of the members' (still rows that sum to 1, zero above the diagonal). Checkpoints written
   * before this field existed read as 1.
   */
  members: number;
}

/** Named presets. `default` is the real run; `tiny` is small enough for unit tests. */
export const MODEL_PRESETS: Readonly<Record<"default" | "tiny", Readonly<ModelConfig>>> = {
  default: {
    seqLen: 60,
    nFeatures: 8,
    dModel: 64,
    nHeads: 4,
    dFF: 256,
    nLayers: 4,
    dropout: 0.1,
    seed: 1,
    members: 1,
  },
  tiny: {
    seqLen: 60,
    nFeatures: 8,
    dModel: 16,
    nHeads: 2,
    dFF: 32,
    nLayers: 2,
    dropout: 0.1,
    seed: 1,
    members: 1,
  },
};

const INT_KEYS = [
  "seqLen",
  "nFeatures",
  "dModel",
  "nHeads",
  "dFF",
  "nLayers",
  "members",
] as const;

/**
 * A validated configuration: a preset with overrides applied. Unknown keys, non-integer sizes,
 * `dModel % nHeads !== 0`, a dropout outside [0, 1) and a seed outside uint32 all throw.
 *
 * @example
 * ```ts
 * const cfg = modelConfig("default", { nFeatures: 11 }); // dModel 64, 4 heads, …
 * modelConfig("tiny", { dModel: 10, nHeads: 4 }); // RangeError: dModel 10 is not a multiple …
 * ```
 * @param preset name of the starting preset; default `"default"`.
 * @param overrides fields replacing the preset's.
 */
export function modelConfig(
  preset: keyof typeof MODEL_PRESETS = "default",
  overrides: Partial<ModelConfig> = {},
): ModelConfig {
  const base = MODEL_PRESETS[preset];
  if (base === undefined) {
    throw new RangeError(
      `Unknown model preset "${preset}"; expected one of ${Object.keys(MODEL_PRESETS).join(", ")}`,
    );
  }
  return validateModelConfig({ ...base, ...overrides });
}

/**
 * Checks a configuration (e.g. one read from a checkpoint) and returns it as a fresh object. A
 * missing `members` (checkpoints older than ensembles) means 1.
 *
 * @example
 * ```ts
 * validateModelConfig({ ...MODEL_PRESETS.tiny, nLayers: 0 }); // RangeError: nLayers must be …
 * ```
 */
export function validateModelConfig(config: ModelConfig): ModelConfig {
  if (config === null || typeof config !== "object") {
    throw new TypeError(`A model config must be an object, got ${config}`);
  }
  if (!("members" in config)) config = { ...config as ModelConfig, members: 1 };
  const known = new Set<string>(Object.keys(MODEL_PRESETS.default));
  for (const key of Object.keys(config)) {
    if (!known.has(key)) {
      throw new TypeError(
        `Unknown model config key "${key}"; expected one of ${[...known].join(", ")}`,
      );
    }
  }
  for (const key of INT_KEYS) {
    const v = config[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Model config ${key} must be a positive integer, got ${v}`);
    }
  }
  if (config.dModel % config.nHeads !== 0) {
    throw new RangeError(
      `Model config dModel ${config.dModel} is not a multiple of nHeads ${config.nHeads}`,
    );
  }
  if (!(config.dropout >= 0 && config.dropout < 1)) {
    throw new RangeError(`Model config dropout must be in [0, 1), got ${config.dropout}`);
  }
  if (!Number.isInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff) {
    throw new RangeError(`Model config seed must be a uint32, got ${config.seed}`);
  }
  const out = {} as ModelConfig;
  for (const key of known) (out as unknown as Record<string, number>)[key] = config[key as "seed"];
  return out;
}
