/**
 * Command-line flags derived from a config object, in the manner of nanoGPT's `configurator.py`:
 * each flag names a key path of the config; its default and its value type are read from the
 * config's defaults, so a default lives in one place; the flags the user gave become a nested
 * overrides object that the config's own function validates (and whose unknown keys it rejects).
 *
 * @module
 */
import type { FlagSpec, FlagType, ParsedArgs } from "./parse_flags.ts";
import { camelCase } from "./parse_flags.ts";

/** A flag bound to a key path of a config. */
export interface ConfigFlag {
  /** Dotted key path into the config, e.g. `"strategy.signalThreshold"`. */
  key: string;
  /** One-line description for `--help`. */
  doc: string;
  /** Value type; default from the default value (`number`, `string` or `boolean`). */
  type?: FlagType;
  /** Smallest allowed value. */
  min?: number;
  /** Largest allowed value. */
  max?: number;
  /** Placeholder in `--help`. */
  placeholder?: string;
}

function valueAt(config: unknown, key: string): unknown {
  let v: unknown = config;
  for (const part of key.split(".")) {
    if (typeof v !== "object" || v === null || !(part in v)) {
      throw new TypeError(`Config flag key ${key} is not a key of the config`);
    }
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * The flag specs of `flags`, each with its default read from `defaults` at its key path (a
 * `null` or `undefined` default leaves the flag without one). Throws TypeError for a key path
 * the config does not have, or a default whose type cannot be a flag without an explicit `type`.
 *
 * @example
 * ```ts
 * const spec = configFlags({ strategy: { maxHold: 15 } }, {
 *   "max-hold": { key: "strategy.maxHold", type: "integer", min: 1, doc: "Hold limit." },
 * });
 * spec["max-hold"].default; // 15
 * ```
 */
export function configFlags<const F extends Record<string, ConfigFlag>>(
  defaults: unknown,
  flags: F,
): { [K in keyof F]: FlagSpec } {
  const out: Record<string, FlagSpec> = {};
  for (const [name, f] of Object.entries(flags)) {
    const value = valueAt(defaults, f.key);
    const inferred = typeof value === "number" || typeof value === "string" ||
        typeof value === "boolean"
      ? typeof value as "number" | "string" | "boolean"
      : undefined;
    const type = f.type ?? inferred;
    if (type === undefined) {
      throw new TypeError(`Config flag --${name}: give a type (its default is ${value})`);
    }
    const spec: FlagSpec = { type, doc: f.doc };
    if (value !== null && value !== undefined) spec.default = value as FlagSpec["default"];
    if (f.min !== undefined) spec.min = f.min;
    if (f.max !== undefined) spec.max = f.max;
    if (f.placeholder !== undefined) spec.placeholder = f.placeholder;
    out[name] = spec;
  }
  return out as { [K in keyof F]: FlagSpec };
}

/**
 * The nested overrides of the config flags the user actually gave (defaults are not repeated),
 * ready for the config's function, e.g. `{ strategy: { maxHold: 10 }, permutations: 50 }`.
 *
 * @example
 * ```ts
 * const parsed = parseFlags(Deno.args, { ...configFlags(DEFAULTS, FLAGS) });
 * const cfg = runBacktestConfig(configOverrides(parsed, FLAGS));
 * ```
 */
export function configOverrides(
  parsed: Pick<ParsedArgs<Record<string, FlagSpec>>, "flags" | "given">,
  flags: Record<string, ConfigFlag>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(flags)) {
    const key = camelCase(name);
    if (!parsed.given.has(key)) continue;
    const path = f.key.split(".");
    let node = out;
    for (const part of path.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[path.at(-1)!] = (parsed.flags as Record<string, unknown>)[key];
  }
  return out;
}

/**
 * The preset `name` of `presets`, after checking that every key of `overrides` is one of its
 * keys: TypeError `Unknown <what> preset: …` or `Unknown <what> option: …` otherwise (nanoGPT's
 * configurator rejects unknown keys the same way).
 *
 * @example
 * ```ts
 * const base = presetFor(RUN_BACKTEST_PRESETS, "default", overrides, "backtest runner");
 * ```
 */
export function presetFor<C extends object>(
  presets: Readonly<Record<string, C>>,
  name: string,
  overrides: object,
  what: string,
): C {
  const base = Object.hasOwn(presets, name) ? presets[name] : undefined;
  if (base === undefined) throw new TypeError(`Unknown ${what} preset: ${name}`);
  for (const key of Object.keys(overrides)) {
    if (!(key in base)) throw new TypeError(`Unknown ${what} option: ${key}`);
  }
  return base;
}
