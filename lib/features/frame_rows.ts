/**
 * The rows of a feature frame an analysis uses: the given row indices, checked, or all rows.
 *
 * @module
 */
import type { FeatureFrame } from "./build_features.ts";

/**
 * `rows` when given (each checked to be an integer row of the frame), else every row index
 * 0…n−1 of the frame. Throws RangeError for a row outside the frame.
 *
 * @example
 * ```ts
 * frameRows(frame).length; // frame.time.length
 * frameRows(frame, trainEnds); // trainEnds, checked
 * ```
 */
export function frameRows(frame: FeatureFrame, rows?: ArrayLike<number>): ArrayLike<number> {
  const n = frame.time.length;
  if (rows === undefined) return Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < rows.length; i++) {
    if (!(Number.isInteger(rows[i]) && rows[i] >= 0 && rows[i] < n)) {
      throw new RangeError(`Row ${rows[i]} is outside the frame's ${n} rows`);
    }
  }
  return rows;
}
