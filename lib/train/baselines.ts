/**
 * Simple forecasts the model must beat: predict zero, last-5-minute momentum, and ridge regression on
 * the same flattened windows the model sees.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

/**
 * Last-`lookback`-minute momentum close[t]/close[t−lookback] − 1 at each window end, scaled by the
 * slope `beta` (fit it on train with {@linkcode fitSlope}). The sign of `beta` says whether the market
 * trends (+) or reverts (−) at this horizon.
 *
 * @example
 * ```ts
 * const mom = momentum(close, ends); // raw momentum
 * const pred = mom.map((m) => m * fitSlope(trainMom, trainTarget));
 * ```
 * @param options.lookback minutes of momentum; default 5.
 */
export function momentum(
  close: ArrayLike<number>,
  ends: ArrayLike<number>,
  options: { lookback?: number } = {},
): Float64Array {
  const k = options.lookback ?? 5;
  const out = new Float64Array(ends.length);
  for (let i = 0; i < ends.length; i++) {
    const t = ends[i];
    out[i] = t >= k ? close[t] / close[t - k] - 1 : NaN;
  }
  return out;
}

/**
 * Least-squares slope of y on x through the origin, over finite pairs: Σxy / Σx².
 *
 * @example
 * ```ts
 * fitSlope([1, 2], [2, 4]); // 2
 * ```
 */
export function fitSlope(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let sxy = 0, sxx = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) (sxy += x[i] * y[i], sxx += x[i] * x[i]);
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

/** A fitted ridge regression: y ≈ x·weights + bias. */
export interface RidgeModel {
  /** One weight per input column. */
  weights: Float64Array;
  /** Intercept. */
  bias: number;
  /** The L2 penalty used. */
  lambda: number;
}

/**
 * Ridge regression on row-major features `x` [n, d]: minimises Σ(y − xw − b)² + λ·n·|w|² on
 * centred data (so λ is per sample and comparable across n). The Gram matrix is one plain 2-D
 * matMul on the active tfjs backend; the d×d system is solved by Cholesky in float64.
 *
 * @example
 * ```ts
 * const m = fitRidge(xTrain, yTrain, { lambda: 1 });
 * const pred = predictRidge(m, xTest);
 * ```
 * @param options.lambda penalty per sample; default 1 (inputs are standardised features).
 */
export function fitRidge(
  x: Float32Array,
  y: ArrayLike<number>,
  options: { lambda?: number } = {},
): RidgeModel {
  const lambda = options.lambda ?? 1;
  const n = y.length, d = x.length / n;
  if (!Number.isInteger(d) || n === 0) {
    throw new RangeError(`x has ${x.length} values, not a multiple of ${n} rows`);
  }
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i] / n;
  const [gram, xty, colMean] = tf.tidy(() => {
    const X = tf.tensor2d(x, [n, d]); // [n, d]
    const mu = tf.mean(X, 0); // [d]
    const Xc = tf.sub(X, mu); // [n, d]
    const yc = tf.tensor2d(Float32Array.from(y, (v) => v - yMean), [n, 1]); // [n, 1]
    const XcT = tf.transpose(Xc); // [d, n], explicit so the product is a plain 2-D matMul
    return [tf.matMul(XcT, Xc), tf.matMul(XcT, yc), mu]; // [d, d], [d, 1], [d]
  });
  const A = Float64Array.from(gram.dataSync());
  const b = Float64Array.from(xty.dataSync());
  const mu = Float64Array.from(colMean.dataSync());
  tf.dispose([gram, xty, colMean]);
  for (let i = 0; i < d; i++) A[i * d + i] += lambda * n;
  const w = solveSpd(A, b, d);
  let bias = yMean;
  for (let j = 0; j < d; j++) bias -= w[j] * mu[j];
  return { weights: w, bias, lambda };
}

/**
 * Apply a ridge model to row-major features [n, d].
 *
 * @example
 * ```ts
 * const pred = predictRidge(fitRidge(xTrain, yTrain), xTest);
 * ```
 */
export function predictRidge(model: RidgeModel, x: Float32Array): Float64Array {
  const d = model.weights.length, n = x.length / d;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = model.bias;
    const row = i * d;
    for (let j = 0; j < d; j++) s += x[row + j] * model.weights[j];
    out[i] = s;
  }
  return out;
}

/** Solve A·w = b for symmetric positive-definite A (row-major d×d) by Cholesky. */
function solveSpd(A: Float64Array, b: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (s <= 0) throw new RangeError("ridge system is not positive definite: raise lambda");
        L[i * d + i] = Math.sqrt(s);
      } else L[i * d + j] = s / L[j * d + j];
    }
  }
  const z = new Float64Array(d), w = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * d + k] * z[k];
    z[i] = s / L[i * d + i];
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < d; k++) s -= L[k * d + i] * w[k];
    w[i] = s / L[i * d + i];
  }
  return w;
}
