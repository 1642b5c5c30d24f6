/**
 * The project's one seeded random generator: one interface ({@linkcode Rng}: uint32, uniform,
 * normal and Student-t draws), one factory ({@linkcode seededRng}) and {@linkcode mixSeed} to
 * derive independent streams from one seed. Nothing uses `Math.random`, so a seed fully
 * determines every draw: the synthetic market, the model's initial weights, the training
 * shuffle, the random gates of the ablation, every resample.
 *
 * Two bit streams are offered, because two artefacts are pinned to theirs:
 *
 * - `"sfc32"` (the default): Chris Doty-Humphrey's Small Fast Counting generator, 128-bit state,
 *   the seed expanded with splitmix32 and 15 warm-up draws; normals by Marsaglia's polar method.
 *   The synthetic market has always drawn from it, so seed 42 is still the same year.
 * - `"mulberry32"`: 32-bit state; normals by Box–Muller. The model's initial weights and the
 *   training shuffle draw from it, and the SIMD kernel's dropout masks
 *   (`lib/model/wasm_kernels.c`, `dropout_mask`) reproduce its `uint32` stream bit for bit.
 *
 * @module
 */

/** A seeded random source. */
export interface Rng {
  /** Next uniform integer in [0, 2³²). */
  uint32(): number;
  /** Uniform on [0, 1), 32-bit resolution. */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Student-t with `df` > 2 degrees of freedom, scaled to unit variance (Bailey's polar method). */
  studentT(df: number): number;
}

/** The bit streams of {@linkcode seededRng} (see the module doc). */
export type RngAlgorithm = "sfc32" | "mulberry32";

/** Options of {@linkcode seededRng}. */
export interface RngOptions {
  /** Bit stream. Default `"sfc32"`. */
  algorithm?: RngAlgorithm;
}

function sfc32(seed: number): () => number {
  let s = seed;
  const splitmix = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix(), b = splitmix(), c = splitmix(), d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Normals drawn in pairs: the first of each pair now, the second at the next call. */
function pairwise(fill: (pair: Float64Array) => void): () => number {
  const pair = new Float64Array(2);
  let spare = false;
  return () => {
    if (spare) {
      spare = false;
      return pair[1];
    }
    fill(pair);
    spare = true;
    return pair[0];
  };
}

/** A uniform point (u, v) in the unit disc without its centre, and w = u² + v², by rejection. */
function discPoint(uniform: () => number, out: Float64Array): void {
  let u: number, v: number, w: number;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    w = u * u + v * v;
  } while (w >= 1 || w === 0);
  (out[0] = u, out[1] = v, out[2] = w);
}

/** Marsaglia's polar method. */
function polarNormal(uniform: () => number): () => number {
  const p = new Float64Array(3);
  return pairwise((pair) => {
    discPoint(uniform, p);
    const f = Math.sqrt((-2 * Math.log(p[2])) / p[2]);
    (pair[0] = p[0] * f, pair[1] = p[1] * f);
  });
}

/** Box–Muller. */
function boxMullerNormal(uniform: () => number): () => number {
  return pairwise((pair) => {
    const u = 1 - uniform(); // (0, 1]
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    (pair[0] = r * Math.cos(2 * Math.PI * v), pair[1] = r * Math.sin(2 * Math.PI * v));
  });
}

/**
 * A seeded generator (see the module doc for the two streams). Streams for different purposes
 * come from different seeds; derive them with {@linkcode mixSeed}. The seed is truncated to a
 * uint32. Throws RangeError for a non-finite seed or an unknown algorithm.
 *
 * @example
 * ```ts
 * const rng = seededRng(42);
 * rng.uniform(); // the same value for seed 42 every time
 * rng.studentT(5); // fat-tailed, unit variance
 * seededRng(7, { algorithm: "mulberry32" }).uint32(); // the model's stream
 * ```
 */
export function seededRng(seed: number, options: RngOptions = {}): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`Seed must be a finite number, got ${seed}`);
  const algorithm = options.algorithm ?? "sfc32";
  const s = Math.trunc(seed) >>> 0;
  let uint32: () => number;
  if (algorithm === "sfc32") uint32 = sfc32(s);
  else if (algorithm === "mulberry32") uint32 = mulberry32(s);
  else throw new RangeError(`Unknown random algorithm ${algorithm}; expected sfc32 or mulberry32`);
  const uniform = () => uint32() / 4294967296;
  const normal = algorithm === "sfc32" ? polarNormal(uniform) : boxMullerNormal(uniform);
  const disc = new Float64Array(3);
  const studentT = (df: number) => {
    discPoint(uniform, disc);
    const u = disc[0], w = disc[2];
    const t = u * Math.sqrt((df * (Math.pow(w, -2 / df) - 1)) / w);
    return t * Math.sqrt((df - 2) / df);
  };
  return { uint32, uniform, normal, studentT };
}

/**
 * Mixes two integers into one well-spread uint32 seed (murmur3's finaliser), e.g. a model seed and
 * a parameter index.
 *
 * @example
 * ```ts
 * mixSeed(1, 0) !== mixSeed(1, 1); // true
 * ```
 */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
