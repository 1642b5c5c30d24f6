/**
 * `--help` text generated from a flag spec.
 *
 * @module
 */
import { describeFlagType, type FlagsSpec } from "./parse_flags.ts";

/** What a script says about itself in `--help`. */
export interface HelpOptions {
  /** Usage line without the "Usage: " prefix, e.g. `deno task validate FILE [flags]`. */
  usage: string;
  /** A paragraph describing the script; default none. */
  description?: string;
  /** Documentation of the positional arguments: name → one line; default none. */
  positionals?: Record<string, string>;
}

function formatDefault(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/**
 * The `--help` text of a script: usage, description, positionals and one line per flag with its
 * type and default. Pure: the script prints it.
 *
 * @example
 * ```ts
 * const text = formatHelp(
 *   { seed: { type: "integer", default: 42, doc: "Random seed." } },
 *   { usage: "deno task generate [flags]", description: "Write a synthetic market." },
 * );
 * // Usage: deno task generate [flags]
 * //
 * // Write a synthetic market.
 * //
 * // Flags:
 * //   --seed <integer>  Random seed. (default: 42)
 * //   -h, --help        Show this help.
 * ```
 */
export function formatHelp(spec: FlagsSpec, options: HelpOptions): string {
  const lines = [`Usage: ${options.usage}`];
  if (options.description) lines.push("", options.description);
  const table = (rows: [string, string][]) => {
    const width = Math.max(...rows.map(([l]) => l.length));
    for (const [left, right] of rows) lines.push(`  ${left.padEnd(width)}  ${right}`.trimEnd());
  };
  const pos = Object.entries(options.positionals ?? {});
  if (pos.length > 0) {
    lines.push("", "Arguments:");
    table(pos);
  }
  const rows: [string, string][] = Object.entries(spec).map(([name, f]) => {
    const left = f.type === "boolean"
      ? `--${name}, --no-${name}`
      : `--${name} <${f.placeholder ?? describeFlagType(f.type)}>`;
    const range = f.min !== undefined || f.max !== undefined
      ? ` [${f.min ?? "-∞"} … ${f.max ?? "∞"}]`
      : "";
    const def = f.default === undefined ? "" : ` (default: ${formatDefault(f.default)})`;
    return [left, `${f.doc}${range}${def}`];
  });
  rows.push(["-h, --help", "Show this help."]);
  lines.push("", "Flags:");
  table(rows);
  return lines.join("\n");
}
