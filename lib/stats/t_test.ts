/**
 * Student's t distribution (CDF and quantile, through the regularized incomplete beta function)
 * and the one-sample t test of a mean, for judging a mean daily return with the number of days
 * actually observed rather than a fixed |t| ≥ 2.
 *
 * @module
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; ~15 significant digits). */
function lnGamma(x: number): number {
  const c = [
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1, d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), x in [0, 1]. */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/**
 * P(T ≤ t) for Student's t with `df` > 0 degrees of freedom. NaN for a NaN input or df ≤ 0.
 *
 * @example
 * ```ts
 * studentTCdf(2, 5); // 0.94903
 * ```
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (bisection on the CDF, to 1e-12).
 *
 * @example
 * ```ts
 * studentTQuantile(0.975, 35); // 2.0301: |t| needed for 5 % two-sided with 36 days
 * ```
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  let lo = -1, hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The one-sample t test of a mean against 0. */
export interface MeanTTest {
  /** Finite values used (non-finite ones are skipped, and not counted). */
  n: number;
  /** Their mean. */
  mean: number;
  /** Their standard deviation (ddof 1). */
  sd: number;
  /** mean / sd × √n; NaN with fewer than 2 values or zero sd. */
  t: number;
  /** Degrees of freedom, n − 1. */
  df: number;
  /** Two-sided p-value under Student's t with df degrees of freedom. */
  pValue: number;
}

/**
 * The t test of "the mean of `values` is 0", on the finite values only (n counts those).
 *
 * @example
 * ```ts
 * meanTTest([0.01, -0.002, 0.004, NaN]); // { n: 3, t: 1.06…, df: 2, pValue: 0.40… }
 * ```
 */
export function meanTTest(values: ArrayLike<number>): MeanTTest {
  let n = 0, s = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) (n++, s += values[i]);
  const mean = n > 0 ? s / n : NaN;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) ss += (values[i] - mean) ** 2;
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const t = sd > 0 ? (mean / sd) * Math.sqrt(n) : NaN;
  const df = n - 1;
  const pValue = Number.isFinite(t) ? 2 * studentTCdf(-Math.abs(t), df) : NaN;
  return { n, mean, sd, t, df, pValue };
}
