/**
 * A per-parameter table of a configuration, and the total parameter count (notebook 03).
 *
 * @module
 */
import { paramSpecs } from "./create_model.ts";
import { type ModelConfig, validateModelConfig } from "./model_config.ts";

/** One row of {@linkcode describeModel}. */
export interface ModelRow {
  /** Parameter name, e.g. `"block0/attn/qkv/kernel"`. */
  layer: string;
  shape: number[];
  /** Number of scalars. */
  params: number;
}

/**
 * One row per parameter tensor, in checkpoint order.
 *
 * @example
 * ```ts
 * describeModel(modelConfig("default"))[0]; // { layer: "inProj/kernel", shape: [8, 64], params: 512 }
 * ```
 */
export function describeModel(config: ModelConfig): ModelRow[] {
  return paramSpecs(validateModelConfig(config)).map((s) => ({
    layer: s.name,
    shape: [...s.shape],
    params: s.shape.reduce((a, b) => a * b, 1),
  }));
}

/**
 * Total number of trainable scalars.
 *
 * @example
 * ```ts
 * paramCount(modelConfig("default")); // 204 481 for F = 8
 * ```
 */
export function paramCount(config: ModelConfig): number {
  return describeModel(config).reduce((a, r) => a + r.params, 0);
}
