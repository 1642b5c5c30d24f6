/**
 * Atomic file writes: write to a temporary file in the target's directory, then rename it over the
 * target. Readers see the old file or the complete new one, never a half-written file; a failed
 * write leaves the old file untouched and removes the temporary.
 *
 * The temporary is `.<name>.<random>.tmp` next to the target (same directory, hence same file
 * system, so the rename is atomic on POSIX). No fsync is done: this protects against failures of
 * the writing process, not against power loss.
 *
 * @module
 */

function splitPath(path: string): { dir: string; base: string } {
  const i = path.lastIndexOf("/");
  return i < 0
    ? { dir: ".", base: path }
    : { dir: path.slice(0, i) || "/", base: path.slice(i + 1) };
}

/**
 * The temporary path {@linkcode writeFileAtomic} uses for `path`: same directory, hidden name,
 * `.tmp` suffix (git-ignored).
 *
 * @example
 * ```ts
 * tempPathFor("data/market.csv"); // "data/.market.csv.3f9a1c0b.tmp" (random part varies)
 * ```
 */
export function tempPathFor(path: string): string {
  const { dir, base } = splitPath(path);
  if (base === "" || base === "." || base === "..") {
    throw new TypeError(`Cannot write to ${path}: not a file path`);
  }
  const rand = crypto.getRandomValues(new Uint32Array(1))[0].toString(16).padStart(8, "0");
  return `${dir}/.${base}.${rand}.tmp`;
}

/**
 * Write `path` atomically: `writer` writes the complete content to the temporary path it is given
 * (with any API: Deno, nodejs-polars, tfjs …); when it returns, the temporary is renamed over
 * `path`. If `writer` throws (or the rename fails) the temporary is removed, `path` keeps its
 * previous content, and the error is rethrown. The directory must exist (else
 * `Deno.errors.NotFound`, before `writer` runs).
 *
 * @example
 * ```ts
 * await writeFileAtomic("data/metrics.json", (tmp) => Deno.writeTextFile(tmp, json));
 * await writeFileAtomic("data/market.csv", (tmp) => df.writeCSV(tmp));
 * ```
 */
export async function writeFileAtomic(
  path: string,
  writer: (tempPath: string) => Promise<void> | void,
): Promise<void> {
  const tmp = tempPathFor(path);
  const dir = tmp.slice(0, tmp.lastIndexOf("/")) || "/";
  let isDir = false;
  try {
    isDir = (await Deno.stat(dir)).isDirectory;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (!isDir) throw new Deno.errors.NotFound(`Cannot write ${path}: no directory ${dir}`);
  try {
    await writer(tmp);
    await Deno.rename(tmp, path);
  } catch (e) {
    try {
      await Deno.remove(tmp);
    } catch (removeError) {
      if (!(removeError instanceof Deno.errors.NotFound)) throw removeError;
    }
    throw e;
  }
}

/**
 * Write a text file atomically (see {@linkcode writeFileAtomic}).
 *
 * @example
 * ```ts
 * await writeTextFileAtomic("data/models/base/eval.json", JSON.stringify(metrics, null, 2) + "\n");
 * ```
 */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, (tmp) => Deno.writeTextFile(tmp, text));
}
