/**
 * Batched inference over many windows without running out of memory, plus full attention maps
 * for a handful of windows (notebook heatmaps).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "./create_model.ts";
import { forward } from "./forward.ts";

/** Options of {@linkcode predict}. */
export interface PredictOptions {
  /** Windows per forward pass; default 128 (the fastest measured on wasm; bench/model_bench.ts). */
  batchSize?: number;
  /** Also return the last step's attention row, averaged over heads; default `false`. */
  returnAttention?: boolean;
  /**
   * Return the prediction at every step of each window (`[N, T]`, row-major) instead of the last
   * step's; default `false`. Runs the full last block (`lastRowOnly` is ignored).
   */
  allSteps?: boolean;
  /** Layer whose attention row is returned, 0-based; default the last (L − 1). */
  attentionLayer?: number;
  /**
   * Run the last block for the last query step only (exact, faster); default `true`. Ignored
   * (always full) when `attentionLayer` is not the last layer.
   */
  lastRowOnly?: boolean;
}

/** Output of {@linkcode predict}. */
export interface Prediction {
  /**
   * One prediction per window, `[N]`, in the units of the training targets; `[N, T]` with
   * `allSteps` (entry n·T + t: window n's prediction at its step t).
   */
  predictions: Float32Array;
  /**
   * With `returnAttention`: `[N, T]` row-major; row n is the weight the window's last step puts
   * on each step 0…T−1 in the chosen layer, averaged over heads (sums to 1).
   */
  attention?: Float32Array;
}

function windowCount(model: Model, windows: Float32Array): number {
  const { seqLen: T, nFeatures: F } = model.config;
  const n = windows.length / (T * F);
  if (!Number.isInteger(n)) {
    throw new RangeError(
      `windows has ${windows.length} values, not a multiple of T·F = ${T}·${F} = ${T * F}`,
    );
  }
  return n;
}

/**
 * Predicts every window of a flat `[N, T, F]` array, `batchSize` windows at a time. Each batch's
 * tensor work is tidied; results are copied out after it, so memory stays at one batch.
 *
 * @example
 * ```ts
 * const { predictions, attention } = await predict(model, windows, { returnAttention: true });
 * // predictions: Float32Array [N]; attention: Float32Array [N, 60]
 * ```
 * @param model the model.
 * @param windows row-major `[N, T, F]` values (N·T·F numbers).
 * @param options see {@linkcode PredictOptions}.
 */
export async function predict(
  model: Model,
  windows: Float32Array,
  options: PredictOptions = {},
): Promise<Prediction> {
  const { seqLen: T, nFeatures: F, nLayers: L } = model.config;
  const batchSize = options.batchSize ?? 128;
  const returnAttention = options.returnAttention ?? false;
  const layer = options.attentionLayer ?? L - 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
  if (!Number.isInteger(layer) || layer < 0 || layer >= L) {
    throw new RangeError(`attentionLayer must be an integer in [0, ${L - 1}], got ${layer}`);
  }
  const allSteps = options.allSteps ?? false;
  const lastRowOnly = (options.lastRowOnly ?? true) && !allSteps &&
    (!returnAttention || layer === L - 1);
  const N = windowCount(model, windows);
  const perWindow = allSteps ? T : 1;
  const predictions = new Float32Array(N * perWindow);
  const attention = returnAttention ? new Float32Array(N * T) : undefined;
  for (let start = 0; start < N; start += batchSize) {
    const B = Math.min(batchSize, N - start);
    const [y, row] = tf.tidy(() => {
      const x = tf.tensor3d(windows.subarray(start * T * F, (start + B) * T * F), [B, T, F]);
      const out = forward(model, x, {
        returnAttention,
        attentionLayers: [layer],
        lastRowOnly,
        allSteps,
      });
      if (!returnAttention) return [out.y, undefined];
      const a = out.attention![0]; // [B, H, T or 1, T]
      const rows = a.shape[2];
      const lastRow = tf.slice(a, [0, 0, rows - 1, 0], [B, a.shape[1], 1, T]); // [B, H, 1, T]
      return [out.y, tf.reshape(tf.mean(lastRow, 1), [B, T])]; // [B, T]
    });
    predictions.set(await y.data() as Float32Array, start * perWindow);
    y.dispose();
    if (row !== undefined) {
      attention!.set(await row.data() as Float32Array, start * T);
      row.dispose();
    }
  }
  return attention === undefined ? { predictions } : { predictions, attention };
}

/** Full attention maps of a few windows. */
export interface AttentionMaps {
  /** `[n, H, T, T]`. */
  shape: [number, number, number, number];
  /** One row-major array per layer, L entries. */
  layers: Float32Array[];
  /** The windows' predictions `[n]`. */
  predictions: Float32Array;
}

/**
 * Every layer's full attention probabilities for a few windows (for heatmaps).
 *
 * @example
 * ```ts
 * const maps = await attentionMaps(model, windows.subarray(0, 3 * 60 * 8));
 * maps.shape; // [3, 4, 60, 60]; maps.layers[3][((0 * 4 + h) * 60 + i) * 60 + j]
 * ```
 * @param model the model.
 * @param windows row-major `[n, T, F]`.
 * @param options.maxWindows refuse more windows than this (the maps are n·L·H·T² floats);
 *   default 256.
 */
export async function attentionMaps(
  model: Model,
  windows: Float32Array,
  options: { maxWindows?: number } = {},
): Promise<AttentionMaps> {
  const { seqLen: T, nFeatures: F, nHeads: H } = model.config;
  const n = windowCount(model, windows);
  const max = options.maxWindows ?? 256;
  if (n > max) {
    throw new RangeError(`attentionMaps got ${n} windows, more than maxWindows ${max}`);
  }
  const out = tf.tidy(() =>
    forward(model, tf.tensor3d(windows, [n, T, F]), { returnAttention: true })
  );
  const layers: Float32Array[] = [];
  for (const a of out.attention!) layers.push(await a.data() as Float32Array);
  const predictions = await out.y.data() as Float32Array;
  tf.dispose(out as unknown as tf.TensorContainer);
  return { shape: [n, H, T, T], layers, predictions };
}
