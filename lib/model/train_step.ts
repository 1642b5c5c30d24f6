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
  return tf.tidy(() =>
    weightedLoss(pred, target, tf.ones(pred.shape), { ...options, scale: 1 / pred.size })
  );
}

/**
 * `scale · Σ wᵢ · ℓ(predᵢ − targetᵢ)` as a scalar tensor, ℓ(e) = e² (MSE) or Huber's
 * ½·min(|e|, δ)² + δ·(|e| − min(|e|, δ)). A weight of 0 removes a pair (its target may be any
 * finite number); with `scale` = 1/Σw it is the weighted mean loss. Gradients flow to `pred`
 * (and, negated, to `target`), never to the weights.
 *
 * @example
 * ```ts
 * // Mean over the two pairs that count: (4 + 9) / 2
 * weightedLoss(tf.tensor1d([2, 5, 3]), tf.tensor1d([0, 0, 0]), tf.tensor1d([1, 0, 1]), {
 *   scale: 0.5,
 * });
 * ```
 * @param options.loss `"mse"` (default) or `"huber"`; `options.huberDelta` default 1;
 *   `options.scale` default 1.
 */
export function weightedLoss(
  pred: tf.Tensor,
  target: tf.Tensor,
  weight: tf.Tensor,
  options: Pick<TrainStepOptions, "loss" | "huberDelta"> & { scale?: number } = {},
): tf.Scalar {
  const kind = options.loss ?? "mse";
  if (kind !== "mse" && kind !== "huber") {
    throw new RangeError(`Unknown loss "${kind}"; expected "mse" or "huber"`);
  }
  const delta = options.huberDelta ?? 1;
  if (!(delta > 0)) throw new RangeError(`huberDelta must be positive, got ${delta}`);
  const scale = options.scale ?? 1;
  const f = tf.customGrad((...args: unknown[]) => {
    const [p, t, w, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const err = tf.sub(p, t);
    save([err, w]);
    let perPair: tf.Tensor;
    if (kind === "mse") perPair = tf.square(err);
    else {
      const a = tf.abs(err);
      const q = tf.minimum(a, delta); // |e| capped at delta
      // ½·q² + delta·(|e| − q): quadratic inside, linear outside
      perPair = tf.add(tf.mul(0.5, tf.square(q)), tf.mul(delta, tf.sub(a, q)));
    }
    return {
      value: tf.mul(tf.sum(tf.mul(perPair, w)), scale) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [e, wt]: tf.Tensor[]) => {
        // d/de: 2e (MSE) or clip(e, −delta, delta) (Huber), times scale · w
        const g = kind === "mse" ? tf.mul(e, 2) : tf.clipByValue(e, -delta, delta);
        const dp = tf.mul(tf.mul(g, wt), tf.mul(dy, scale));
        return [dp, tf.neg(dp), tf.zerosLike(wt)];
      },
    };
  });
  return tf.tidy(() => {
    const t = tf.reshape(target, pred.shape), w = tf.reshape(weight, pred.shape);
    return f(pred, t, w) as tf.Scalar;
  });
}

/**
 * A batch for {@linkcode lossAndGradients}: windows, targets and per-target weights as flat
 * row-major arrays.
 */
export interface WeightedBatch {
  /** Windows `[B, T, F]`. */
  x: Float32Array;
  /** Targets: `[B]` (the last step of each window) or `[B, T]` (every step; `steps: "all"`). */
  y: Float32Array;
  /** Weight of each target (0 leaves it out); same length as `y`. Default all 1. */
  weight?: Float32Array;
}

/** Options of {@linkcode lossAndGradients}. */
export interface GradientOptions extends Pick<TrainStepOptions, "loss" | "huberDelta"> {
  /** `"last"` (default): `y` holds one target per window; `"all"`: one per step. */
  steps?: "last" | "all";
  /** Loss = scale · Σ w·ℓ. Default 1 / Σw (the weighted mean over this batch). */
  scale?: number;
  /** Dropout seed of this call (see `ForwardOptions.dropoutSeed`); default the model's stream. */
  dropoutSeed?: number;
  /** Use the SIMD attention kernel where it applies; default `true`. */
  attentionKernel?: boolean;
}

/**
 * The loss of a training forward pass (dropout on) and its gradient with respect to every
 * parameter, as tensors the caller disposes (or call inside `tf.tidy`). The loss is
 * {@linkcode weightedLoss} of the predictions at the last step (`steps: "last"`) or at every step
 * (`"all"`, targets `[B, T]`). A data-parallel shard passes the whole batch's `scale`, so the
 * shards' gradients add up to the whole batch's.
 *
 * @example
 * ```ts
 * const { value, grads } = lossAndGradients(model, { x, y, weight }, { steps: "all" });
 * ```
 */
export function lossAndGradients(
  model: Model,
  batch: WeightedBatch,
  options: GradientOptions = {},
): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  const { seqLen: T, nFeatures: F } = model.config;
  const allSteps = (options.steps ?? "last") === "all";
  const B = batch.x.length / (T * F);
  if (!Number.isInteger(B) || batch.y.length !== (allSteps ? B * T : B)) {
    throw new RangeError(
      `A batch of ${batch.x.length / (T * F)} windows needs ${allSteps ? "B·T" : "B"} targets, ` +
        `got ${batch.y.length}`,
    );
  }
  const weight = batch.weight ?? new Float32Array(batch.y.length).fill(1);
  if (weight.length !== batch.y.length) {
    throw new RangeError(`weight has ${weight.length} entries, y has ${batch.y.length}`);
  }
  let total = 0;
  for (let i = 0; i < weight.length; i++) total += weight[i];
  const scale = options.scale ?? (total > 0 ? 1 / total : 0);
  return tf.tidy(() => {
    const x = tf.tensor3d(batch.x, [B, T, F]);
    const y = tf.tensor(batch.y, allSteps ? [B, T] : [B]);
    const w = tf.tensor(weight, allSteps ? [B, T] : [B]);
    const { value, grads } = tf.variableGrads(
      () =>
        weightedLoss(
          forward(model, x, {
            training: true,
            allSteps,
            dropoutSeed: options.dropoutSeed,
            attentionKernel: options.attentionKernel,
          }).y,
          y,
          w,
          { ...options, scale },
        ),
      Object.values(model.params),
    );
    return { value, grads };
  });
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
  const clipNorm = options.clipNorm ?? Infinity;
  if (!(clipNorm > 0)) throw new RangeError(`clipNorm must be positive, got ${clipNorm}`);
  const flat = (b: Batch) => b instanceof Float32Array ? b : Float32Array.from(b.dataSync());
  const lossT = tf.tidy(() => {
    const { value, grads } = lossAndGradients(
      model,
      { x: flat(xBatch), y: flat(yBatch) },
      options,
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
