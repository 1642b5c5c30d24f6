/**
 * Runs one stage of a multi-stage task (`deno run -A scripts/<stage>.ts …`) as its own process,
 * so its output is exactly what a user sees when running that stage alone; or, with `log`, into a
 * log file (tasks that show a progress bar instead).
 *
 * @module
 */

/** Options of {@linkcode stage}. */
export interface StageOptions {
  /** Write the stage's stdout and stderr to this file instead of the terminal. */
  log?: string;
}

/**
 * Run `script` with `args`; throws Error naming the stage (and its log) when it exits non-zero.
 * Returns the wall seconds it took.
 *
 * @example
 * ```ts
 * await stage("train", "scripts/train.ts", ["--preset", "tiny"]);
 * ```
 */
export async function stage(
  name: string,
  script: string,
  args: string[],
  options: StageOptions = {},
): Promise<number> {
  const t0 = performance.now();
  const quiet = options.log !== undefined;
  if (!quiet) console.log(`\n== ${name}: deno run -A ${script} ${args.join(" ")}`);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", script, ...args],
    stdout: quiet ? "piped" : "inherit",
    stderr: quiet ? "piped" : "inherit",
  }).output();
  if (quiet) {
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    await Deno.writeTextFile(options.log!, `$ deno run -A ${script} ${args.join(" ")}\n${text}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (out.code !== 0) {
    throw new Error(
      `${name} failed with exit code ${out.code}${quiet ? ` (log: ${options.log})` : ""}`,
    );
  }
  if (!quiet) console.log(`== ${name} took ${seconds.toFixed(1)} s`);
  return seconds;
}
