/**
 * The dense layer in the shape the wasm backend runs fast: a plain 2-D product on `[rows, in]`.
 *
 * tfjs-backend-wasm takes its XNNPACK path (20–30 GFLOP/s) only for 2-D products with neither
 * operand transposed; the built-in `matMul` gradient uses transposed products and falls to a
 * ~1.7 GFLOP/s scalar loop. So the backward pass here is written by hand with explicit transposes
 * (cheap) and untransposed 2-D products, and the forward uses `tf.fused.matMul` for bias + ReLU.
 * See shared/docs/tfjs-wasm-performance.md.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { colSum } from "./col_sum.ts";

type Act = "linear" | "relu";

function makeDense(activation: Act) {
  return tf.customGrad((...args: unknown[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const y = tf.fused.matMul({ a: x, b: w, bias: b, activation }); // [N, out]
    save(activation === "relu" ? [x, w, y] : [x, w]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as tf.Tensor2D[];
        const dz = activation === "relu"
          ? tf.mul(dy, tf.step(ys)) as tf.Tensor2D
          : dy as tf.Tensor2D;
        const dx = tf.matMul(dz, tf.transpose(ws)); // [N, out] × [out, in] = [N, in]
        const dw = tf.matMul(tf.transpose(xs), dz); // [in, N] × [N, out] = [in, out]
        const db = colSum(dz); // [out]
        return [dx, dw, db];
      },
    };
  });
}

const denseLinear = makeDense("linear");
const denseRelu = makeDense("relu");

/**
 * `x · w + b`, optionally followed by ReLU, on a 2-D input, with a wasm-friendly gradient.
 *
 * @example
 * ```ts
 * const y = dense(x2d, params["mlp/fc/kernel"], params["mlp/fc/bias"], { activation: "relu" });
 * ```
 * @param x input `[N, in]`.
 * @param weights `[kernel [in, out], bias [out]]`.
 * @param options.activation `"linear"` (default) or `"relu"`.
 */
export function dense(
  x: tf.Tensor2D,
  weights: [tf.Tensor2D, tf.Tensor1D],
  options: { activation?: Act } = {},
): tf.Tensor2D {
  const f = (options.activation ?? "linear") === "relu" ? denseRelu : denseLinear;
  return f(x, weights[0], weights[1]) as tf.Tensor2D;
}
