/**
 * One model replica of data-parallel training and the messages it answers: gradients of a shard
 * of a batch, and predictions. The same code runs in a Deno Worker (`train_worker.ts`) and, for
 * `workers: 0`, in the calling thread (`gradient_pool.ts`). Not re-exported by mod.ts.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import {
  type BackendName,
  createModel,
  flatGradients,
  initBackend,
  type Model,
  type ModelConfig,
  predict,
  writeWeights,
} from "../model/mod.ts";

/** What the pool asks a replica. */
export type ReplicaRequest =
  | { kind: "init"; config: ModelConfig; backend: BackendName }
  | {
    kind: "gradients";
    /** Weights to load first, or null to keep the current ones. */
    weights: Float32Array | null;
    x: Float32Array;
    y: Float32Array;
    weight: Float32Array;
    steps: "last" | "all";
    scale: number;
    loss: "mse" | "huber";
    huberDelta: number;
    dropoutSeed: number;
  }
  | {
    kind: "predict";
    weights: Float32Array | null;
    x: Float32Array;
    allSteps: boolean;
  };

/** What a replica answers. */
export type ReplicaReply =
  | { kind: "ready"; backend: BackendName }
  | { kind: "gradients"; loss: number; grads: Float32Array; numTensors: number }
  | { kind: "predict"; predictions: Float32Array; numTensors: number }
  | { kind: "error"; message: string };

/** A replica's state: its model once initialised. */
export interface Replica {
  model: Model | null;
}

/**
 * Answers one request, updating the replica. `numTensors` in the replies is the replica's
 * `tf.memory().numTensors` after the work, so callers can check that nothing leaks.
 *
 * @example
 * ```ts
 * const replica: Replica = { model: null };
 * await answer(replica, { kind: "init", config, backend: "wasm" });
 * ```
 */
export async function answer(replica: Replica, req: ReplicaRequest): Promise<ReplicaReply> {
  if (req.kind === "init") {
    const backend = await initBackend(req.backend);
    replica.model = createModel(req.config);
    return { kind: "ready", backend };
  }
  const model = replica.model;
  if (model === null) throw new Error("The replica got work before init");
  if (req.weights !== null) writeWeights(model, req.weights);
  if (req.kind === "gradients") {
    const { loss, grads } = flatGradients(model, req, {
      steps: req.steps,
      scale: req.scale,
      loss: req.loss,
      huberDelta: req.huberDelta,
      dropoutSeed: req.dropoutSeed,
    });
    return { kind: "gradients", loss, grads, numTensors: tf.memory().numTensors };
  }
  const { predictions } = await predict(model, req.x, { allSteps: req.allSteps });
  return { kind: "predict", predictions, numTensors: tf.memory().numTensors };
}
