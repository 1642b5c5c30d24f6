/**
 * The one place scripts turn a thrown error into `error: <message>` on stderr and exit code 1.
 * Every script calls {@linkcode runScript}; lib/ never prints.
 *
 * Set `TRENDFORMER_DEBUG=1` to also print the stack trace.
 *
 * @module
 */
import {
  type FlagsSpec,
  formatHelp,
  type HelpOptions,
  type ParsedArgs,
  parseFlags,
  type ParseFlagsOptions,
} from "../lib/cli/mod.ts";

/** A script's command line: its flags, help text and positional-argument bounds. */
export interface ScriptSpec<S extends FlagsSpec> extends HelpOptions, ParseFlagsOptions {
  /** The flags; see {@linkcode FlagsSpec}. */
  flags: S;
}

/**
 * Parse `args` against `script`, print help for `-h/--help`, otherwise run `main`. Any error
 * (bad flag, bad input file, …) prints `error: <message>` to stderr and exits with code 1.
 *
 * @example
 * ```ts
 * await runScript(
 *   { usage: "deno task hello [flags]", flags: { name: { type: "string", default: "rb", doc: "Who." } } },
 *   ({ flags }) => console.log(`hello ${flags.name}`),
 * );
 * ```
 * @param options.args the command line; default `Deno.args`.
 */
export async function runScript<const S extends FlagsSpec>(
  script: ScriptSpec<S>,
  main: (parsed: ParsedArgs<S>) => Promise<void> | void,
  options: { args?: readonly string[] } = {},
): Promise<void> {
  try {
    const parsed = parseFlags(options.args ?? Deno.args, script.flags, script);
    if (parsed.help) {
      console.log(formatHelp(script.flags, script));
      return;
    }
    await main(parsed);
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (Deno.env.get("TRENDFORMER_DEBUG") && e instanceof Error) console.error(e.stack);
    Deno.exit(1);
  }
}
