/**
 * Loader of the model's WebAssembly SIMD kernels (`wasm_kernels.wasm`, built from
 * `wasm_kernels.c` by `deno task build-wasm`; see the C file for the layouts): fused causal
 * attention, an inference LayerNorm and dropout masks. The kernels run in their own linear
 * memory: inputs are copied in, outputs read from views of it (valid until the next kernel call).
 * A binary that fails to load is an error with its cause, never a silent fallback.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/** Shape of one attention call. */
export interface AttentionDims {
  /** Batch size B. */
  B: number;
  /** Steps T. */
  T: number;
  /** Heads H. */
  H: number;
  /** Head size hd (d = H·hd). */
  hd: number;
}

interface Exports {
  memory: WebAssembly.Memory;
  __heap_base: WebAssembly.Global;
  attn_forward(...args: number[]): void;
  attn_backward(...args: number[]): void;
  layer_norm(...args: number[]): void;
  dropout_mask(...args: number[]): void;
}

let exportsCache: Exports | undefined;
let loadError: Error | undefined;

/**
 * The kernels' exports. A binary that cannot be read or compiled (missing file, no read
 * permission, no WebAssembly SIMD) throws an Error saying so and how to rebuild it, every time it
 * is needed: there is no silent fallback to a slower path.
 */
function kernel(): Exports {
  if (exportsCache !== undefined) return exportsCache;
  if (loadError !== undefined) throw loadError;
  const url = new URL("./wasm_kernels.wasm", import.meta.url);
  try {
    const bytes = Deno.readFileSync(url);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    exportsCache = instance.exports as unknown as Exports;
    return exportsCache;
  } catch (e) {
    loadError = new Error(
      `Cannot load the model's SIMD kernels ${url.pathname}: ${(e as Error).message}. ` +
        "Rebuild them with `deno task build-wasm` and make sure Deno may read that file " +
        "(--allow-read); the model does not run without them.",
      { cause: e },
    );
    throw loadError;
  }
}

/**
 * Whether the attention kernel can run a configuration: hd is a multiple of 4, T ≤ 512 and
 * hd ≤ 128. Throws Error when the binary cannot be loaded (see the module doc): a broken build is
 * reported, never replaced silently by the tfjs path.
 *
 * @example
 * ```ts
 * attentionKernelSupports({ B: 64, T: 60, H: 4, hd: 16 }); // true
 * ```
 */
export function attentionKernelSupports(dims: AttentionDims): boolean {
  const fits = dims.hd % 4 === 0 && dims.hd <= 128 && dims.T <= 512;
  return fits && kernel() !== undefined;
}

/** Reserves `floats` float32 slots after the kernel's static data; returns their byte offset. */
function reserve(k: Exports, floats: number): number {
  const base = ((k.__heap_base.value as number) + 15) & ~15;
  const need = base + floats * 4;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  return base;
}

/**
 * Runs the forward kernel on `qkv` `[B, T, 3d]` and returns views of its memory (valid until the
 * next kernel call): `ctx` `[B, R, d]` and, unless `withProbs` is false, `probs` `[B, H, R, T]`,
 * R = T − q0.
 *
 * @example
 * ```ts
 * const { ctx, probs } = attentionForward(qkv, { B: 2, T: 60, H: 4, hd: 16 }, { q0: 0 });
 * ```
 * @param qkv fused q, k, v activations.
 * @param dims the shape.
 * @param options.q0 first query row computed; default 0 (all rows).
 * @param options.withProbs write the probabilities; default true. Without them the call is faster
 *   and `probs` is an empty array.
 */
export function attentionForward(
  qkv: Float32Array,
  dims: AttentionDims,
  options: { q0?: number; withProbs?: boolean } = {},
): { ctx: Float32Array; probs: Float32Array } {
  const { B, T, H, hd } = dims;
  const q0 = options.q0 ?? 0;
  const withProbs = options.withProbs ?? true;
  const k = kernel();
  if (!attentionKernelSupports(dims)) {
    throw new RangeError(`The attention kernel cannot run B ${B}, T ${T}, H ${H}, hd ${hd}`);
  }
  const d = H * hd, R = T - q0;
  const nQkv = B * T * 3 * d, nCtx = B * R * d, nProbs = withProbs ? B * H * R * T : 0;
  if (qkv.length !== nQkv) throw new RangeError(`qkv has ${qkv.length} values, expected ${nQkv}`);
  const base = reserve(k, nQkv + nCtx + nProbs);
  const buf = k.memory.buffer;
  new Float32Array(buf, base, nQkv).set(qkv);
  const ctxOff = base + nQkv * 4, probsOff = ctxOff + nCtx * 4;
  k.attn_forward(base, ctxOff, withProbs ? probsOff : 0, B, T, H, hd, q0, 1 / Math.sqrt(hd));
  return {
    ctx: new Float32Array(buf, ctxOff, nCtx),
    probs: new Float32Array(buf, probsOff, nProbs),
  };
}

/**
 * Runs the backward kernel: `dqkv` `[B, T, 3d]` (a view of kernel memory, valid until the next
 * call) from `qkv`, the forward's `probs` `[B, H, T, T]` and `dctx` `[B, T, d]`.
 *
 * @example
 * ```ts
 * const dqkv = attentionBackward(qkv, probs, dctx, { B: 2, T: 60, H: 4, hd: 16 });
 * ```
 */
export function attentionBackward(
  qkv: Float32Array,
  probs: Float32Array,
  dctx: Float32Array,
  dims: AttentionDims,
): Float32Array {
  const { B, T, H, hd } = dims;
  const k = kernel();
  if (!attentionKernelSupports(dims)) {
    throw new RangeError(`The attention kernel cannot run B ${B}, T ${T}, H ${H}, hd ${hd}`);
  }
  const d = H * hd, nQkv = B * T * 3 * d, nProbs = B * H * T * T, nCtx = B * T * d;
  const base = reserve(k, 2 * nQkv + nProbs + nCtx);
  const buf = k.memory.buffer;
  const probsOff = base + nQkv * 4, dctxOff = probsOff + nProbs * 4, outOff = dctxOff + nCtx * 4;
  new Float32Array(buf, base, nQkv).set(qkv);
  new Float32Array(buf, probsOff, nProbs).set(probs);
  new Float32Array(buf, dctxOff, nCtx).set(dctx);
  k.attn_backward(base, probsOff, dctxOff, outOff, B, T, H, hd, 1 / Math.sqrt(hd));
  return new Float32Array(buf, outOff, nQkv);
}

/**
 * Whether {@linkcode layerNormForward} can run width `d` (a multiple of 4). Throws Error when the
 * binary cannot be loaded.
 *
 * @example
 * ```ts
 * layerNormKernelSupports(64); // true
 * ```
 */
export function layerNormKernelSupports(d: number): boolean {
  return d % 4 === 0 && kernel() !== undefined;
}

/**
 * LayerNorm of the rows of `x` `[N, d]` (biased variance, eps 1e-5), as a view of kernel memory.
 *
 * @example
 * ```ts
 * const y = layerNormForward(x, gamma, beta, 64); // Float32Array [N·64]
 * ```
 */
export function layerNormForward(
  x: Float32Array,
  gamma: Float32Array,
  beta: Float32Array,
  d: number,
): Float32Array {
  const k = kernel();
  if (!layerNormKernelSupports(d)) {
    throw new RangeError(`The LayerNorm kernel cannot run width ${d}`);
  }
  const N = x.length / d;
  if (!Number.isInteger(N) || gamma.length !== d || beta.length !== d) {
    throw new RangeError(
      `layerNormForward: x ${x.length}, gamma ${gamma.length}, beta ${beta.length}, d ${d}`,
    );
  }
  const base = reserve(k, 2 * x.length + 2 * d);
  const buf = k.memory.buffer;
  const gOff = base + x.length * 4, bOff = gOff + d * 4, yOff = bOff + d * 4;
  new Float32Array(buf, base, x.length).set(x);
  new Float32Array(buf, gOff, d).set(gamma);
  new Float32Array(buf, bOff, d).set(beta);
  k.layer_norm(base, gOff, bOff, yOff, N, d, 1e-5);
  return new Float32Array(buf, yOff, x.length);
}

/**
 * An inverted-dropout mask of `n` values (`scale` or 0) from the mulberry32 stream of `seed`
 * (the stream of `seededRng(seed).uint32()`, lib/stats/random.ts): a value is kept when its draw is ≥ `threshold`.
 * A view of kernel memory. Throws Error when the binary cannot be loaded.
 *
 * @example
 * ```ts
 * const mask = dropoutMaskKernel(1000, 7, Math.floor(0.1 * 2 ** 32), 1 / 0.9);
 * ```
 */
export function dropoutMaskKernel(
  n: number,
  seed: number,
  threshold: number,
  scale: number,
): Float32Array {
  const k = kernel();
  const base = reserve(k, n);
  k.dropout_mask(base, n, seed >>> 0, threshold >>> 0, scale);
  return new Float32Array(k.memory.buffer, base, n);
}

/**
 * A tensor's float32 values: a view of the wasm heap on the wasm backend (no copy; use it before
 * the next tfjs op), else a copy.
 *
 * @example
 * ```ts
 * const values = tensorValues(qkv);
 * ```
 */
export function tensorValues(t: tf.Tensor): Float32Array {
  const be = tf.backend() as unknown as { typedArrayFromHeap?: (t: tf.Tensor) => Float32Array };
  if (tf.getBackend() === "wasm" && typeof be.typedArrayFromHeap === "function") {
    return be.typedArrayFromHeap(t);
  }
  return t.dataSync() as Float32Array;
}

/**
 * A tensor from a view of kernel memory: the wasm backend copies on creation; other backends keep
 * the array, so they get a copy.
 *
 * @example
 * ```ts
 * const y = tensorFromView(layerNormForward(x, g, b, 64), [N, 64]);
 * ```
 */
export function tensorFromView(view: Float32Array, shape: number[]): tf.Tensor {
  return tf.tensor(tf.getBackend() === "wasm" ? view : view.slice(), shape);
}
