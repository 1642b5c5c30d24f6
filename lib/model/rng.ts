/**
 * A small, fast, seedable random-number generator (mulberry32) for weight initialisation and
 * dropout masks, so that the same seed gives the same numbers on every backend.
 *
 * @module
 */

/** A stream of uniform uint32 values. */
export interface Rng {
  /** Next uniform integer in [0, 2³²). */
  nextUint32(): number;
  /** Next uniform float in [0, 1). */
  next(): number;
  /** Next standard normal draw (Box–Muller). */
  normal(): number;
}

/**
 * A mulberry32 generator. Streams for different purposes come from different seeds; use
 * {@linkcode mixSeed} to derive them.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.next(); // 0.6011…, the same on every run
 * ```
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  let spare = NaN;
  const nextUint32 = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const next = () => nextUint32() / 4294967296;
  const normal = () => {
    if (!Number.isNaN(spare)) {
      const s = spare;
      spare = NaN;
      return s;
    }
    const u = 1 - next(); // (0, 1]
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { nextUint32, next, normal };
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
