/**
 * Where the project's files live, decided in one place for tests, notebooks and scripts:
 *
 * - **Artefacts** (`market.csv`, `models/`, `backtest/`, …): `$TRENDFORMER_DATA` when it is set,
 *   else the repository's `data/`. The test suite points it at a temporary folder, so executing
 *   the notebooks neither reads nor writes the repository's artefacts.
 * - **Real sample files** (optional; not part of the repository): `$TRENDFORMER_REAL_DATA` when
 *   it is set, else `shared/data/real/` beside the clone (`<repo>/../shared/data/real`).
 *
 * @module
 */

/** The repository's artefact folder. */
const DATA = new URL("../../data", import.meta.url).pathname;
/** The real sample files' folder beside the clone. */
const BESIDE = new URL("../../../shared/data/real", import.meta.url).pathname;

/** Joins path parts with `/`, without doubling slashes. */
function join(dir: string, parts: readonly string[]): string {
  return [dir.replace(/\/+$/, ""), ...parts.map((p) => p.replace(/^\/+|\/+$/g, ""))]
    .filter((p, i) => i === 0 || p !== "").join("/");
}

/** A non-empty environment variable, or undefined. */
function envDir(name: string): string | undefined {
  const v = Deno.env.get(name);
  return v === undefined || v.trim() === "" ? undefined : v;
}

/**
 * The artefact folder: `$TRENDFORMER_DATA`, else `<repo>/data`; with `parts`, a path inside it.
 *
 * @example
 * ```ts
 * await ensureMarket(dataPath("market.csv")); // lib/market; <repo>/data/market.csv by default
 * dataPath("models", "default"); // <repo>/data/models/default
 * ```
 * @param parts path segments below the folder.
 */
export function dataPath(...parts: string[]): string {
  return join(envDir("TRENDFORMER_DATA") ?? DATA, parts);
}

/**
 * The folder of the optional real sample files: `$TRENDFORMER_REAL_DATA`, else
 * `shared/data/real` beside the clone; with `parts`, a path inside it. The folder may not exist:
 * see {@linkcode realSamplePath}.
 *
 * @example
 * ```ts
 * realDataPath("rb0000_1min_2017-06.csv"); // <repo>/../shared/data/real/rb0000_1min_2017-06.csv
 * ```
 * @param parts path segments below the folder.
 */
export function realDataPath(...parts: string[]): string {
  return join(envDir("TRENDFORMER_REAL_DATA") ?? BESIDE, parts);
}

/**
 * The path of one real sample file, or `null` when it is not there (samples are optional).
 *
 * @example
 * ```ts
 * const path = realSamplePath("rb0000_1min_2017-06.csv");
 * if (path) table = await readBars(path);
 * ```
 * @param name the file name inside {@linkcode realDataPath}.
 */
export function realSamplePath(name: string): string | null {
  const path = realDataPath(name);
  try {
    return Deno.statSync(path).isFile ? path : null;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound || e instanceof Deno.errors.NotADirectory) return null;
    throw e;
  }
}
