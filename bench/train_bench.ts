/**
 * Training throughput, side by side in one run: the default model's full data-parallel training
 * step (gradients on Deno Workers, clipping and AdamW in the main thread, batch 64, every-step
 * targets, dropout 0.1) with 1 Worker and with 2, and the same model and step in PyTorch on the
 * CPU with 1 and 2 threads (bench/torch_transformer.py) when Debian's python3-torch is installed.
 *
 *   deno bench -A bench/train_bench.ts
 *
 * A window is one [60, F] input whatever the supervision; targets/s counts the supervised targets
 * (60 per window here). The cases run in interleaved rounds (1 Worker, 2 Workers, torch 1, torch 2,
 * then again), and each case's median over the rounds is reported, so a burst of load from other
 * processes hits every case alike. The summary states the machine's cores and load average:
 * numbers from a busy machine are lower, and their ratios noisier.
 *
 * Set TRAIN_BENCH_ROUNDS (default 5) and TRAIN_BENCH_STEPS (steps per round, default 12).
 */
import {
  createModel,
  disposeModel,
  initBackend,
  modelConfig,
  readWeights,
} from "../lib/model/mod.ts";
import { seededRng } from "../lib/stats/random.ts";
import {
  adamwStep,
  clipGlobalNorm,
  createAdamW,
  createGradientPool,
  decayMask,
  type GradientPool,
} from "../lib/train/mod.ts";

await initBackend("wasm", { fallback: false });
const ROUNDS = Number(Deno.env.get("TRAIN_BENCH_ROUNDS") ?? 5);
const STEPS = Number(Deno.env.get("TRAIN_BENCH_STEPS") ?? 12);
const B = 64;
const config = modelConfig("default", { dropout: 0.1 });
const T = config.seqLen, F = config.nFeatures;
const rng = seededRng(1, { algorithm: "mulberry32" });
const batch = {
  x: Float32Array.from({ length: B * T * F }, () => rng.normal()),
  y: Float32Array.from({ length: B * T }, () => rng.normal()),
  weight: new Float32Array(B * T).fill(1),
};

const PYTHON = "/usr/bin/python3";
const SCRIPT = new URL("./torch_transformer.py", import.meta.url).pathname;
const torchOk = await new Deno.Command(PYTHON, { args: ["-c", "import torch"], stderr: "null" })
  .output().then((o) => o.success).catch(() => false);

/** Windows/s of STEPS full training steps on a pool (after 2 untimed steps). */
async function workerRound(pool: GradientPool, weights: Float32Array): Promise<number> {
  const opt = createAdamW(weights.length, { weightDecay: 0.1, mask: decayMask(config) });
  const step = async (k: number) => {
    const g = await pool.gradients(weights, batch, {
      steps: "all",
      loss: "mse",
      huberDelta: 1,
      dropoutSeed: k,
    });
    clipGlobalNorm(g.grads, 1);
    adamwStep(opt, weights, g.grads, 5e-4);
  };
  for (let k = 0; k < 2; k++) await step(k);
  const t0 = performance.now();
  for (let k = 0; k < STEPS; k++) await step(k + 2);
  return (STEPS * B) / ((performance.now() - t0) / 1000);
}

/** Windows/s that the PyTorch script reports for STEPS steps. */
async function torchRound(threads: number): Promise<number> {
  const out = await new Deno.Command(PYTHON, {
    args: [SCRIPT, "--threads", String(threads), "--batch", String(B), "--steps", String(STEPS)],
    env: { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: String(threads) },
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  return JSON.parse(new TextDecoder().decode(out.stdout)).windows_per_s;
}

const results = new Map<string, number[]>();
const record = (name: string, v: number) => results.set(name, [...(results.get(name) ?? []), v]);
const load0 = Deno.loadavg();

Deno.bench({
  name: `training step, batch ${B}, default model: Workers and PyTorch in interleaved rounds`,
  n: 1,
  warmup: 0,
  async fn() {
    const model = createModel(config);
    const weights = readWeights(model);
    disposeModel(model);
    const pools = [
      await createGradientPool(config, { workers: 1 }),
      await createGradientPool(config, { workers: 2 }),
    ];
    try {
      for (let r = 0; r < ROUNDS; r++) {
        record("tfjs-wasm, 1 Worker", await workerRound(pools[0], weights.slice()));
        record("tfjs-wasm, 2 Workers", await workerRound(pools[1], weights.slice()));
        if (torchOk) {
          record("PyTorch CPU, 1 thread", await torchRound(1));
          record("PyTorch CPU, 2 threads", await torchRound(2));
        }
      }
    } finally {
      pools.forEach((p) => p.close());
    }
  },
});

globalThis.addEventListener("unload", () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const m = new Map([...results].map(([k, v]) => [k, median(v)]));
  const load1 = Deno.loadavg();
  console.log(
    `\ntraining throughput, median of ${ROUNDS} rounds × ${STEPS} steps (batch ${B}); ` +
      `${navigator.hardwareConcurrency} cores, load average ${load0[0].toFixed(2)} before, ` +
      `${load1[0].toFixed(2)} after`,
  );
  console.log("   windows/s   targets/s  case");
  for (const [name, v] of m) {
    console.log(`${v.toFixed(0).padStart(12)}${(v * T).toFixed(0).padStart(12)}  ${name}`);
  }
  const one = m.get("tfjs-wasm, 1 Worker"), two = m.get("tfjs-wasm, 2 Workers");
  if (one && two) console.log(`2 Workers / 1 Worker: ${(two / one).toFixed(2)}×`);
  const t2 = m.get("PyTorch CPU, 2 threads");
  if (two && t2) console.log(`2 Workers / PyTorch 2 threads: ${(two / t2).toFixed(2)}×`);
  if (!torchOk) {
    console.log(
      `PyTorch: not measured (${PYTHON} cannot import torch; apt-get install python3-torch)`,
    );
  }
});
