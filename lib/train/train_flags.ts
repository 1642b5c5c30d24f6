/**
 * The command line of `deno task train`, derived from the one {@linkcode TrainConfig}: every
 * field of {@linkcode TRAIN_CONFIG_FIELDS} is a flag (camelCase key → kebab-case flag, e.g.
 * `samplesPerEpoch` → `--samples-per-epoch`) whose value goes straight into the config, so a flag
 * cannot be accepted and then ignored. A few flags describe the run rather than the training
 * ({@linkcode TRAIN_RUN_FLAGS}: preset, data, years, out, resume).
 *
 * @module
 */
import { camelCase, type FlagSpec, type FlagsSpec, type ParsedArgs } from "../cli/mod.ts";
import {
  TRAIN_CONFIG_FIELDS,
  TRAIN_PRESETS,
  type TrainConfig,
  trainConfig,
} from "./train_config.ts";

/** The flags of `deno task train` that are not training-config fields. */
export const TRAIN_RUN_FLAGS = {
  preset: {
    type: ["default", "tiny"],
    default: "default",
    doc: "Training preset; every other flag overrides it.",
  },
  data: {
    type: "string",
    placeholder: "FILE",
    doc: "Bar table (default data/market.csv, or data/market-<N>y.csv with --years N; the " +
      "synthetic market is generated there when the default file is missing).",
  },
  years: {
    type: "integer",
    min: 1,
    max: 50,
    doc: "Years of synthetic market (from 2023, seed 42) when the data is generated (default 1).",
  },
  out: {
    type: "string",
    placeholder: "DIR",
    doc: "Run directory (default data/models/<preset>, or data/models/<preset>-<N>y).",
  },
  resume: { type: "boolean", default: false, doc: "Continue from <out>/last." },
} as const satisfies FlagsSpec;

/** `samplesPerEpoch` → `samples-per-epoch`. */
function kebabCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
}

function describeDefault(key: keyof typeof TRAIN_CONFIG_FIELDS): string {
  const d = TRAIN_PRESETS.default[key], t = TRAIN_PRESETS.tiny[key];
  const shown = key === "workers" ? `${d}: the number of cores` : String(d);
  return d === t ? `(default ${shown})` : `(default ${shown}; tiny ${t})`;
}

/** One flag per {@linkcode TRAIN_CONFIG_FIELDS} entry, documented with both presets' values. */
export const TRAIN_CONFIG_FLAGS: FlagsSpec = Object.fromEntries(
  (Object.entries(TRAIN_CONFIG_FIELDS) as [
    keyof typeof TRAIN_CONFIG_FIELDS,
    typeof TRAIN_CONFIG_FIELDS[
      keyof typeof TRAIN_CONFIG_FIELDS
    ],
  ][]).map(([key, f]) => {
    const spec: FlagSpec = { type: f.type, doc: `${f.doc} ${describeDefault(key)}` };
    if (f.min !== undefined) spec.min = f.min;
    if (f.max !== undefined) spec.max = f.max;
    return [kebabCase(key), spec];
  }),
);

/** Every flag of `deno task train`: the run's, then one per config field. */
export const TRAIN_FLAGS: FlagsSpec = { ...TRAIN_RUN_FLAGS, ...TRAIN_CONFIG_FLAGS };

/** What a `deno task train` command line asks for. */
export interface TrainCommand {
  /** `-h` / `--help` was given. */
  help: boolean;
  preset: "default" | "tiny";
  /** The validated training configuration: the preset with every given config flag applied. */
  config: TrainConfig;
  /** Bar table path. */
  data: string;
  /** Whether `--data` was given (only the default file is generated when missing). */
  dataGiven: boolean;
  /** Years of synthetic market. */
  years: number;
  /** Whether `--years` was given (then the data's span is checked against it). */
  yearsGiven: boolean;
  /** Run directory. */
  out: string;
  resume: boolean;
}

/**
 * The command a parsed `deno task train` line asks for (see the module doc). Bad config values
 * throw (RangeError naming the field); parseFlags has already rejected unknown flags.
 *
 * @example
 * ```ts
 * const args = ["--preset", "tiny", "--dropout", "0.2", "--years", "3"];
 * const cmd = trainCommand(parseFlags(args, TRAIN_FLAGS));
 * cmd.config.dropout; // 0.2
 * cmd.data; // "data/market-3y.csv"
 * ```
 */
export function trainCommand(parsed: ParsedArgs<FlagsSpec>): TrainCommand {
  const flags = parsed.flags as Record<string, unknown>;
  const overrides: Record<string, unknown> = {};
  for (const name of Object.keys(TRAIN_CONFIG_FLAGS)) {
    const key = camelCase(name);
    if (parsed.given.has(key)) overrides[key] = flags[key];
  }
  const preset = flags.preset as "default" | "tiny";
  const years = (flags.years as number | undefined) ?? 1;
  const suffix = years === 1 ? "" : `-${years}y`;
  return {
    help: parsed.help,
    preset,
    config: trainConfig(preset, overrides as Partial<TrainConfig>),
    data: (flags.data as string | undefined) ?? `data/market${suffix}.csv`,
    dataGiven: parsed.given.has("data"),
    years,
    yearsGiven: parsed.given.has("years"),
    out: (flags.out as string | undefined) ?? `data/models/${preset}${suffix}`,
    resume: flags.resume as boolean,
  };
}
