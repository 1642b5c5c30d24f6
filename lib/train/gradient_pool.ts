/**
 * Data-parallel training on Deno Workers. tfjs disables wasm threads under Deno, so one tfjs
 * instance uses one core; to use more, every Worker holds a replica of the model on its own wasm
 * backend. A step cuts the batch into one contiguous shard per Worker, each Worker computes the
 * gradient of its shard's part of the batch loss, and the pool adds the shards' gradients in
 * Worker order. The caller's optimizer then updates one flat weight vector that goes to every
 * replica with the next request, so the replicas are identical after every step.
 *
 * Exactness: each shard's loss is scaled by the whole batch's 1/Σw, so the shards' gradients add
 * up to the gradient of the whole batch (up to float rounding). The result depends on the Worker
 * count only through rounding and through dropout, whose masks are seeded per shard
 * (`mixSeed(dropoutSeed, shard)`); for a given seed and Worker count a run is deterministic.
 *
 * @module
 */
import {
  type BackendName,
  type GradientOptions,
  type ModelConfig,
  type WeightedBatch,
} from "../model/mod.ts";
import { mixSeed } from "../stats/random.ts";
import { workerCall } from "../model/worker_call.ts";
import { answer, type Replica, type ReplicaReply, type ReplicaRequest } from "./train_replica.ts";

/** Options of {@linkcode GradientPool.gradients}. */
export interface PoolGradientOptions
  extends Required<Pick<GradientOptions, "steps" | "loss" | "huberDelta">> {
  /** Loss = scale · Σ w·ℓ over the whole batch; default 1/Σw. */
  scale?: number;
  /** Seed of this step's dropout masks (shard k uses `mixSeed(dropoutSeed, k)`). */
  dropoutSeed: number;
}

/** The gradient of one batch, summed over the shards. */
export interface PoolGradients {
  /** The batch loss (scale · Σ w·ℓ). */
  loss: number;
  /** Flat gradient in `paramSpecs` order. */
  grads: Float32Array;
  /** Each replica's `tf.memory().numTensors` after its shard. */
  numTensors: number[];
}

/** Replicas that compute gradients and predictions for given weights. */
export interface GradientPool {
  /** Workers in the pool; 0 means one replica in the calling thread. */
  readonly workers: number;
  /** Gradient of `batch` at `weights`, computed shard by shard in parallel. */
  gradients(
    weights: Float32Array,
    batch: Required<WeightedBatch>,
    options: PoolGradientOptions,
  ): Promise<PoolGradients>;
  /**
   * Predictions of `x` ([N, T, F] windows) at `weights`: `[N]`, or `[N, T]` with `allSteps`.
   * Windows are shared out among the replicas.
   */
  predict(weights: Float32Array, x: Float32Array, options: { allSteps: boolean }): Promise<{
    predictions: Float32Array;
    numTensors: number[];
  }>;
  /** Stops the Workers. */
  close(): void;
}

/** One replica behind a request/reply function. */
type Call = (req: ReplicaRequest, transfer?: ArrayBuffer[]) => Promise<ReplicaReply>;

function localCall(): Call {
  const replica: Replica = { model: null };
  return async (req) => {
    const reply = await answer(replica, req);
    if (reply.kind === "error") throw new Error(reply.message);
    return reply;
  };
}

/** Start and end (exclusive) of shard k of n items cut into `parts` contiguous shards. */
function shard(n: number, parts: number, k: number): [number, number] {
  return [Math.floor(k * n / parts), Math.floor((k + 1) * n / parts)];
}

/**
 * Starts a pool of `workers` replicas of `config` (each on `backend`), or one replica in this
 * thread with `workers: 0`. Close it when done.
 *
 * @example
 * ```ts
 * const pool = await createGradientPool(modelConfig("default"), { workers: 2 });
 * const { loss, grads } = await pool.gradients(weights, { x, y, weight }, {
 *   steps: "all", loss: "mse", huberDelta: 1, dropoutSeed: 7,
 * });
 * pool.close();
 * ```
 * @param options.workers Worker count (0 = this thread); default `navigator.hardwareConcurrency`.
 * @param options.backend tfjs backend of the replicas; default `"wasm"`.
 */
export async function createGradientPool(
  config: ModelConfig,
  options: { workers?: number; backend?: BackendName } = {},
): Promise<GradientPool> {
  const workers = options.workers ?? Math.max(1, navigator.hardwareConcurrency || 1);
  if (!Number.isInteger(workers) || workers < 0) {
    throw new RangeError(`workers must be an integer ≥ 0, got ${workers}`);
  }
  const backend = options.backend ?? "wasm";
  const threads: Worker[] = [];
  const calls: Call[] = [];
  if (workers === 0) calls.push(localCall());
  for (let k = 0; k < workers; k++) {
    const w = new Worker(new URL("./train_worker.ts", import.meta.url), { type: "module" });
    threads.push(w);
    calls.push(workerCall<ReplicaRequest, ReplicaReply>(w, "train worker"));
  }
  const close = () => threads.forEach((w) => w.terminate());
  try {
    await Promise.all(calls.map((call) => call({ kind: "init", config, backend })));
  } catch (e) {
    close();
    throw e;
  }
  const { seqLen: T, nFeatures: F } = config;
  const n = calls.length;

  return {
    workers,
    async gradients(weights, batch, opts) {
      const B = batch.x.length / (T * F), per = batch.y.length / B;
      let total = 0;
      for (let i = 0; i < batch.weight.length; i++) total += batch.weight[i];
      const scale = opts.scale ?? (total > 0 ? 1 / total : 0);
      const replies = await Promise.all(calls.map((call, k) => {
        const [a, b] = shard(B, n, k);
        const part = {
          x: batch.x.slice(a * T * F, b * T * F),
          y: batch.y.slice(a * per, b * per),
          weight: batch.weight.slice(a * per, b * per),
        };
        return call({
          kind: "gradients",
          weights: workers === 0 ? weights : weights.slice(),
          ...part,
          steps: opts.steps,
          scale,
          loss: opts.loss,
          huberDelta: opts.huberDelta,
          dropoutSeed: mixSeed(opts.dropoutSeed, k),
        }, workers === 0 ? [] : [part.x.buffer, part.y.buffer, part.weight.buffer]);
      }));
      let loss = 0;
      let grads: Float32Array | null = null;
      const numTensors: number[] = [];
      for (const r of replies) {
        if (r.kind !== "gradients") throw new Error(`train worker sent ${r.kind}`);
        loss += r.loss;
        numTensors.push(r.numTensors);
        if (grads === null) grads = r.grads;
        else for (let i = 0; i < grads.length; i++) grads[i] += r.grads[i];
      }
      return { loss, grads: grads!, numTensors };
    },
    async predict(weights, x, { allSteps }) {
      const N = x.length / (T * F), per = allSteps ? T : 1;
      const parts = Math.min(n, Math.max(1, N));
      const replies = await Promise.all(
        calls.slice(0, parts).map((call, k) => {
          const [a, b] = shard(N, parts, k);
          const part = x.slice(a * T * F, b * T * F);
          return call(
            {
              kind: "predict",
              weights: workers === 0 ? weights : weights.slice(),
              x: part,
              allSteps,
            },
            workers === 0 ? [] : [part.buffer],
          );
        }),
      );
      const predictions = new Float32Array(N * per);
      const numTensors: number[] = [];
      replies.forEach((r, k) => {
        if (r.kind !== "predict") throw new Error(`train worker sent ${r.kind}`);
        predictions.set(r.predictions, shard(N, parts, k)[0] * per);
        numTensors.push(r.numTensors);
      });
      return { predictions, numTensors };
    },
    close,
  };
}
