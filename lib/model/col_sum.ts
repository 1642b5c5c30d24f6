/**
 * Column sums of a 2-D tensor as a `[1, N] × [N, m]` product: on tfjs-backend-wasm this takes the
 * XNNPACK path, where `tf.sum(x, 0)` transposes first and is several times slower.
 *
 * **Aliasing hazard (tfjs-backend-wasm 4.22).** The wasm backend caches the XNNPACK operator of a
 * 2-D product, with the right operand's values packed into it, under that operand's *data id*
 * only, not its shape. `tf.reshape` keeps the data id, so using one buffer as the right operand
 * under two different 2-D shapes reuses an operator built for the other shape: wrong results or
 * an out-of-bounds crash inside the backend. So `x` here must not be a reshaped view of data that
 * is (or was) the right operand of a product with another shape. In the model, `colSum` only sees
 * fresh gradients whose other right-operand use has the same shape (the dense weight gradient).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/**
 * Sum over the rows of `x` `[N, m]`: `[m]`.
 *
 * @example
 * ```ts
 * colSum(tf.tensor2d([[1, 2], [3, 4]])); // [4, 6]
 * ```
 */
export function colSum(x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const ones = tf.ones([1, x.shape[0]]) as tf.Tensor2D; // [1, N]
    return tf.reshape(tf.matMul(ones, x), [x.shape[1]]) as tf.Tensor1D; // [1, m] → [m]
  });
}
