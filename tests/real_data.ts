/**
 * Tests that read the optional real sample files. The files are found the way the notebooks find
 * them (lib/data's `realDataPath`: `$TRENDFORMER_REAL_DATA`, else `shared/data/real` beside the
 * clone). When a file is missing, its tests are registered as ignored, with one line in their name
 * saying what is missing and how to provide it, so `deno test` counts them as skipped, never as
 * passed.
 *
 * @module
 */
import { realDataPath, realSamplePath } from "../lib/data/mod.ts";

/** The real vn.py rebar bars (10 trading days of June 2017). */
export const RB_BARS = "rb0000_1min_2017-06.csv";
/** The real CZCE RM705 level-1 ticks (one trading day). */
export const RM_TICKS = "RM705-2017-03-20_ticks.csv";

/** The path of a real sample file (whether or not it exists). */
export function realFile(name: string): string {
  return realDataPath(name);
}

/**
 * `Deno.test` for a test that needs the real files `needs`: it runs when they are all present and
 * is ignored otherwise, its name then ending in "[skipped: … not found in <dir>; set
 * TRENDFORMER_REAL_DATA …]".
 *
 * @example
 * ```ts
 * realDataTest("vn.py bars load", [RB_BARS], async () => {
 *   const t = await readBars(realFile(RB_BARS));
 * });
 * ```
 */
export function realDataTest(
  name: string,
  needs: readonly string[],
  fn: () => void | Promise<void>,
): void {
  const missing = needs.filter((f) => realSamplePath(f) === null);
  Deno.test({
    name: missing.length === 0
      ? name
      : `${name} [skipped: real sample ${
        missing.join(", ")
      } not found in ${realDataPath()}; set TRENDFORMER_REAL_DATA to the folder holding it]`,
    ignore: missing.length > 0,
    fn,
  });
}
