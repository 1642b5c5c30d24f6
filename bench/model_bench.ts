/**
 * Speed of the Trendformer model on the wasm backend: training samples/s (default model,
 * Adam, MSE, clipNorm 1) and inference samples/s, including one year of windows (~80,000).
 *
 *   deno bench -A bench/model_bench.ts
 *
 * Besides Deno's per-iteration table, a summary of median samples/s per case is printed at the
 * end. Run on a quiet machine: other processes on the two cores change the numbers a lot.
 */
import * as tf from "@tensorflow/tfjs-core";
import {
  createModel,
  initBackend,
  modelConfig,
  predict,
  predictParallel,
  trainStep,
} from "../lib/model/mod.ts";
import { seededRng } from "../lib/stats/random.ts";

await initBackend("wasm", { fallback: false });
const config = modelConfig("default");
const T = config.seqLen, F = config.nFeatures;
const YEAR = 80_000; // ≈ 232 trading days × 345 bars
const INFER_N = 8_192;
/** Set MODEL_BENCH_YEAR=0 to skip the one-year runs (each takes 30–70 s, and Deno repeats them). */
const RUN_YEAR = Deno.env.get("MODEL_BENCH_YEAR") !== "0";

function windows(n: number, seed: number): Float32Array {
  const rng = seededRng(seed, { algorithm: "mulberry32" });
  return Float32Array.from({ length: n * T * F }, () => rng.normal());
}

const samplesPerSecond = new Map<string, number[]>();
const calls = new Map<string, number>();
/** Records one iteration, skipping the first `warmup` calls of a case. */
function record(name: string, samples: number, ms: number, warmup: number): void {
  const k = (calls.get(name) ?? 0) + 1;
  calls.set(name, k);
  if (k <= warmup) return;
  const list = samplesPerSecond.get(name) ?? [];
  list.push(samples / (ms / 1000));
  samplesPerSecond.set(name, list);
}

const model = createModel(config);
const trainData = windows(128, 1);
const trainTargets = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i));
const optimizer = tf.train.adam(1e-4);

for (
  const [batch, attentionKernel] of [[64, true], [32, true], [128, true], [64, false]] as const
) {
  const name = `train step, batch ${batch}` + (attentionKernel ? "" : ", tfjs-ops attention");
  const x = trainData.subarray(0, batch * T * F), y = trainTargets.subarray(0, batch);
  Deno.bench({
    name,
    group: "train",
    baseline: batch === 64 && attentionKernel,
    n: attentionKernel ? 20 : 5,
    warmup: 2,
    fn() {
      const t0 = performance.now();
      trainStep(model, optimizer, x, y, { clipNorm: 1, attentionKernel });
      record(name, batch, performance.now() - t0, 2);
    },
  });
}

const inferData = windows(INFER_N, 2);
const inferCases: [string, (w: Float32Array) => Promise<unknown>][] = [
  ["predict, batch 256", (w) => predict(model, w)],
  ["predict, batch 128", (w) => predict(model, w, { batchSize: 128 })],
  ["predict, batch 512", (w) => predict(model, w, { batchSize: 512 })],
  ["predict, batch 256, full last layer", (w) => predict(model, w, { lastRowOnly: false })],
  ["predict, batch 256, + attention rows", (w) => predict(model, w, { returnAttention: true })],
  ["predictParallel, 2 workers", (w) => predictParallel(model, w, { workers: 2, chunkSize: 2048 })],
  [
    "predictParallel, 2 workers, + attention rows",
    (w) => predictParallel(model, w, { workers: 2, chunkSize: 2048, returnAttention: true }),
  ],
];
for (const [name, run] of inferCases) {
  Deno.bench({
    name: `${name} (${INFER_N} windows)`,
    group: "inference",
    baseline: name === "predict, batch 256",
    n: 3,
    warmup: 1,
    async fn() {
      const t0 = performance.now();
      await run(inferData);
      record(name, INFER_N, performance.now() - t0, 1);
    },
  });
}

const year = RUN_YEAR ? windows(YEAR, 3) : new Float32Array(0);
for (const workers of RUN_YEAR ? [2, 1] : []) {
  const name = `one year (${YEAR} windows), ` +
    (workers === 1 ? "predict in this thread" : `predictParallel, ${workers} workers`);
  Deno.bench({
    name,
    group: "year",
    n: 1,
    warmup: 0,
    async fn() {
      const t0 = performance.now();
      if (workers === 1) await predict(model, year, { returnAttention: true });
      else await predictParallel(model, year, { workers, returnAttention: true });
      record(name + " [s]", YEAR, performance.now() - t0, 0);
    },
  });
}

globalThis.addEventListener("unload", () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log("\nmedian samples/s (one-year rows: samples/s and seconds)");
  for (const [name, xs] of samplesPerSecond) {
    const m = median(xs);
    const extra = name.endsWith("[s]") ? `  ${(YEAR / m).toFixed(1)} s` : "";
    console.log(
      `${m.toFixed(0).padStart(8)}  ${name.replace(" [s]", "")}${extra}  (n=${xs.length})`,
    );
  }
});
