/**
 * `close(a, b, tol?)`: assert |a − b| ≤ tol, naming both numbers; `closeTo(tol)` makes one with
 * that default tolerance (the test files differ in the precision they check).
 */
import assert from "node:assert/strict";

/** An approximate-equality assertion with default tolerance `defaultTol`. */
export function closeTo(defaultTol: number): (a: number, b: number, tol?: number) => void {
  return (a, b, tol = defaultTol) =>
    assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);
}
