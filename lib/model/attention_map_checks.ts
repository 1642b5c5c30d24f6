/**
 * Numeric checks of full attention maps, per layer: rows sum to 1, the masked upper triangle is
 * exactly 0, and how far the rows are from uniform over the visible keys (notebook 03).
 *
 * @module
 */
import type { AttentionMaps } from "./predict.ts";

/** The checks of one layer, worst case over its heads and query rows. */
export type AttentionMapCheck = {
  /** 0-based layer. */
  layer: number;
  /** max over rows of |Σ_j weight − 1|: float32 rounding only. */
  maxRowSumError: number;
  /** Largest weight on a future key (key > query): exactly 0 under the causal mask. */
  maxAboveDiagonal: number;
  /**
   * max over visible cells of |weight·(query + 1) − 1|: 0 for attention spread evenly over the
   * keys a row may see, as at initialisation; large once the model prefers some minutes.
   */
  maxDeviationFromUniform: number;
};

/**
 * One row per layer of the maps of window `window`, each the worst case over heads and rows.
 *
 * @example
 * ```ts
 * const maps = await attentionMaps(model, windows.subarray(0, 60 * 8));
 * attentionMapChecks(maps)[0]; // { layer: 0, maxRowSumError: 1.2e-7, maxAboveDiagonal: 0, … }
 * ```
 * @param options.window window of the maps; default 0.
 * @throws {RangeError} when the window is out of range.
 */
export function attentionMapChecks(
  maps: AttentionMaps,
  options: { window?: number } = {},
): AttentionMapCheck[] {
  const [n, H, T] = maps.shape;
  const w = options.window ?? 0;
  if (!Number.isInteger(w) || w < 0 || w >= n) {
    throw new RangeError(`attentionMapChecks: window ${w} is not in the maps' ${n} windows`);
  }
  return maps.layers.map((a, layer) => {
    let maxRowSumError = 0, maxAboveDiagonal = 0, maxDeviationFromUniform = 0;
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < T; i++) {
        const row = ((w * H + h) * T + i) * T;
        let sum = 0;
        for (let j = 0; j < T; j++) {
          const v = a[row + j];
          sum += v;
          if (j > i) maxAboveDiagonal = Math.max(maxAboveDiagonal, Math.abs(v));
          else {maxDeviationFromUniform = Math.max(
              maxDeviationFromUniform,
              Math.abs(v * (i + 1) - 1),
            );}
        }
        maxRowSumError = Math.max(maxRowSumError, Math.abs(sum - 1));
      }
    }
    return { layer, maxRowSumError, maxAboveDiagonal, maxDeviationFromUniform };
  });
}
