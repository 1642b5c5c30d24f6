/**
 * LayerNorm over the last axis (tfjs has no LayerNorm kernel), with a hand-written gradient that
 * needs a handful of ops instead of the dozen autodiff would record. Outside gradient recording
 * (inference) it runs as one WebAssembly SIMD kernel (`wasm_kernels.c`).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { colSum } from "./col_sum.ts";
import {
  layerNormForward,
  layerNormKernelSupports,
  tensorFromView,
  tensorValues,
} from "./wasm_kernels.ts";

const EPS = 1e-5; // PyTorch's default

const layerNormGrad = tf.customGrad((...args: unknown[]) => {
  const [x, gamma, beta, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  const mu = tf.mean(x, 1, true); // [N, 1]
  const xc = tf.sub(x, mu); // [N, d]
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), 1, true), EPS)); // [N, 1]
  const xhat = tf.mul(xc, rstd); // [N, d]
  save([xhat, rstd, gamma]);
  return {
    value: tf.add(tf.mul(xhat, gamma), beta), // [N, d]
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [xh, rs, g] = saved;
      const dxhat = tf.mul(dy, g); // [N, d]
      // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), means over the last axis
      const m1 = tf.mean(dxhat, 1, true); // [N, 1]
      const m2 = tf.mean(tf.mul(dxhat, xh), 1, true); // [N, 1]
      const dx = tf.mul(tf.sub(tf.sub(dxhat, m1), tf.mul(xh, m2)), rs); // [N, d]
      return [dx, colSum(tf.mul(dy, xh) as tf.Tensor2D), colSum(dy as tf.Tensor2D)];
    },
  };
});

/**
 * `(x − mean) / √(var + 1e-5) · gamma + beta` over the last axis of a 2-D input (biased variance,
 * as PyTorch).
 *
 * @example
 * ```ts
 * const h = layerNorm(x2d, gamma, beta); // [N, d]
 * ```
 * @param x input `[N, d]`.
 * @param gamma gain `[d]`.
 * @param beta shift `[d]`.
 */
export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor2D {
  const d = x.shape[1];
  if (!tf.engine().isTapeOn() && layerNormKernelSupports(d)) {
    // Inference: one SIMD kernel instead of nine tfjs ops.
    const y = layerNormForward(tensorValues(x), tensorValues(gamma), tensorValues(beta), d);
    return tensorFromView(y, x.shape) as tf.Tensor2D;
  }
  return layerNormGrad(x, gamma, beta) as tf.Tensor2D;
}
