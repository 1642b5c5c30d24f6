// parseFlags / formatHelp: syntax, typing, defaults and every error.
import assert from "node:assert/strict";
import { formatHelp, givenFlags, parseFlags } from "../lib/cli/mod.ts";

const SPEC = {
  seed: { type: "integer", default: 42, doc: "Random seed." },
  "learning-rate": { type: "number", default: 1e-3, min: 0, doc: "Step size." },
  out: { type: "string", default: "data/market.csv", placeholder: "FILE", doc: "Output." },
  layout: { type: ["auto", "generic", "vnpy-bars"], default: "auto", doc: "Layout." },
  "dry-run": { type: "boolean", default: false, doc: "Do not write." },
  "max-days": { type: "integer", min: 1, doc: "Limit." },
} as const;

Deno.test("parseFlags: defaults, both syntaxes, camelCase keys, positionals", () => {
  const none = parseFlags([], SPEC);
  assert.deepEqual(none.flags, {
    seed: 42,
    learningRate: 1e-3,
    out: "data/market.csv",
    layout: "auto",
    dryRun: false,
    maxDays: undefined,
  });
  assert.deepEqual(none.positionals, []);
  assert.equal(none.help, false);
  assert.deepEqual([...none.given], []);

  const p = parseFlags(
    ["in.csv", "--seed", "7", "--learning-rate=2.5e-4", "--layout", "vnpy-bars", "--dry-run", "x"],
    SPEC,
  );
  assert.deepEqual(p.flags, {
    seed: 7,
    learningRate: 2.5e-4,
    out: "data/market.csv",
    layout: "vnpy-bars",
    dryRun: true,
    maxDays: undefined,
  });
  assert.deepEqual(p.positionals, ["in.csv", "x"]); // a boolean never eats the next argument
  assert.deepEqual([...p.given].sort(), ["dryRun", "layout", "learningRate", "seed"]);
  assert.deepEqual(givenFlags(parseFlags(["--seed", "7", "--no-dry-run"], SPEC)), {
    seed: 7,
    dryRun: false,
  });
});

Deno.test("parseFlags: booleans, negative numbers, --, help", () => {
  assert.equal(parseFlags(["--dry-run=false"], SPEC).flags.dryRun, false);
  assert.equal(parseFlags(["--no-dry-run"], SPEC).flags.dryRun, false);
  assert.equal(parseFlags(["--dry-run=true"], SPEC).flags.dryRun, true);
  const neg = parseFlags(["--seed", "-5", "--out=--odd"], SPEC);
  assert.equal(neg.flags.seed, -5);
  assert.equal(neg.flags.out, "--odd");
  assert.deepEqual(parseFlags(["--", "--seed", "-x"], SPEC).positionals, ["--seed", "-x"]);
  assert.equal(parseFlags(["-h"], SPEC).help, true);
  assert.equal(parseFlags(["--seed", "1", "--help"], SPEC).help, true);
});

Deno.test("parseFlags: every error names the flag and the value", () => {
  const known = "--seed, --learning-rate, --out, --layout, --dry-run, --max-days, --help";
  const cases: [string[], string, string][] = [
    [["--sead", "3"], "TypeError", `Unknown flag --sead (known: ${known})`],
    [["-s", "3"], "TypeError", `Unknown flag -s; short flags are not supported (known: ${known})`],
    [["--seed"], "TypeError", "Flag --seed needs a value (integer)"],
    [["--seed", "--out", "x"], "TypeError", "Flag --seed needs a value (integer)"],
    [["--seed", "7.5"], "TypeError", 'Flag --seed expects an integer, got "7.5"'],
    [["--seed=abc"], "TypeError", 'Flag --seed expects an integer, got "abc"'],
    [["--seed="], "TypeError", 'Flag --seed expects an integer, got ""'],
    [["--learning-rate", "0x10"], "TypeError", 'Flag --learning-rate expects a number, got "0x10"'],
    [["--learning-rate", "-1"], "RangeError", "Flag --learning-rate must be ≥ 0, got -1"],
    [["--max-days", "0"], "RangeError", "Flag --max-days must be ≥ 1, got 0"],
    [
      ["--layout", "csv"],
      "RangeError",
      'Flag --layout must be one of auto, generic, vnpy-bars; got "csv"',
    ],
    [["--dry-run=yes"], "TypeError", 'Flag --dry-run expects true or false, got "yes"'],
    [["--no-dry-run=1"], "TypeError", 'Flag --no-dry-run takes no value, got "1"'],
    [["--seed", "1", "--seed=2"], "TypeError", "Flag --seed is given more than once"],
  ];
  for (const [args, name, message] of cases) {
    assert.throws(() => parseFlags(args, SPEC), { name, message }, args.join(" "));
  }
});

Deno.test("parseFlags: positional-count bounds", () => {
  assert.throws(() => parseFlags([], SPEC, { minPositionals: 1, maxPositionals: 1 }), {
    name: "RangeError",
    message: "Expected 1 positional argument(s), got none",
  });
  assert.throws(() => parseFlags(["a", "b"], SPEC, { maxPositionals: 1 }), {
    name: "RangeError",
    message: 'Expected 0 to 1 positional argument(s), got "a" "b"',
  });
  // --help skips the check so `validate --help` works without FILE.
  assert.equal(parseFlags(["--help"], SPEC, { minPositionals: 1 }).help, true);
});

Deno.test("formatHelp lists every flag with type, range and default", () => {
  const text = formatHelp(SPEC, {
    usage: "deno task x FILE [flags]",
    description: "Does x.",
    positionals: { FILE: "Input." },
  });
  assert.equal(
    text,
    [
      "Usage: deno task x FILE [flags]",
      "",
      "Does x.",
      "",
      "Arguments:",
      "  FILE  Input.",
      "",
      "Flags:",
      "  --seed <integer>                   Random seed. (default: 42)",
      "  --learning-rate <number>           Step size. [0 … ∞] (default: 0.001)",
      '  --out <FILE>                       Output. (default: "data/market.csv")',
      '  --layout <auto|generic|vnpy-bars>  Layout. (default: "auto")',
      "  --dry-run, --no-dry-run            Do not write. (default: false)",
      "  --max-days <integer>               Limit. [1 … ∞]",
      "  -h, --help                         Show this help.",
    ].join("\n"),
  );
});
