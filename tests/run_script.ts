/**
 * Runs a script of scripts/ as a real process for the CLI tests: `deno run -A scripts/<script>`
 * from the repo root with NO_COLOR=1, capturing its exit code and output.
 */

/** The repo root, with a trailing slash. */
export const ROOT = new URL("../", import.meta.url).pathname;

/** Exit code and decoded output of one script run. */
export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run `scripts/<script>` with `args` and wait for it.
 *
 * @example
 * ```ts
 * const r = await runScript("train.ts", ["--epoch", "3"]);
 * assert.equal(r.code, 1);
 * ```
 */
export async function runScript(script: string, args: string[]): Promise<ScriptResult> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}scripts/${script}`, ...args],
    cwd: ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}
