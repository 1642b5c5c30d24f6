/**
 * Reading a JSON file with an error that names it.
 *
 * @module
 */

/**
 * The parsed content of the JSON file `path`. A file that is not JSON throws a SyntaxError
 * naming it ("Cannot parse data/models/tiny/eval.json: …"); read errors (e.g.
 * `Deno.errors.NotFound`) are rethrown as they are. The result is not checked: cast or validate it.
 *
 * @example
 * ```ts
 * const evaluation = await readJsonFile("data/models/tiny/eval.json") as { rows: unknown[] };
 * ```
 */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = await Deno.readTextFile(path);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SyntaxError(`Cannot parse ${path}: ${(e as Error).message}`);
  }
}
