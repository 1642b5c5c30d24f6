/**
 * Atomic file writes: write to a temporary file in the target's directory, then rename it over the
 * target. Readers see the old file or the complete new one, never a half-written file; a failed
 * write leaves the old file untouched and removes the temporary.
 *
 * The temporary is `.<name>.<random>.tmp` next to the target (same directory, hence same file
 * system, so the rename is atomic on POSIX). No fsync is done: this protects against failures of
 * the writing process, not against power loss.
 *
 * Whole directories (a checkpoint, a backtest's outputs) are replaced with
 * {@linkcode writeDirAtomic}: filled as `<dir>.tmp-<random>` beside the target; an existing target
 * is renamed to `<dir>.old-<random>`, the new one renamed in, and the old one deleted. A process
 * stopped between those two renames leaves no `dir` but a complete `.old-` copy, which
 * {@linkcode oldDirCopies} finds.
 *
 * @module
 */
import { pathExists } from "./path_exists.ts";

function randomHex(): string {
  return crypto.getRandomValues(new Uint32Array(1))[0].toString(16).padStart(8, "0");
}

function splitPath(path: string): { dir: string; base: string } {
  const i = path.lastIndexOf("/");
  return i < 0
    ? { dir: ".", base: path }
    : { dir: path.slice(0, i) || "/", base: path.slice(i + 1) };
}

/** Throws `Deno.errors.NotFound` naming `target` unless `dir` is an existing directory. */
async function requireDirectory(dir: string, target: string): Promise<void> {
  let isDir = false;
  try {
    isDir = (await Deno.stat(dir)).isDirectory;
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  if (!isDir) throw new Deno.errors.NotFound(`Cannot write ${target}: no directory ${dir}`);
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
  return `${dir}/.${base}.${randomHex()}.tmp`;
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
  await requireDirectory(tmp.slice(0, tmp.lastIndexOf("/")) || "/", path);
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

/** Options of {@linkcode writeDirAtomic}. */
export interface WriteDirAtomicOptions {
  /** Create missing parent directories first (else a missing parent throws). Default `false`. */
  createParents?: boolean;
}

/**
 * Replace the directory `dir` atomically: `writer` fills a new empty temporary directory
 * `<dir>.tmp-<random>` (same parent, hence same file system), which then takes the place of `dir`.
 * An existing `dir` is first renamed to `<dir>.old-<random>` and deleted only after the new one is
 * in place, so readers see the old complete directory or the new complete one. If `writer` throws
 * (or a rename fails) the temporary is removed, `dir` is left as it was, and the error is
 * rethrown. Without `createParents`, a missing parent throws `Deno.errors.NotFound` before
 * `writer` runs. No fsync is done here (a writer may sync its own files).
 *
 * @example
 * ```ts
 * await writeDirAtomic("data/backtest/tiny", async (tmp) => {
 *   await Deno.writeTextFile(`${tmp}/metrics.json`, json);
 *   await Deno.writeTextFile(`${tmp}/report.html`, html);
 * }, { createParents: true });
 * ```
 * @param dir the directory to write or replace (a trailing slash is ignored).
 * @param writer writes the complete content into the temporary directory it is given.
 * @param options.createParents see {@linkcode WriteDirAtomicOptions}; default `false`.
 */
export async function writeDirAtomic(
  dir: string,
  writer: (tempDir: string) => Promise<void> | void,
  options: WriteDirAtomicOptions = {},
): Promise<void> {
  const target = dir.length > 1 ? dir.replace(/\/+$/, "") : dir;
  const { dir: parent, base } = splitPath(target);
  if (base === "" || base === "." || base === "..") {
    throw new TypeError(`Cannot write to ${dir}: not a directory path`);
  }
  if (options.createParents) await Deno.mkdir(parent, { recursive: true });
  await requireDirectory(parent, target);
  const tmp = `${target}.tmp-${randomHex()}`;
  await Deno.mkdir(tmp);
  try {
    await writer(tmp);
    if (await pathExists(target, { followLinks: false })) {
      const old = `${target}.old-${randomHex()}`;
      await Deno.rename(target, old);
      await Deno.rename(tmp, target);
      await Deno.remove(old, { recursive: true });
    } else {
      await Deno.rename(tmp, target);
    }
  } catch (e) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw e;
  }
}

/**
 * The `<dir>.old-<random>` directories beside `dir` (sorted by name): what a
 * {@linkcode writeDirAtomic} stopped between its two renames left of the previous `dir`. Empty
 * when there are none or the parent does not exist.
 *
 * @example
 * ```ts
 * if (!(await pathExists("data/models/tiny/best"))) {
 *   const [old] = await oldDirCopies("data/models/tiny/best"); // e.g. "data/models/tiny/best.old-3f9a1c0b"
 * }
 * ```
 */
export async function oldDirCopies(dir: string): Promise<string[]> {
  const { dir: parent, base } = splitPath(dir.length > 1 ? dir.replace(/\/+$/, "") : dir);
  const found: string[] = [];
  try {
    for await (const e of Deno.readDir(parent)) {
      if (e.isDirectory && e.name.startsWith(`${base}.old-`)) found.push(`${parent}/${e.name}`);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return found.sort();
}
