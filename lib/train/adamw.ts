/**
 * The optimizer of data-parallel training: AdamW (Adam with decoupled weight decay, Loshchilov &
 * Hutter) on the model's flat parameter vector, in plain JavaScript, plus global-norm gradient
 * clipping and the learning-rate schedule (linear warm-up, cosine decay).
 *
 * One optimizer in the main thread updates one flat weight vector, which every Worker replica
 * then receives: the replicas are identical after every step by construction. The update is
 * float64 arithmetic over float32 storage and does not depend on the tfjs backend, so the same
 * gradients give the same weights everywhere.
 *
 * @module
 */
import { type ModelConfig, paramSpecs } from "../model/mod.ts";

/** AdamW's hyper-parameters. */
export interface AdamWOptions {
  /** First-moment decay. Default 0.9. */
  beta1?: number;
  /** Second-moment decay. Default 0.999. */
  beta2?: number;
  /** Denominator guard. Default 1e-8. */
  eps?: number;
  /** Decoupled weight decay per unit learning rate (w ← w·(1 − lr·wd)). Default 0. */
  weightDecay?: number;
  /** 1 where a scalar is decayed, 0 where not; default every scalar. See {@linkcode decayMask}. */
  mask?: Uint8Array;
  /**
   * Decay per step of an exponential moving average of the weights (Polyak averaging), kept
   * beside the optimizer; 0 (default) keeps none. See {@linkcode averagedWeights}.
   */
  emaDecay?: number;
}

/** AdamW's state: the step count and both moment vectors. */
export interface AdamW {
  /** Updates applied so far. */
  step: number;
  /** First moments, one per scalar. */
  m: Float32Array;
  /** Second moments, one per scalar. */
  v: Float32Array;
  /** Moving average of the weights after each step, not yet bias-corrected (null: none kept). */
  ema: Float32Array | null;
  /** The hyper-parameters, defaults filled in. */
  readonly options: Readonly<Required<Omit<AdamWOptions, "mask">>> & { mask?: Uint8Array };
}

/**
 * A fresh AdamW state for `size` scalars.
 *
 * @example
 * ```ts
 * const opt = createAdamW(weights.length, { weightDecay: 0.1, mask: decayMask(config) });
 * adamwStep(opt, weights, grads, 5e-4);
 * ```
 */
export function createAdamW(size: number, options: AdamWOptions = {}): AdamW {
  const o = {
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    eps: options.eps ?? 1e-8,
    weightDecay: options.weightDecay ?? 0,
    emaDecay: options.emaDecay ?? 0,
    mask: options.mask,
  };
  if (o.mask !== undefined && o.mask.length !== size) {
    throw new RangeError(`mask has ${o.mask.length} entries for ${size} parameters`);
  }
  if (!(o.weightDecay >= 0)) {
    throw new RangeError(`weightDecay must be ≥ 0, got ${o.weightDecay}`);
  }
  if (!(o.emaDecay >= 0 && o.emaDecay < 1)) {
    throw new RangeError(`emaDecay must be in [0, 1), got ${o.emaDecay}`);
  }
  const ema = o.emaDecay > 0 ? new Float32Array(size) : null;
  return { step: 0, m: new Float32Array(size), v: new Float32Array(size), ema, options: o };
}

/**
 * Which scalars weight decay acts on, as nanoGPT decides: every matrix (the dense kernels and the
 * positional embedding), no vector (biases, LayerNorm gains and shifts).
 *
 * @example
 * ```ts
 * decayMask(modelConfig("tiny"))[0]; // 1: inProj/kernel
 * ```
 */
export function decayMask(config: ModelConfig): Uint8Array {
  const parts: number[] = [];
  for (const s of paramSpecs(config)) {
    const n = s.shape.reduce((a, b) => a * b, 1);
    for (let i = 0; i < n; i++) parts.push(s.shape.length >= 2 ? 1 : 0);
  }
  return Uint8Array.from(parts);
}

/**
 * One AdamW update of `weights` in place with learning rate `lr` (PyTorch's order: decay, then
 * the bias-corrected Adam step).
 *
 * @example
 * ```ts
 * adamwStep(opt, weights, grads, learningRate(step, schedule));
 * ```
 */
export function adamwStep(
  opt: AdamW,
  weights: Float32Array,
  grads: Float32Array,
  lr: number,
): void {
  const { m, v } = opt;
  if (weights.length !== m.length || grads.length !== m.length) {
    throw new RangeError(
      `AdamW holds ${m.length} scalars; got ${weights.length} weights, ${grads.length} gradients`,
    );
  }
  const { beta1, beta2, eps, weightDecay, mask } = opt.options;
  opt.step++;
  const c1 = 1 - beta1 ** opt.step, c2 = 1 - beta2 ** opt.step;
  const shrink = 1 - lr * weightDecay;
  for (let i = 0; i < weights.length; i++) {
    const g = grads[i];
    const mi = m[i] = beta1 * m[i] + (1 - beta1) * g;
    const vi = v[i] = beta2 * v[i] + (1 - beta2) * g * g;
    let w = weights[i];
    if (weightDecay > 0 && (mask === undefined || mask[i] === 1)) w *= shrink;
    weights[i] = w - lr * (mi / c1) / (Math.sqrt(vi / c2) + eps);
  }
  const ema = opt.ema;
  if (ema !== null) {
    const d = opt.options.emaDecay;
    for (let i = 0; i < ema.length; i++) ema[i] = d * ema[i] + (1 - d) * weights[i];
  }
}

/**
 * The weights to evaluate: the bias-corrected moving average ema / (1 − decay^step) when the
 * optimizer keeps one and has stepped, else a copy of `weights`.
 *
 * @example
 * ```ts
 * const evalWeights = averagedWeights(opt, weights);
 * ```
 */
export function averagedWeights(opt: AdamW, weights: Float32Array): Float32Array {
  if (opt.ema === null || opt.step === 0) return weights.slice();
  const c = 1 / (1 - opt.options.emaDecay ** opt.step);
  return Float32Array.from(opt.ema, (v) => v * c);
}

/**
 * Scales `grads` in place so their global L2 norm is at most `maxNorm`; returns the norm before
 * scaling. `Infinity` only measures.
 *
 * @example
 * ```ts
 * const norm = clipGlobalNorm(grads, 1);
 * ```
 */
export function clipGlobalNorm(grads: Float32Array, maxNorm: number): number {
  let s = 0;
  for (let i = 0; i < grads.length; i++) s += grads[i] * grads[i];
  const norm = Math.sqrt(s);
  if (norm > maxNorm) {
    const f = maxNorm / (norm + 1e-12);
    for (let i = 0; i < grads.length; i++) grads[i] *= f;
  }
  return norm;
}

/** The learning-rate schedule of {@linkcode learningRate}. */
export interface LrSchedule {
  /** Peak learning rate. */
  lr: number;
  /** Steps of linear warm-up from lr/warmupSteps to lr. 0: none. */
  warmupSteps: number;
  /** Step at which the cosine decay reaches `minLr` (it stays there afterwards). */
  totalSteps: number;
  /** Floor of the decay. */
  minLr: number;
}

/**
 * The learning rate of 1-based step `step`: linear warm-up over `warmupSteps`, then a half cosine
 * from `lr` down to `minLr` at `totalSteps` (nanoGPT's schedule).
 *
 * @example
 * ```ts
 * const s = { lr: 1e-3, warmupSteps: 100, totalSteps: 1000, minLr: 1e-4 };
 * learningRate(50, s); // 5e-4 (warm-up)
 * learningRate(550, s); // 5.5e-4 (half-way down the cosine)
 * ```
 */
export function learningRate(step: number, s: LrSchedule): number {
  if (step <= s.warmupSteps) return s.lr * step / s.warmupSteps;
  if (step >= s.totalSteps) return s.minLr;
  const progress = (step - s.warmupSteps) / Math.max(1, s.totalSteps - s.warmupSteps);
  return s.minLr + 0.5 * (1 + Math.cos(Math.PI * progress)) * (s.lr - s.minLr);
}

/** AdamW's state as JSON (moments as base64 float32), for a checkpoint's meta. */
export interface SavedAdamW {
  step: number;
  m: string;
  v: string;
  /** The weights' moving average, when kept. */
  ema?: string;
}

/**
 * The optimizer state as JSON, for `resume`.
 *
 * @example
 * ```ts
 * await saveCheckpoint(dir, model, { optimizer: saveAdamW(opt) });
 * ```
 */
export function saveAdamW(opt: AdamW): SavedAdamW {
  const saved: SavedAdamW = { step: opt.step, m: toBase64(opt.m), v: toBase64(opt.v) };
  if (opt.ema !== null) saved.ema = toBase64(opt.ema);
  return saved;
}

/**
 * An optimizer continuing from a saved state, with the given hyper-parameters. Throws TypeError
 * when the state is not a {@linkcode SavedAdamW}.
 *
 * @example
 * ```ts
 * const opt = restoreAdamW(meta.optimizer, { weightDecay: 0.1, mask: decayMask(config) });
 * ```
 */
export function restoreAdamW(saved: SavedAdamW, options: AdamWOptions = {}): AdamW {
  if (
    !(Number.isInteger(saved?.step) && typeof saved.m === "string" && typeof saved.v === "string")
  ) {
    throw new TypeError("The saved optimizer state is not an AdamW state (step, m, v)");
  }
  const m = fromBase64(saved.m), v = fromBase64(saved.v);
  const opt = createAdamW(m.length, options);
  opt.m.set(m);
  opt.v.set(v);
  opt.step = saved.step;
  if (opt.ema !== null && saved.ema !== undefined) opt.ema.set(fromBase64(saved.ema));
  return opt;
}

function toBase64(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(s);
}

function fromBase64(text: string): Float32Array {
  const s = atob(text);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
