/**
 * One optimisation step: forward with dropout, loss, gradients, global-norm clipping, update.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "./create_model.ts";
import { forward } from "./forward.ts";
import "./register_gradients.ts";

/** Options of {@linkcode trainStep}. */
export interface TrainStepOptions {
  /** `"mse"` (default) or `"huber"`. */
  loss?: "mse" | "huber";
  /** Huber's switch point, in target units; default 1 (targets are expected standardised). */
  huberDelta?: number;
  /** Rescale gradients so their global L2 norm is at most this; default `Infinity` (off). */
  clipNorm?: number;
  /** Use the SIMD attention kernel where it applies (see `ForwardOptions`); default `true`. */
  attentionKernel?: boolean;
}

/** A batch as a tensor or as flat row-major `Float32Array` (`[B·T·F]` windows, `[B]` targets). */
export type Batch = tf.Tensor | Float32Array;

/**
 * The mean loss of a batch of predictions, as a scalar tensor.
 *
 * @example
 * ```ts
 * lossOf(tf.tensor1d([0, 2]), tf.tensor1d([0, 0]), { loss: "huber" }); // (0 + 1.5) / 2
 * ```
 * @param options.loss `"mse"` (default) or `"huber"`; `options.huberDelta` default 1.
 */
export function lossOf(
  pred: tf.Tensor,
  target: tf.Tensor,
  options: Pick<TrainStepOptions, "loss" | "huberDelta"> = {},
): tf.Scalar {
  const kind = options.loss ?? "mse";
  if (kind !== "mse" && kind !== "huber") {
    throw new RangeError(`Unknown loss "${kind}"; expected "mse" or "huber"`);
  }
  const delta = options.huberDelta ?? 1;
  if (!(delta > 0)) throw new RangeError(`huberDelta must be positive, got ${delta}`);
  const f = tf.customGrad((...args: unknown[]) => {
    const [p, t, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const err = tf.sub(p, t);
    save([err]);
    let value: tf.Scalar;
    if (kind === "mse") value = tf.mean(tf.square(err));
    else {
      const a = tf.abs(err);
      const q = tf.minimum(a, delta); // |e| capped at delta
      // ½·q² + delta·(|e| − q): quadratic inside, linear outside
      value = tf.mean(tf.add(tf.mul(0.5, tf.square(q)), tf.mul(delta, tf.sub(a, q))));
    }
    return {
      value,
      gradFunc: (dy: tf.Tensor, [e]: tf.Tensor[]) => {
        // d/de: 2e/n (MSE) or clip(e, −delta, delta)/n (Huber)
        const g = kind === "mse" ? tf.mul(e, 2) : tf.clipByValue(e, -delta, delta);
        const dp = tf.mul(g, tf.div(dy, e.size));
        return [dp, tf.neg(dp)];
      },
    };
  });
  return tf.tidy(() => f(pred, tf.reshape(target, pred.shape)) as tf.Scalar);
}

/**
 * Runs one training step and returns the batch's loss (before the update). Tensor work is tidied
 * so `tf.memory().numTensors` stays flat from the second step on (Adam creates its slots on the
 * first).
 *
 * @example
 * ```ts
 * const optimizer = tf.train.adam(1e-3);
 * const loss = trainStep(model, optimizer, xBatch, yBatch, { clipNorm: 1 }); // e.g. 0.98
 * ```
 * @param model the model to update in place.
 * @param optimizer any tfjs optimizer, typically `tf.train.adam(lr)`.
 * @param xBatch windows `[B, T, F]` (tensor, or flat Float32Array of length B·T·F).
 * @param yBatch targets `[B]`.
 * @param options see {@linkcode TrainStepOptions}.
 */
export function trainStep(
  model: Model,
  optimizer: tf.Optimizer,
  xBatch: Batch,
  yBatch: Batch,
  options: TrainStepOptions = {},
): number {
  const { seqLen: T, nFeatures: F } = model.config;
  const clipNorm = options.clipNorm ?? Infinity;
  if (!(clipNorm > 0)) throw new RangeError(`clipNorm must be positive, got ${clipNorm}`);
  const B = yBatch instanceof Float32Array ? yBatch.length : yBatch.size;
  const lossT = tf.tidy(() => {
    const x = xBatch instanceof Float32Array ? tf.tensor3d(xBatch, [B, T, F]) : xBatch;
    const y = yBatch instanceof Float32Array ? tf.tensor1d(yBatch) : tf.reshape(yBatch, [B]);
    const vars = Object.values(model.params);
    const { value, grads } = tf.variableGrads(
      () =>
        lossOf(
          forward(model, x as tf.Tensor3D, {
            training: true,
            attentionKernel: options.attentionKernel,
          }).y,
          y,
          options,
        ),
      vars,
    );
    if (Number.isFinite(clipNorm)) {
      const sq = Object.values(grads).map((g) => tf.sum(tf.square(g)));
      const norm = tf.sqrt(tf.addN(sq)); // global L2 norm
      const factor = tf.minimum(1, tf.div(clipNorm, tf.add(norm, 1e-12)));
      for (const k of Object.keys(grads)) grads[k] = tf.mul(grads[k], factor);
    }
    optimizer.applyGradients(grads);
    return value;
  });
  const loss = lossT.dataSync()[0];
  lossT.dispose();
  return loss;
}
