/**
 * Seeded inverted dropout. Masks come from the mulberry32 stream, not from tfjs's generator, so a
 * run is reproducible from the model seed alone and the mask costs a few ns per element.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { dropoutMaskKernel, tensorFromView } from "./wasm_kernels.ts";

/**
 * Zeroes each element with probability `rate` and scales survivors by `1 / (1 − rate)`. The mask
 * is a constant, so the gradient flows through the kept elements only.
 *
 * @example
 * ```ts
 * const y = dropout(x, 0.1, { seed: 7 }); // same seed → same mask
 * ```
 * @param x any tensor.
 * @param rate drop probability in [0, 1); 0 returns `x` itself.
 * @param options.seed uint32 seed of the mask; default 0.
 */
export function dropout<T extends tf.Tensor>(
  x: T,
  rate: number,
  options: { seed?: number } = {},
): T {
  if (rate === 0) return x;
  if (!(rate > 0 && rate < 1)) throw new RangeError(`Dropout rate must be in [0, 1), got ${rate}`);
  const threshold = Math.floor(rate * 4294967296);
  const scale = 1 / (1 - rate);
  const seed = options.seed ?? 0;
  const view = dropoutMaskKernel(x.size, seed, threshold, scale); // the mulberry32 stream, SIMD
  return tf.tidy(() => tf.mul(x, tensorFromView(view, x.shape)) as T);
}
