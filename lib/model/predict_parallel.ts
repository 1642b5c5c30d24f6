/**
 * Data-parallel inference: windows are cut into chunks and spread over several Deno Workers, each
 * with its own tfjs wasm instance (tfjs disables wasm threads under Deno, so this is how a second
 * core is used).
 *
 * @module
 */
import type { Model } from "./create_model.ts";
import { predict, type Prediction, type PredictOptions } from "./predict.ts";
import type { WorkerReply, WorkerRequest } from "./predict_worker.ts";
import { workerCall } from "./worker_call.ts";

/** Options of {@linkcode predictParallel}: those of `predict` plus the pool's. */
export interface PredictParallelOptions extends PredictOptions {
  /** Worker count; default `navigator.hardwareConcurrency` (at least 1). 1 still uses a worker. */
  workers?: number;
  /** Windows per chunk handed to a worker; default 4096. */
  chunkSize?: number;
}

/**
 * Same result as {@linkcode predict}, computed by `workers` Workers. Falls back to `predict` in
 * this thread for fewer than two chunks' worth of windows. Worker start-up costs a few hundred ms.
 *
 * @example
 * ```ts
 * const { predictions, attention } = await predictParallel(model, yearOfWindows, {
 *   workers: 2, returnAttention: true,
 * });
 * ```
 * @param model the model (its weights are copied to each worker).
 * @param windows row-major `[N, T, F]`.
 * @param options see {@linkcode PredictParallelOptions}.
 */
export async function predictParallel(
  model: Model,
  windows: Float32Array,
  options: PredictParallelOptions = {},
): Promise<Prediction> {
  const {
    workers: nWorkers = Math.max(1, navigator.hardwareConcurrency || 1),
    chunkSize = 4096,
    ...rest
  } = options;
  const { seqLen: T, nFeatures: F } = model.config;
  const N = windows.length / (T * F);
  if (!Number.isInteger(N)) {
    throw new RangeError(`windows has ${windows.length} values, not a multiple of T·F = ${T * F}`);
  }
  if (!Number.isInteger(nWorkers) || nWorkers < 1) {
    throw new RangeError(`workers must be a positive integer, got ${nWorkers}`);
  }
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`chunkSize must be a positive integer, got ${chunkSize}`);
  }
  if (N < 2 * chunkSize) return predict(model, windows, rest);

  const weights: Record<string, Float32Array> = {};
  for (const [name, v] of Object.entries(model.params)) {
    weights[name] = await v.data() as Float32Array;
  }
  const predictions = new Float32Array(N);
  const attention = rest.returnAttention ? new Float32Array(N * T) : undefined;
  const chunks: number[] = [];
  for (let s = 0; s < N; s += chunkSize) chunks.push(s);
  let next = 0;
  const pool: Worker[] = [];
  try {
    await Promise.all(Array.from({ length: Math.min(nWorkers, chunks.length) }, async () => {
      const w = new Worker(new URL("./predict_worker.ts", import.meta.url), { type: "module" });
      pool.push(w);
      const ask = workerCall<WorkerRequest, WorkerReply>(w, "predict worker");
      await ask({ kind: "init", config: model.config, weights });
      while (next < chunks.length) {
        const id = next++;
        const start = chunks[id], end = Math.min(N, start + chunkSize);
        const part = windows.slice(start * T * F, end * T * F);
        const reply = await ask({ kind: "chunk", id, windows: part, options: rest });
        if (reply.kind !== "chunk") throw new Error(`predict worker sent ${reply.kind}`);
        predictions.set(reply.predictions, start);
        if (attention && reply.attention) attention.set(reply.attention, start * T);
      }
    }));
  } finally {
    for (const w of pool) w.terminate();
  }
  return attention === undefined ? { predictions } : { predictions, attention };
}
