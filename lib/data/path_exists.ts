/**
 * Whether a path exists, without reading it.
 *
 * @module
 */

/**
 * Whether `path` exists: `true` for any file, directory or link, `false` when it is missing
 * (`Deno.errors.NotFound`); any other error (e.g. permission denied) is rethrown.
 *
 * @example
 * ```ts
 * if (!(await pathExists("data/market.csv"))) await generate();
 * await pathExists("data/link", { followLinks: false }); // true even if the link is dangling
 * ```
 * @param path the path to look at.
 * @param options.followLinks look through a symbolic link at its target (`Deno.stat`; a dangling
 *   link is then missing) or at the link itself (`Deno.lstat`). Default `true`.
 */
export async function pathExists(
  path: string,
  options: { followLinks?: boolean } = {},
): Promise<boolean> {
  try {
    await (options.followLinks ?? true ? Deno.stat(path) : Deno.lstat(path));
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}
