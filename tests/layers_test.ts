/**
 * Layers point one way. The engine's module graph (Deno's own, `deno info`) holds no
 * TensorFlow.js and no polars; every import between areas of lib/ goes down the layer order; no
 * mod.ts re-exports a private (`_`-prefixed) module.
 */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url).pathname;

/** The modules Deno loads for `entry`, as specifiers. */
async function moduleGraph(entry: string): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", `${ROOT}${entry}`],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout));
  return (info.modules as { specifier: string }[]).map((m) => m.specifier);
}

const heavy = (specifiers: string[]) =>
  specifiers.filter((s) => /@tensorflow|nodejs-polars/.test(s));

Deno.test("the engine (lib/backtest) loads neither TensorFlow.js nor polars", async () => {
  const engine = await moduleGraph("lib/backtest/mod.ts");
  assert.ok(engine.some((s) => s.endsWith("lib/backtest/simulate.ts")), "the graph is read");
  assert.deepEqual(heavy(engine), []);
  // Its only npm package is the calendar's holiday table (lib/calendar, below the engine).
  const npm = engine.filter((s) => s.startsWith("npm:"));
  assert.deepEqual(npm.filter((s) => !s.includes("/chinese-days@")), [], npm.join(", "));
  // The check can fail: the study layer, which loads checkpoints, does load both.
  const study = heavy(await moduleGraph("lib/study/mod.ts"));
  assert.ok(study.some((s) => s.includes("@tensorflow/tfjs-core")), study.join(", "));
  assert.ok(study.some((s) => s.includes("nodejs-polars")), study.join(", "));
});

/** The layer of each area, lowest first: an area may import only areas of a lower rank. */
const RANK: Record<string, number> = {
  stats: 0,
  cli: 0,
  strategy: 0,
  calendar: 1,
  data: 2,
  plot: 3,
  market: 4,
  features: 4.5,
  model: 5,
  attention: 6,
  train: 6,
  backtest: 7,
  study: 8,
  report: 9,
};

function areaOf(path: string): string {
  return path.split("/")[0];
}

async function libFiles(dir = `${ROOT}lib`, rel = ""): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory) out.push(...await libFiles(`${dir}/${e.name}`, r));
    else if (e.name.endsWith(".ts")) out.push(r);
  }
  return out;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\s+from\s+)?"(\.{1,2}\/[^"]+)"/g;

Deno.test("imports between areas of lib/ go down the layer order", async () => {
  const bad: string[] = [];
  let edges = 0;
  for (const file of await libFiles()) {
    const text = (await Deno.readTextFile(`${ROOT}lib/${file}`))
      .replace(/\/\*[\s\S]*?\*\//g, "") // doc comments hold example imports
      .replace(/^\s*\/\/.*$/gm, "");
    const from = areaOf(file);
    assert.ok(from in RANK, `area of lib/${file} has no rank`);
    for (const m of text.matchAll(IMPORT)) {
      const target = new URL(m[1], `file://${ROOT}lib/${file}`).pathname.slice(
        `${ROOT}lib/`.length,
      );
      const to = areaOf(target);
      if (to === from) continue;
      edges++;
      if (!(RANK[to] < RANK[from])) bad.push(`lib/${file} (${from}) imports lib/${target} (${to})`);
    }
  }
  assert.ok(edges > 50, `${edges} imports between areas`);
  assert.deepEqual(bad, []);
});

Deno.test("no mod.ts re-exports a private module", async () => {
  for (const file of (await libFiles()).filter((f) => f.endsWith("/mod.ts"))) {
    const text = await Deno.readTextFile(`${ROOT}lib/${file}`);
    for (const m of text.matchAll(/export \* from "\.\/([^"]+)"/g)) {
      assert.ok(!m[1].startsWith("_"), `lib/${file} re-exports ${m[1]}`);
    }
  }
});
