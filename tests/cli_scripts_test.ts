// scripts/generate.ts and scripts/validate.ts run as real processes: exit codes, messages,
// determinism of the written file, and no artefacts on failure.
import assert from "node:assert/strict";
import { runScript as run } from "./run_script.ts";
import { RB_BARS, realDataTest, realFile, RM_TICKS } from "./real_data.ts";
const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

async function sha256(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

const listDir = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

Deno.test("generate: same seed → identical bytes, other seed → different; one summary line", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_gen_" });
  try {
    const a = await run("generate.ts", ["--seed", "7", "--year", "2023", "--out", `${dir}/a.csv`]);
    const b = await run("generate.ts", ["--seed=7", "--year=2023", "--out", `${dir}/b.csv`]);
    const c = await run("generate.ts", ["--seed", "8", "--year", "2023", "--out", `${dir}/c.csv`]);
    for (const r of [a, b, c]) assert.equal(r.code, 0, r.stderr);
    assert.match(
      a.stdout,
      new RegExp(
        `^wrote 82,770 rows \\(default market\\), 242 trading days in \\d+\\.\\d\\d s to ${dir}/a\\.csv\\n$`,
      ),
    );
    assert.equal(await sha256(`${dir}/a.csv`), await sha256(`${dir}/b.csv`));
    assert.notEqual(await sha256(`${dir}/a.csv`), await sha256(`${dir}/c.csv`));
    assert.deepEqual(listDir(dir), ["a.csv", "b.csv", "c.csv"]); // no temp files left
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("generate: an unknown flag or a bad value exits 1 with the message and writes nothing", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_gen_" });
  try {
    const r = await run("generate.ts", ["--sead", "7", "--out", `${dir}/m.csv`]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "error: Unknown flag --sead (known: --market, --seed, --year, --years, --max-days, --out, " +
        "--help)\n",
    );
    const v = await run("generate.ts", ["--years", "two", "--out", `${dir}/m.csv`]);
    assert.equal(v.code, 1);
    assert.equal(v.stderr, 'error: Flag --years expects an integer, got "two"\n');
    assert.deepEqual(listDir(dir), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("validate: a bad file exits 1 naming row and column, and leaves no artefact", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_val_" });
  try {
    const path = `${dir}/bad.csv`;
    await Deno.copyFile(fixture("bad_empty_close.csv"), path);
    const r = await run("validate.ts", [path]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.equal(
      r.stderr,
      `error: Cannot parse row 2 of ${path} (line 3): column close is empty\n`,
    );
    assert.deepEqual(listDir(dir), ["bad.csv"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("validate: usage errors exit 1; --help exits 0", async () => {
  const none = await run("validate.ts", []);
  assert.equal(none.code, 1);
  assert.equal(none.stderr, "error: Expected 1 positional argument(s), got none\n");
  const layout = await run("validate.ts", [fixture("good_generic.csv"), "--layout", "ticks"]);
  assert.equal(layout.code, 1);
  assert.equal(
    layout.stderr,
    'error: Flag --layout must be one of auto, generic, vnpy-bars, vnpy-ticks, vnpy-db, tqsdk; got "ticks"\n',
  );
  const help = await run("validate.ts", ["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: deno task validate FILE \[flags\]\n/);
  assert.match(help.stdout, /--layout <auto\|generic\|vnpy-bars\|vnpy-ticks\|vnpy-db\|tqsdk>/);
  assert.match(help.stdout, /--symbol <CODE>/);
});

realDataTest("validate: both real files load and summarize", [RB_BARS, RM_TICKS], async () => {
  const bars = await run("validate.ts", [realFile(RB_BARS)]);
  assert.equal(bars.code, 0, bars.stderr);
  assert.match(bars.stdout, /^layout +vnpy-bars \(detected\)$/m);
  assert.match(bars.stdout, /^rows +3,450$/m);
  assert.match(bars.stdout, /^time +2017-05-31T21:01:00 … 2017-06-14T15:00:00$/m);
  assert.match(bars.stdout, /^trading days +10 \(2017-06-01 … 2017-06-14\)$/m);
  assert.match(bars.stdout, /^bars per day +345 bars: 10 day\(s\)/m);
  assert.match(bars.stdout, /^gaps in sessions +none$/m);
  const ticks = await run("validate.ts", [realFile(RM_TICKS)]);
  assert.equal(ticks.code, 0, ticks.stderr);
  assert.match(ticks.stdout, /^layout +vnpy-ticks \(detected\)$/m);
  assert.match(ticks.stdout, /^rows +190$/m);
  assert.match(ticks.stdout, /^book +yes \(with time-weighted spread\/depth means\)$/m);
});
