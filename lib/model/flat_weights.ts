/**
 * A model's parameters as one flat Float32Array, in {@linkcode paramSpecs} order (the
 * checkpoint's order): what data-parallel training sends between threads, what the optimizer
 * updates, and how an ensemble is assembled from its members.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { createModel, type Model, paramSpecs } from "./create_model.ts";
import type { ModelConfig } from "./model_config.ts";
import { type GradientOptions, lossAndGradients, type WeightedBatch } from "./train_step.ts";

/**
 * Scalars in a configuration's parameters, and each parameter's offset into the flat array.
 *
 * @example
 * ```ts
 * const { size, offsets } = flatLayout(modelConfig("tiny"));
 * offsets.get("inProj/bias"); // 128 (after the 8 × 16 input kernel)
 * ```
 */
export function flatLayout(config: ModelConfig): { size: number; offsets: Map<string, number> } {
  const offsets = new Map<string, number>();
  let size = 0;
  for (const s of paramSpecs(config)) {
    offsets.set(s.name, size);
    size += s.shape.reduce((a, b) => a * b, 1);
  }
  return { size, offsets };
}

/**
 * A copy of every parameter, concatenated in {@linkcode paramSpecs} order.
 *
 * @example
 * ```ts
 * const w = readWeights(model); // Float32Array of paramCount(model.config) values
 * ```
 */
export function readWeights(model: Model): Float32Array {
  const { size, offsets } = flatLayout(model.config);
  const out = new Float32Array(size);
  for (const [name, off] of offsets) out.set(model.params[name].dataSync() as Float32Array, off);
  return out;
}

/**
 * Assigns every parameter from a flat array laid out as {@linkcode readWeights} returns it.
 * Throws RangeError when the length does not match the model.
 *
 * @example
 * ```ts
 * writeWeights(replica, readWeights(model)); // the replica now equals the model
 * ```
 */
export function writeWeights(model: Model, weights: Float32Array): void {
  const { size, offsets } = flatLayout(model.config);
  if (weights.length !== size) {
    throw new RangeError(`The model has ${size} parameters, got ${weights.length} weights`);
  }
  for (const [name, off] of offsets) {
    const v = model.params[name];
    tf.tidy(() => v.assign(tf.tensor(weights.subarray(off, off + v.size), v.shape)));
  }
}

/**
 * {@linkcode lossAndGradients} read back to the CPU: the loss as a number and the gradient of
 * every parameter concatenated in {@linkcode paramSpecs} order. Leaves no tensor behind.
 *
 * @example
 * ```ts
 * const { loss, grads } = flatGradients(model, { x, y, weight }, { steps: "all", scale });
 * ```
 */
export function flatGradients(
  model: Model,
  batch: WeightedBatch,
  options: GradientOptions = {},
): { loss: number; grads: Float32Array } {
  const specs = paramSpecs(model.config);
  const [lossT, flatT] = tf.tidy(() => {
    const { value, grads } = lossAndGradients(model, batch, options);
    // tfjs keys gradients by variable name, not by parameter name
    const of = (name: string) => grads[model.params[name].name];
    return [value, tf.concat(specs.map((s) => tf.reshape(of(s.name), [-1])))];
  });
  const loss = lossT.dataSync()[0];
  const grads = new Float32Array(flatT.dataSync()); // its own buffer, safe to transfer
  tf.dispose([lossT, flatT]);
  return { loss, grads };
}

/**
 * One ensemble model (`members` = models.length) holding copies of the given single models'
 * weights; they must share every config field but `seed`. The ensemble takes the first model's
 * seed. Dispose it with `disposeModel`; the inputs are left as they are.
 *
 * @example
 * ```ts
 * const ens = ensembleModel([a, b, c]);
 * await saveCheckpoint("runs/ens/best", ens, meta); // loadCheckpoint reads it like any model
 * ```
 */
export function ensembleModel(models: readonly Model[]): Model {
  if (models.length === 0) throw new RangeError("An ensemble needs at least one model");
  const first = models[0].config;
  for (const m of models) {
    for (const k of Object.keys(first) as (keyof ModelConfig)[]) {
      if (k !== "seed" && m.config[k] !== first[k]) {
        throw new RangeError(
          `Ensemble members differ in ${k}: ${first[k]} and ${m.config[k]}`,
        );
      }
    }
    if (m.config.members !== 1) throw new RangeError("Ensemble members must be single models");
  }
  const ens = createModel({ ...first, members: models.length });
  const parts = models.map(readWeights);
  const flat = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) (flat.set(p, at), at += p.length);
  writeWeights(ens, flat);
  return ens;
}
