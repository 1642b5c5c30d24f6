/**
 * A visible check of the causal mask: perturb one window's inputs after step k and measure, step
 * by step, how much each attention row and each per-step output moved (notebook 03).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Model } from "./create_model.ts";
import { forward } from "./forward.ts";
import { seededRng } from "../stats/random.ts";

/** How much one step moved when the inputs after step k were perturbed. */
export interface CausalCheckRow {
  /** Query step, 0 = the oldest minute of the window. */
  step: number;
  /** Whether this step's own inputs were perturbed (step > k). */
  perturbed: boolean;
  /** max |Δ| over layers, heads and keys of this step's attention row. */
  attentionDelta: number;
  /** |Δ| of the prediction read at this step (the model run with `allSteps`). */
  outputDelta: number;
}

/** Result of {@linkcode causalCheck}. */
export interface CausalCheck {
  /** Last unperturbed step. */
  k: number;
  /** One row per step 0…T−1. */
  rows: CausalCheckRow[];
  /** Largest |Δ| (attention or output) over steps ≤ k: exactly 0 for a causal model. */
  maxDeltaUpToK: number;
  /** Smallest |Δ| of the attention rows over steps > k: > 0 shows the perturbation reached them. */
  minAttentionDeltaAfterK: number;
  /** Smallest |Δ| of the outputs over steps > k. */
  minOutputDeltaAfterK: number;
}

/** Attention `[L][H·T·T]` and per-step outputs `[T]` of one window. */
async function run(model: Model, window: Float32Array) {
  const { seqLen: T, nFeatures: F } = model.config;
  const out = tf.tidy(() =>
    forward(model, tf.tensor3d(window, [1, T, F]), { returnAttention: true, allSteps: true })
  );
  const attention: Float32Array[] = [];
  for (const a of out.attention!) attention.push(await a.data() as Float32Array);
  const y = await out.y.data() as Float32Array;
  tf.dispose(out as unknown as tf.TensorContainer);
  return { attention, y };
}

/**
 * Runs one window `[T, F]` twice, the second time with noise (scale·N(0, 1)) added to every
 * feature of steps k+1…T−1, and reports per step the largest change of its attention row (any
 * layer, any head) and of its output. A causal model changes nothing at steps ≤ k.
 *
 * @example
 * ```ts
 * const check = await causalCheck(model, windows.subarray(0, 60 * 8), { k: 40 });
 * check.maxDeltaUpToK; // 0
 * check.minOutputDeltaAfterK > 0; // true
 * ```
 * @param model the model (dropout off: inference).
 * @param window row-major `[T, F]` inputs of one window.
 * @param options.k last unperturbed step; default ⌊2T/3⌋ − 1 (39 for T = 60).
 * @param options.scale standard deviation of the added noise; default 3.
 * @param options.seed seed of the noise; default 1.
 * @throws {RangeError} when the window is not T·F values or k is not in 0…T−2.
 */
export async function causalCheck(
  model: Model,
  window: Float32Array,
  options: { k?: number; scale?: number; seed?: number } = {},
): Promise<CausalCheck> {
  const { seqLen: T, nFeatures: F, nHeads: H } = model.config;
  const k = options.k ?? Math.floor((2 * T) / 3) - 1;
  const scale = options.scale ?? 3;
  if (window.length !== T * F) {
    throw new RangeError(
      `causalCheck needs one window of T·F = ${T * F} values, got ${window.length}`,
    );
  }
  if (!Number.isInteger(k) || k < 0 || k > T - 2) {
    throw new RangeError(`causalCheck k must be an integer in 0…${T - 2}, got ${k}`);
  }
  const perturbed = window.slice();
  const rng = seededRng(options.seed ?? 1, { algorithm: "mulberry32" });
  for (let i = (k + 1) * F; i < T * F; i++) perturbed[i] += scale * rng.normal();

  const a = await run(model, window);
  const b = await run(model, perturbed);
  const rows: CausalCheckRow[] = [];
  for (let step = 0; step < T; step++) {
    let attentionDelta = 0;
    for (let l = 0; l < a.attention.length; l++) {
      for (let h = 0; h < H; h++) {
        const row = (h * T + step) * T;
        for (let j = 0; j < T; j++) {
          const d = Math.abs(a.attention[l][row + j] - b.attention[l][row + j]);
          if (d > attentionDelta) attentionDelta = d;
        }
      }
    }
    const outputDelta = Math.abs(a.y[step] - b.y[step]);
    rows.push({ step, perturbed: step > k, attentionDelta, outputDelta });
  }
  const before = rows.filter((r) => !r.perturbed);
  const after = rows.filter((r) => r.perturbed);
  return {
    k,
    rows,
    maxDeltaUpToK: Math.max(...before.map((r) => Math.max(r.attentionDelta, r.outputDelta))),
    minAttentionDeltaAfterK: Math.min(...after.map((r) => r.attentionDelta)),
    minOutputDeltaAfterK: Math.min(...after.map((r) => r.outputDelta)),
  };
}
