/**
 * Causal multi-head self-attention as one tfjs op over the fused `qkv` activations, run by the
 * WebAssembly SIMD kernels of `wasm_kernels.c` (forward and a hand-written backward).
 *
 * Replaces, per layer, three slices, four transposes, two batched matMuls, the mask add and the
 * softmax (plus their gradients), which tfjs-backend-wasm runs on a scalar loop; the kernel also
 * skips the masked upper triangle.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import {
  attentionBackward,
  type AttentionDims,
  attentionForward,
  tensorFromView as tensorFrom,
  tensorValues as valuesOf,
} from "./wasm_kernels.ts";

export { type AttentionDims, attentionKernelSupports } from "./wasm_kernels.ts";

/**
 * Attention of one layer. `qkv` is `[B·T, 3d]` (q, k, v column blocks; heads of width hd inside
 * each); the result `ctx` is `[B·R, d]` with heads concatenated, R = T − q0. With q0 = 0 the op
 * is differentiable; q0 > 0 (inference: only the last rows) is not.
 *
 * @example
 * ```ts
 * const { ctx, probs } = causalAttention(qkv, { B: 64, T: 60, H: 4, hd: 16 }, { returnProbs: true });
 * // ctx [3840, 64], probs [64, 4, 60, 60]
 * ```
 * @param qkv `[B·T, 3d]`.
 * @param dims B, T, H, hd.
 * @param options.q0 first query row to compute; default 0.
 * @param options.returnProbs also return the probabilities `[B, H, R, T]`; default false.
 */
export function causalAttention(
  qkv: tf.Tensor2D,
  dims: AttentionDims,
  options: { q0?: number; returnProbs?: boolean } = {},
): { ctx: tf.Tensor2D; probs?: tf.Tensor4D } {
  const { B, T, H, hd } = dims;
  const d = H * hd, q0 = options.q0 ?? 0, R = T - q0;
  if (qkv.rank !== 2 || qkv.shape[0] !== B * T || qkv.shape[1] !== 3 * d) {
    throw new RangeError(`causalAttention: qkv is [${qkv.shape}], expected [${B * T}, ${3 * d}]`);
  }
  let probsView: Float32Array | undefined;
  let ctx: tf.Tensor2D;
  if (q0 > 0) {
    const out = attentionForward(valuesOf(qkv), dims, { q0, withProbs: options.returnProbs });
    probsView = out.probs;
    ctx = tensorFrom(out.ctx, [B * R, d]) as tf.Tensor2D;
  } else {
    const needGrad = tf.engine().isTapeOn();
    const op = tf.customGrad((...args: unknown[]) => {
      const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
      const out = attentionForward(valuesOf(x), dims, {
        withProbs: needGrad || options.returnProbs,
      });
      probsView = out.probs;
      const value = tensorFrom(out.ctx, [B * T, d]); // [B·T, d]
      if (needGrad) save([x, tensorFrom(out.probs, [B, H, T, T])]);
      return {
        value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [xs, ps] = saved;
          const g = attentionBackward(valuesOf(xs), valuesOf(ps), valuesOf(dy), dims);
          return tensorFrom(g, [B * T, 3 * d]); // [B·T, 3d]
        },
      };
    });
    ctx = op(qkv) as tf.Tensor2D;
  }
  // No kernel call has happened since the forward above, so its probs view is still current.
  const probs = options.returnProbs
    ? tensorFrom(probsView!, [B, H, R, T]) as tf.Tensor4D // [B, H, R, T]
    : undefined;
  return probs === undefined ? { ctx } : { ctx, probs };
}
