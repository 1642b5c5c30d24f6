/**
 * The bars (frame rows) that a set of windows reads: the union of `end−length+1 … end` over the
 * window ends. The normaliser is fitted on exactly these rows of the training windows.
 *
 * @module
 */

/**
 * Sorted distinct row indices covered by windows of `length` bars ending at `ends` (inclusive).
 * Throws RangeError for a non-positive-integer length or an end whose window would start before
 * row 0.
 *
 * @example
 * ```ts
 * windowRows([5, 6, 20], { length: 3 }); // Int32Array [3, 4, 5, 6, 18, 19, 20]
 * ```
 * @param options.length window length in bars; default 60.
 */
export function windowRows(
  ends: ArrayLike<number>,
  options: { length?: number } = {},
): Int32Array {
  const length = options.length ?? 60;
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`Window length must be a positive integer, got ${length}`);
  }
  const sorted = Int32Array.from(ends).sort();
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i] - length + 1 < 0) {
      throw new RangeError(`Window ending at row ${sorted[i]} would start before row 0`);
    }
  }
  const out: number[] = [];
  let next = -1; // first row not yet emitted
  for (let i = 0; i < sorted.length; i++) {
    const end = sorted[i];
    for (let r = Math.max(next, end - length + 1); r <= end; r++) out.push(r);
    next = Math.max(next, end + 1);
  }
  return Int32Array.from(out);
}
