/**
 * The forward pass of the causal Transformer encoder, written to read like nanoGPT's `model.py`:
 *
 * ```text
 * x [B, T, F] → Dense(F→d) + posEmb[T, d] → dropout
 *   → L × { x = x + dropout(attn(ln1(x)));  x = x + dropout(mlp(ln2(x))) }   (pre-LN blocks)
 *   → lnF → last step → Dense(d→1) → y [B]
 * ```
 *
 * The model is unit-agnostic: `y` is in whatever units its training targets were in. The trainer
 * is expected to standardise targets (5-minute returns are ~1e-3) and store the scale it used in
 * the checkpoint's meta; multiply predictions back by it.
 *
 * Graph shape follows shared/docs/tfjs-wasm-performance.md: every dense layer is a 2-D product on
 * `[B·T, ·]` ({@linkcode dense}) with a hand-written gradient; one `[d, 3d]` product gives q, k
 * and v. Attention itself (split into heads, q·kᵀ/√hd, causal mask, softmax, ·v, merge heads)
 * runs as one WebAssembly SIMD kernel on that `[B·T, 3d]` block ({@linkcode causalAttention});
 * the tfjs-ops version (column slices, 4-D transposes, 1/√hd folded into q, batched matMuls) is
 * kept as the reference and the fallback (`attentionKernel: false`). No gather, no strided slice.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import { ensembleMembers, type Model } from "./create_model.ts";
import {
  type AttentionDims,
  attentionKernelSupports,
  causalAttention,
} from "./causal_attention.ts";
import { dense } from "./dense.ts";
import { dropout } from "./dropout.ts";
import { layerNorm } from "./layer_norm.ts";
import { mixSeed } from "../stats/random.ts";
import "./register_gradients.ts";

/** Options of {@linkcode forward}. */
export interface ForwardOptions {
  /** Apply dropout (and advance the model's dropout stream). */
  training?: boolean;
  /** Return each layer's attention probabilities. */
  returnAttention?: boolean;
  /**
   * With `returnAttention`, only these layers' probabilities (0-based, in this order); default all.
   * Skipping the others saves copying `[B, H, T, T]` per layer.
   */
  attentionLayers?: number[];
  /** Return the prediction at every step, `y: [B, T]`, instead of the last step's `[B]`. */
  allSteps?: boolean;
  /**
   * Inference shortcut: run the last block for the last query step only (the only one the output
   * and the strategy's attention row depend on). Exact; about a fifth less work for 4 layers.
   * The last layer's attention then has shape `[B, H, 1, T]`. Not with `training` or `allSteps`.
   */
  lastRowOnly?: boolean;
  /**
   * Run attention with the WebAssembly SIMD kernel (`causal_attention.ts`) when it supports the
   * shape (head size a multiple of 4, T ≤ 512); `false` forces the tfjs-ops reference path.
   * Default `true`.
   */
  attentionKernel?: boolean;
  /**
   * With `training`: seed the dropout masks of this call from this uint32 (mask i of the call
   * from `mixSeed(dropoutSeed, i)`) instead of the model's own stream, which is left untouched.
   * Data-parallel training gives each shard of a step its own seed this way.
   */
  dropoutSeed?: number;
}

/** Output of {@linkcode forward}. */
export type ForwardResult = {
  /** Predictions: `[B]`, or `[B, T]` with `allSteps`. */
  y: tf.Tensor;
  /**
   * With `returnAttention`: one tensor `[B, H, T, T]` per layer (or per `attentionLayers` entry),
   * entry `[b, h, i, j]` the weight query step i
   * puts on key step j (rows sum to 1, zero for j > i).
   */
  attention?: tf.Tensor4D[];
};

const maskCache = new Map<number, Float32Array>();

/** Additive causal mask `[T, T]`: 0 on and below the diagonal, −1e9 above. */
function causalMask(T: number): tf.Tensor2D {
  let m = maskCache.get(T);
  if (m === undefined) {
    m = new Float32Array(T * T);
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) m[i * T + j] = -1e9;
    maskCache.set(T, m);
  }
  return tf.tensor2d(m, [T, T]);
}

/** Splits `[B·T, d]` into heads `[B·H, T, hd]`. */
function heads(x: tf.Tensor2D, B: number, T: number, H: number, hd: number): tf.Tensor3D {
  const x4 = tf.reshape(x, [B, T, H, hd]); // [B, T, H, hd]
  const xt = tf.transpose(x4, [0, 2, 1, 3]); // [B, H, T, hd]
  return tf.reshape(xt, [B * H, T, hd]); // [B·H, T, hd]
}

/** Splits `[B·T, d]` into transposed heads `[B·H, hd, T]` (keys, for an untransposed q·kᵀ). */
function headsT(x: tf.Tensor2D, B: number, T: number, H: number, hd: number): tf.Tensor3D {
  const x4 = tf.reshape(x, [B, T, H, hd]); // [B, T, H, hd]
  const xt = tf.transpose(x4, [0, 2, 3, 1]); // [B, H, hd, T]
  return tf.reshape(xt, [B * H, hd, T]); // [B·H, hd, T]
}

/**
 * Attention from tfjs ops (the reference path, and the fallback where the SIMD kernel cannot run):
 * `qkv [B·T, 3d]` → context `[B·R, d]` and probabilities `[B, H, R, T]`, R = 1 if `lastOnly`
 * else T.
 */
function attentionOps(
  qkv: tf.Tensor2D,
  dims: AttentionDims,
  mask: tf.Tensor2D,
  lastOnly: boolean,
): { ctx: tf.Tensor2D; probs: tf.Tensor4D } {
  const { B, T, H, hd } = dims;
  const d = H * hd;
  const scale = 1 / Math.sqrt(hd); // folded into q
  const kT = headsT(tf.slice(qkv, [0, d], [B * T, d]), B, T, H, hd); // [B·H, hd, T]
  const v = heads(tf.slice(qkv, [0, 2 * d], [B * T, d]), B, T, H, hd); // [B·H, T, hd]
  if (lastOnly) {
    // Only the last query step: q [B·H, 1, hd]; no mask needed (it may see every step).
    const qkv3 = tf.reshape(qkv, [B, T, 3 * d]); // [B, T, 3d]
    const qLast = tf.mul(tf.slice(qkv3, [0, T - 1, 0], [B, 1, d]), scale); // [B, 1, d]
    const q = tf.reshape(qLast, [B * H, 1, hd]); // [B·H, 1, hd]
    const probs = tf.softmax(tf.matMul(q, kT)); // [B·H, 1, T]
    const ctx = tf.reshape(tf.matMul(probs, v), [B, d]) as tf.Tensor2D; // [B·H, 1, hd] → [B, d]
    return { ctx, probs: tf.reshape(probs, [B, H, 1, T]) }; // [B, H, 1, T]
  }
  const q = heads(tf.mul(tf.slice(qkv, [0, 0], [B * T, d]), scale), B, T, H, hd); // [B·H, T, hd]
  const probs = tf.softmax(tf.add(tf.matMul(q, kT), mask)); // [B·H, T, T]
  const ctx4 = tf.reshape(tf.matMul(probs, v), [B, H, T, hd]); // [B, H, T, hd]
  const ctx = tf.reshape(tf.transpose(ctx4, [0, 2, 1, 3]), [B * T, d]) as tf.Tensor2D; // [B·T, d]
  return { ctx, probs: tf.reshape(probs, [B, H, T, T]) }; // [B, H, T, T]
}

/** The last step's rows of `[B·T, d]`: `[B, d]`. */
function lastStep(h: tf.Tensor2D, B: number, T: number, d: number): tf.Tensor2D {
  const h3 = tf.reshape(h, [B, T, d]); // [B, T, d]
  return tf.reshape(tf.slice(h3, [0, T - 1, 0], [B, 1, d]), [B, d]) as tf.Tensor2D; // [B, d]
}

/**
 * Runs the model on a batch of windows. Call inside `tf.tidy` or dispose the outputs.
 *
 * An ensemble (`config.members` > 1) runs every member and returns the mean of their predictions
 * and the mean of their attention probabilities; it cannot be trained (`training` throws).
 *
 * @example
 * ```ts
 * const x = tf.randomNormal([32, 60, 8]) as tf.Tensor3D;
 * const { y, attention } = forward(model, x, { returnAttention: true }); // y [32], 4 × [32,4,60,60]
 * ```
 * @param model from `createModel` or `loadCheckpoint`.
 * @param x windows `[B, T, F]`.
 * @param options see {@linkcode ForwardOptions}.
 */
export function forward(model: Model, x: tf.Tensor3D, options: ForwardOptions = {}): ForwardResult {
  const c = model.config;
  const training = options.training ?? false;
  const allSteps = options.allSteps ?? false;
  const lastRowOnly = options.lastRowOnly ?? false;
  const returnAttention = options.returnAttention ?? false;
  const wanted = options.attentionLayers ?? [...Array(model.config.nLayers).keys()];
  for (const l of wanted) {
    if (!Number.isInteger(l) || l < 0 || l >= model.config.nLayers) {
      throw new RangeError(
        `attentionLayers entry ${l} is not a layer of 0…${model.config.nLayers - 1}`,
      );
    }
  }
  if (x.rank !== 3 || x.shape[1] !== c.seqLen || x.shape[2] !== c.nFeatures) {
    throw new RangeError(
      `Model input must be [B, ${c.seqLen}, ${c.nFeatures}], got [${x.shape.join(", ")}]`,
    );
  }
  if (lastRowOnly && (training || allSteps)) {
    throw new RangeError("forward: lastRowOnly cannot be combined with training or allSteps");
  }
  const members = ensembleMembers(model);
  if (members.length === 1) return forwardOne(model, x, options);
  if (training) {
    throw new RangeError(
      `forward: an ensemble of ${members.length} members is for inference; train its members`,
    );
  }
  return tf.tidy(() => {
    const outs = members.map((m) => forwardOne(m, x, options));
    const mean = <T extends tf.Tensor>(ts: T[]) => tf.div(tf.addN(ts), ts.length) as T;
    const y = mean(outs.map((o) => o.y)); // [B] or [B, T]
    if (!returnAttention) return { y };
    return { y, attention: wanted.map((_, i) => mean(outs.map((o) => o.attention![i]))) };
  });
}

/** {@linkcode forward} of one network (options already checked). */
function forwardOne(model: Model, x: tf.Tensor3D, options: ForwardOptions): ForwardResult {
  const { config: c, params: p } = model;
  const training = options.training ?? false;
  const allSteps = options.allSteps ?? false;
  const lastRowOnly = options.lastRowOnly ?? false;
  const returnAttention = options.returnAttention ?? false;
  const wanted = options.attentionLayers ?? [...Array(model.config.nLayers).keys()];
  const [B, T, F] = x.shape;
  const { dModel: d, nHeads: H, nLayers: L } = c;
  const hd = d / H;
  const rate = training ? c.dropout : 0;
  let calls = 0;
  const maskSeed = () =>
    options.dropoutSeed === undefined
      ? mixSeed(c.seed ^ 0x5eed, model.dropoutCalls++)
      : mixSeed(options.dropoutSeed, calls++);
  const drop = (t: tf.Tensor2D) => rate === 0 ? t : dropout(t, rate, { seed: maskSeed() });
  const w2 = (name: string) => p[name] as tf.Tensor2D;
  const w1 = (name: string) => p[name] as tf.Tensor1D;
  const lin = (t: tf.Tensor2D, name: string, act: "linear" | "relu" = "linear") =>
    dense(t, [w2(name + "/kernel"), w1(name + "/bias")], { activation: act });
  const ln = (t: tf.Tensor2D, name: string) =>
    layerNorm(t, w1(name + "/gamma"), w1(name + "/beta"));

  return tf.tidy(() => {
    const byLayer: tf.Tensor4D[] = [];
    const x2 = tf.reshape(x, [B * T, F]) as tf.Tensor2D; // [B·T, F]
    const emb = tf.reshape(lin(x2, "inProj"), [B, T, d]); // [B, T, d]
    let h = drop(tf.reshape(tf.add(emb, p["posEmb"]), [B * T, d]) as tf.Tensor2D); // [B·T, d]
    const mask = causalMask(T); // [T, T]

    const dims = { B, T, H, hd };
    const useKernel = (options.attentionKernel ?? true) && attentionKernelSupports(dims);

    for (let l = 0; l < L; l++) {
      const b = `block${l}/`;
      const lastOnly = lastRowOnly && l === L - 1; // then only the last query row: R = 1
      const keep = returnAttention && wanted.includes(l);
      const qkv = lin(ln(h, b + "ln1"), b + "attn/qkv"); // [B·T, 3d]
      let ctx: tf.Tensor2D; // [B·R, d], heads concatenated
      if (useKernel) {
        const out = causalAttention(qkv, dims, {
          q0: lastOnly ? T - 1 : 0,
          returnProbs: keep,
        });
        ctx = out.ctx;
        if (out.probs) byLayer[l] = out.probs; // [B, H, R, T]
      } else {
        const out = attentionOps(qkv, dims, mask, lastOnly);
        ctx = out.ctx;
        if (keep) byLayer[l] = out.probs; // [B, H, R, T]
      }
      if (lastOnly) h = lastStep(h, B, T, d); // [B, d]
      h = tf.add(h, drop(lin(ctx, b + "attn/proj"))); // [B·R, d]
      const m = lin(lin(ln(h, b + "ln2"), b + "mlp/fc", "relu"), b + "mlp/proj"); // [B·R, d]
      h = tf.add(h, drop(m)); // [B·R, d]
    }

    let y: tf.Tensor;
    if (allSteps) {
      y = tf.reshape(lin(ln(h, "lnF"), "head"), [B, T]); // [B·T, 1] → [B, T]
    } else {
      const last = lastRowOnly ? h : lastStep(h, B, T, d); // [B, d]
      y = tf.reshape(lin(ln(last, "lnF"), "head"), [B]); // [B, 1] → [B]
    }
    return returnAttention ? { y, attention: wanted.map((l) => byLayer[l]) } : { y };
  });
}
