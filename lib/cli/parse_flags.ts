/**
 * Typed command-line flag parsing shared by every script (generate, validate, train, backtest,
 * pipeline).
 *
 * A script declares its flags once as a {@linkcode FlagsSpec}: flag name (kebab-case, without the
 * dashes) → `{ type, default, doc }`. {@linkcode parseFlags} turns `Deno.args` into a typed object
 * whose keys are the camelCase flag names, plus the positional arguments. The same spec generates
 * the `--help` text ({@linkcode formatHelp} in `format_help.ts`).
 *
 * Accepted syntax:
 * - `--name value` and `--name=value`.
 * - Boolean flags: `--name` (true), `--name=true|false`, `--no-name` (false). A boolean flag never
 *   consumes the next argument, so `--dry-run out.csv` leaves `out.csv` positional.
 * - `--` ends the flags: everything after it is positional, even when it starts with `-`.
 * - `-h` / `--help` sets `help: true` (a flag called `help` is therefore reserved).
 * - A value that itself starts with `--` must be given as `--name=--value`; negative numbers work
 *   either way (`--shift -5`, `--shift=-5`).
 *
 * Errors (the message always names the flag, and the value when there is one):
 * - TypeError: unknown flag (the message lists the known ones), missing value, a value that is not
 *   a number / integer / boolean, a flag given twice.
 * - RangeError: a value outside the flag's `choices` list, or below `min` / above `max`, or a wrong
 *   number of positional arguments.
 *
 * @module
 */

/** The value type of a flag: a scalar type name, or the list of allowed strings (an enum). */
export type FlagType = "number" | "integer" | "string" | "boolean" | readonly string[];

/** The TypeScript type of a flag's value. */
export type FlagValue<T extends FlagType> = T extends "number" | "integer" ? number
  : T extends "string" ? string
  : T extends "boolean" ? boolean
  : T extends readonly (infer U)[] ? U
  : never;

/** One flag: its type, default and one-line documentation. */
export interface FlagSpec<T extends FlagType = FlagType> {
  /** Value type; an array of strings is an enum. */
  type: T;
  /** Default when the flag is absent; without one the parsed value is `undefined`. */
  default?: FlagValue<T>;
  /** One-line description for `--help`. */
  doc: string;
  /** Smallest allowed value (number / integer flags). */
  min?: number;
  /** Largest allowed value (number / integer flags). */
  max?: number;
  /** Placeholder shown in `--help` instead of the type, e.g. `FILE`. */
  placeholder?: string;
}

/** A script's flags: kebab-case flag name (no dashes) → spec. */
export type FlagsSpec = Record<string, FlagSpec>;

/** `"num-epochs"` → `"numEpochs"`. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** The parsed flags of a spec: camelCase keys; `undefined` for absent flags without default. */
export type ParsedFlags<S extends FlagsSpec> = {
  -readonly [K in keyof S & string as CamelCase<K>]: S[K] extends { default: unknown }
    ? FlagValue<S[K]["type"]>
    : FlagValue<S[K]["type"]> | undefined;
};

/** The result of {@linkcode parseFlags}. */
export interface ParsedArgs<S extends FlagsSpec> {
  /** Flag values by camelCase name, defaults filled in. */
  flags: ParsedFlags<S>;
  /** Arguments that are not flags, in order. */
  positionals: string[];
  /** `-h` or `--help` was given; the caller should print help and stop. */
  help: boolean;
  /** camelCase names of the flags the user actually gave (so defaults can be told apart). */
  given: Set<string>;
}

/** Options of {@linkcode parseFlags}. */
export interface ParseFlagsOptions {
  /** Fewest positional arguments allowed; default 0. */
  minPositionals?: number;
  /** Most positional arguments allowed; default Infinity. */
  maxPositionals?: number;
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER_RE = /^[+-]?\d+$/;

/**
 * `"num-epochs"` → `"numEpochs"`.
 *
 * @example
 * ```ts
 * camelCase("num-epochs"); // "numEpochs"
 * ```
 */
export function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A human description of a flag type, e.g. `integer` or `auto|generic`.
 *
 * @example
 * ```ts
 * describeFlagType(["auto", "generic"]); // "auto|generic"
 * ```
 */
export function describeFlagType(type: FlagType): string {
  return typeof type === "string" ? type : type.join("|");
}

function knownList(spec: FlagsSpec): string {
  return Object.keys(spec).map((k) => `--${k}`).concat("--help").join(", ");
}

function convert(name: string, f: FlagSpec, raw: string): FlagValue<FlagType> {
  const t = f.type;
  if (t === "string") return raw;
  if (t === "boolean") {
    if (raw === "true") return true;
    if (raw === "false") return false;
    throw new TypeError(`Flag --${name} expects true or false, got "${raw}"`);
  }
  if (t === "number" || t === "integer") {
    const re = t === "integer" ? INTEGER_RE : NUMBER_RE;
    const v = Number(raw);
    if (!re.test(raw) || !Number.isFinite(v) || (t === "integer" && !Number.isSafeInteger(v))) {
      throw new TypeError(
        `Flag --${name} expects ${t === "integer" ? "an integer" : "a number"}, got "${raw}"`,
      );
    }
    if (f.min !== undefined && v < f.min) {
      throw new RangeError(`Flag --${name} must be ≥ ${f.min}, got ${raw}`);
    }
    if (f.max !== undefined && v > f.max) {
      throw new RangeError(`Flag --${name} must be ≤ ${f.max}, got ${raw}`);
    }
    return v;
  }
  if (!t.includes(raw)) {
    throw new RangeError(`Flag --${name} must be one of ${t.join(", ")}; got "${raw}"`);
  }
  return raw;
}

/**
 * Parse command-line arguments against a flag spec. Pure: never prints or exits.
 *
 * @example
 * ```ts
 * const spec = {
 *   seed: { type: "integer", default: 42, doc: "Random seed." },
 *   out: { type: "string", default: "data/market.csv", doc: "Output CSV." },
 *   layout: { type: ["auto", "generic"], default: "auto", doc: "Input layout." },
 *   "dry-run": { type: "boolean", default: false, doc: "Do not write." },
 * } as const;
 * const { flags, positionals } = parseFlags(["--seed=7", "--dry-run", "in.csv"], spec);
 * flags.seed; // 7
 * flags.dryRun; // true
 * positionals; // ["in.csv"]
 * ```
 * @param args the arguments, usually `Deno.args`.
 * @param spec the flags; see {@linkcode FlagsSpec}.
 * @param options.minPositionals fewest positional arguments; default 0.
 * @param options.maxPositionals most positional arguments; default Infinity.
 */
export function parseFlags<const S extends FlagsSpec>(
  args: readonly string[],
  spec: S,
  options: ParseFlagsOptions = {},
): ParsedArgs<S> {
  if ("help" in spec) throw new TypeError(`Flag --help is reserved; rename it in the spec`);
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  const positionals: string[] = [];
  let help = false;
  let i = 0;
  const set = (name: string, value: unknown) => {
    const key = camelCase(name);
    if (given.has(key)) throw new TypeError(`Flag --${name} is given more than once`);
    given.add(key);
    values[key] = value;
  };
  while (i < args.length) {
    const arg = args[i++];
    if (arg === "--") {
      positionals.push(...args.slice(i));
      break;
    }
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    const isFlag = arg.startsWith("--") || /^-[A-Za-z]/.test(arg);
    if (!isFlag) {
      positionals.push(arg);
      continue;
    }
    if (!arg.startsWith("--")) {
      throw new TypeError(
        `Unknown flag ${arg}; short flags are not supported (known: ${knownList(spec)})`,
      );
    }
    const eq = arg.indexOf("=");
    let name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    let inline: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    let negated = false;
    if (!(name in spec) && name.startsWith("no-") && spec[name.slice(3)]?.type === "boolean") {
      if (inline !== undefined) {
        throw new TypeError(`Flag --${name} takes no value, got "${inline}"`);
      }
      name = name.slice(3);
      negated = true;
    }
    const f = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (f === undefined) {
      throw new TypeError(`Unknown flag --${name} (known: ${knownList(spec)})`);
    }
    if (f.type === "boolean" && inline === undefined) {
      set(name, !negated);
      continue;
    }
    if (inline === undefined) {
      const next = args[i];
      if (next === undefined || next.startsWith("--")) {
        throw new TypeError(`Flag --${name} needs a value (${describeFlagType(f.type)})`);
      }
      inline = next;
      i++;
    }
    set(name, convert(name, f, inline));
  }
  for (const [name, f] of Object.entries(spec)) {
    const key = camelCase(name);
    if (!given.has(key)) values[key] = f.default;
  }
  const min = options.minPositionals ?? 0, max = options.maxPositionals ?? Infinity;
  if (!help && (positionals.length < min || positionals.length > max)) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    const got = positionals.length === 0 ? "none" : positionals.map((p) => `"${p}"`).join(" ");
    throw new RangeError(`Expected ${want} positional argument(s), got ${got}`);
  }
  return { flags: values as ParsedFlags<S>, positionals, help, given };
}

/**
 * Only the flags the user actually gave, for overriding a config preset without clobbering it
 * with flag defaults.
 *
 * @example
 * ```ts
 * const parsed = parseFlags(["--seed", "7"], { seed: { type: "integer", default: 42, doc: "" },
 *   year: { type: "integer", default: 2023, doc: "" } });
 * givenFlags(parsed); // { seed: 7 }
 * const config = { ...MARKET_PRESETS.default, ...givenFlags(parsed) };
 * ```
 */
export function givenFlags<S extends FlagsSpec>(parsed: ParsedArgs<S>): Partial<ParsedFlags<S>> {
  const out: Record<string, unknown> = {};
  const all = parsed.flags as Record<string, unknown>;
  for (const key of parsed.given) out[key] = all[key];
  return out as Partial<ParsedFlags<S>>;
}
