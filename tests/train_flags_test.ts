// Every flag of `deno task train` reaches what it names: config flags the TrainConfig field of
// the same name (and, for the model's fields, the model config a run builds), run flags the run.
import assert from "node:assert/strict";
import { camelCase, type FlagSpec, formatHelp, parseFlags } from "../lib/cli/mod.ts";
import {
  TRAIN_CONFIG_FIELDS,
  TRAIN_FLAGS,
  TRAIN_PRESETS,
  TRAIN_RUN_FLAGS,
  trainCommand,
  trainModelConfig,
} from "../lib/train/mod.ts";

const command = (args: string[]) => trainCommand(parseFlags(args, TRAIN_FLAGS));

/** A valid value of the flag that differs from `current`. */
function otherValue(f: FlagSpec, current: unknown): string {
  if (typeof f.type !== "string") return f.type.find((c) => c !== current)!;
  if (f.type === "boolean") return String(!current);
  if (f.type === "string") return "elsewhere/x";
  const base = typeof current === "number" ? current : f.min ?? 1;
  let v = f.type === "integer" ? base + 1 : base === 0 ? 0.5 : base / 2;
  if (f.max !== undefined && v > f.max) v = f.type === "integer" ? base - 1 : (base + f.max) / 2;
  return String(v);
}

const base = command([]);
const runField: Record<string, keyof typeof base> = {
  preset: "preset",
  data: "data",
  years: "years",
  out: "out",
  resume: "resume",
};

for (const [name, spec] of Object.entries(TRAIN_FLAGS)) {
  const key = camelCase(name);
  Deno.test(`train --${name} changes ${key in runField ? "the run's" : "the config's"} ${key}`, () => {
    const isConfig = key in TRAIN_CONFIG_FIELDS;
    const current = isConfig
      ? (base.config as unknown as Record<string, unknown>)[key]
      : (base as unknown as Record<string, unknown>)[runField[key]];
    const value = otherValue(spec, current);
    const got = command([`--${name}=${value}`]);
    if (isConfig) {
      const cfg = got.config as unknown as Record<string, unknown>;
      assert.equal(String(cfg[key]), value);
      // Nothing else in the config moved.
      for (const [k, v] of Object.entries(base.config)) {
        if (k !== key) assert.deepEqual(cfg[k], v, `--${name} also changed ${k}`);
      }
    } else {
      const field = runField[key];
      assert.ok(field !== undefined, `--${name} is neither a config field nor a run flag`);
      assert.equal(String((got as unknown as Record<string, unknown>)[field]), value);
    }
  });
}

Deno.test("every training-config field has a flag, and only the run flags are extra", () => {
  const flagKeys = Object.keys(TRAIN_FLAGS).map(camelCase).sort();
  const fields = Object.keys(TRAIN_PRESETS.default).filter((k) => k !== "split");
  assert.deepEqual(flagKeys, [...fields, ...Object.keys(TRAIN_RUN_FLAGS)].sort());
  // --help shows each with both presets' defaults where they differ.
  const help = formatHelp(TRAIN_FLAGS, { usage: "deno task train [flags]" });
  assert.match(help, /--dropout <number> +Dropout rate in the model\. \(default 0\.1; tiny 0\)/);
  assert.match(help, /--samples-per-epoch <integer>/);
});

Deno.test("the model's fields reach the model config a run builds (dropout was ignored once)", () => {
  const cmd = command(["--dropout", "0.3", "--seed", "7", "--model", "tiny"]);
  const m = trainModelConfig(cmd.config, 8, 60);
  assert.equal(m.dropout, 0.3);
  assert.equal(m.seed, 7);
  assert.equal(m.dModel, 16); // the tiny model
});

Deno.test("--years picks the data file and run directory; bad values are errors", () => {
  const three = command(["--years", "3"]);
  assert.equal(three.data, "data/market-3y.csv");
  assert.equal(three.out, "data/models/default-3y");
  assert.equal(command(["--years", "3", "--data", "x.csv"]).data, "x.csv");
  assert.throws(() => command(["--dropout", "1.5"]), /--dropout must be ≤ 0\.99/);
  assert.throws(() => command(["--supervision", "some"]), /--supervision must be one of all, last/);
  assert.throws(() => command(["--lr", "0"]), /lr must be a number > 0/);
});
