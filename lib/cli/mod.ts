/**
 * Command-line helpers shared by the scripts: typed flag parsing and `--help` text. Pure (no
 * printing, no exiting): scripts/_main.ts turns errors into `error: …` and exit code 1.
 *
 * @module
 */
export * from "./parse_flags.ts";
export * from "./format_help.ts";
export * from "./config_flags.ts";
