/**
 * Sample moments over the finite values of an array. NaN and ±Infinity are skipped, so a column
 * with undefined entries (a target near the end of a day, say) can be passed as it is.
 *
 * @module
 */

/** An array of numbers: a plain array or any typed array. */
export type Numbers = ArrayLike<number>;

/**
 * Mean of the finite values; NaN when there are none.
 *
 * @example
 * ```ts
 * mean([1, 2, NaN, 3]); // 2
 * ```
 */
export function mean(xs: Numbers): number {
  let s = 0, n = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (Number.isFinite(x)) (s += x, n++);
  }
  return n === 0 ? NaN : s / n;
}

/**
 * Standard deviation of the finite values.
 *
 * @example
 * ```ts
 * std([0.01, -0.02, 0.015, -0.005, 0.025]); // 0.0176776…, ddof 1
 * std([1, 3], { ddof: 0 }); // 1
 * ```
 * @param options.ddof delta degrees of freedom; default 1 (the sample standard deviation).
 */
export function std(xs: Numbers, options: { ddof?: number } = {}): number {
  const ddof = options.ddof ?? 1;
  const m = mean(xs);
  let s = 0, n = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (Number.isFinite(x)) (s += (x - m) ** 2, n++);
  }
  return n - ddof <= 0 ? NaN : Math.sqrt(s / (n - ddof));
}

/**
 * Pearson kurtosis (fourth standardised moment, population form) of the finite values. A normal
 * distribution gives 3; fat tails give more.
 *
 * @example
 * ```ts
 * kurtosis([1, -1, 1, -1]); // 1
 * ```
 */
export function kurtosis(xs: Numbers): number {
  const m = mean(xs);
  let s2 = 0, s4 = 0, n = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (!Number.isFinite(x)) continue;
    const d2 = (x - m) ** 2;
    s2 += d2;
    s4 += d2 * d2;
    n++;
  }
  return n === 0 || s2 === 0 ? NaN : (s4 / n) / (s2 / n) ** 2;
}

/**
 * Lag-k autocorrelation: the Pearson correlation of (x[t], x[t+k]) over pairs where both are
 * finite.
 *
 * @example
 * ```ts
 * autocorrelation([1, 2, 3, 4, 5], 1); // 1
 * ```
 */
export function autocorrelation(xs: Numbers, lag: number): number {
  if (!Number.isInteger(lag) || lag < 1) {
    throw new RangeError(`lag must be a positive integer, got ${lag}`);
  }
  const n = Math.max(0, xs.length - lag);
  const a = new Float64Array(n), b = new Float64Array(n);
  for (let i = 0; i < n; i++) (a[i] = xs[i], b[i] = xs[i + lag]);
  return pearson(a, b);
}

/**
 * Pearson correlation over the pairs where both values are finite; NaN with fewer than 2 pairs or
 * a constant side.
 *
 * @example
 * ```ts
 * pearson([1, 2, 3], [2, 4, 7]); // 0.9933…
 * ```
 */
export function pearson(xs: Numbers, ys: Numbers): number {
  if (xs.length !== ys.length) {
    throw new RangeError(`pearson needs equal lengths, got ${xs.length} and ${ys.length}`);
  }
  let sx = 0, sy = 0, n = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) (sx += xs[i], sy += ys[i], n++);
  }
  if (n < 2) return NaN;
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!(Number.isFinite(xs[i]) && Number.isFinite(ys[i]))) continue;
    const dx = xs[i] - mx, dy = ys[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/**
 * Ranks of the values (1-based, ties get their average rank). Non-finite values get NaN.
 *
 * @example
 * ```ts
 * ranks([10, 30, 20, 20]); // Float64Array [1, 4, 2.5, 2.5]
 * ```
 */
export function ranks(xs: Numbers): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) idx.push(i);
  idx.sort((a, b) => xs[a] - xs[b]);
  const out = new Float64Array(xs.length).fill(NaN);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && xs[idx[j + 1]] === xs[idx[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[idx[k]] = r;
    i = j + 1;
  }
  return out;
}

/**
 * Spearman rank correlation over the pairs where both values are finite.
 *
 * @example
 * ```ts
 * spearman([1, 2, 3], [2, 4, 70]); // 1
 * ```
 */
export function spearman(xs: Numbers, ys: Numbers): number {
  if (xs.length !== ys.length) {
    throw new RangeError(`spearman needs equal lengths, got ${xs.length} and ${ys.length}`);
  }
  const keepX: number[] = [], keepY: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) (keepX.push(xs[i]), keepY.push(ys[i]));
  }
  return pearson(ranks(keepX), ranks(keepY));
}
