/**
 * Where the real market files live: `shared/data/real/` beside the repository (as on CI, where the
 * clone has `shared/` next to it), or `$TRENDFORMER_REAL_DATA`.
 *
 * @module
 */

/** Directory of the real sample files, without a trailing slash. */
export const REAL_DATA_DIR: string = Deno.env.get("TRENDFORMER_REAL_DATA") ??
  new URL("../../shared/data/real", import.meta.url).pathname;
