/**
 * The controls study: the pipeline on markets where the answer is known.
 *
 *   deno task controls [--preset default|tiny] [--markets null,default,trend] [--seeds 42,43,44]
 *                      [--null-seeds 42,43,44,45,46] [--max-days N] [--permutations 1000]
 *                      [--out data/controls] [--resume]
 *
 * For every market and seed (`--null-seeds` for the null market, `--seeds` for the others): generate (`--market`, `--seed`) → train → backtest into
 * `<out>/<market>-s<seed>/` (each stage's output in its `.log` there), then one verdict per run
 * computed from its eval.json and metrics.json (lib/study `controlVerdict`), written to
 * `<out>/controls.json` and `<out>/controls.html`. A progress bar with the ETA runs over the
 * stages. Exits 0 whatever the verdicts say: a failed control is a finding, reported loudly.
 *
 * @module
 */
import { type MarketName } from "../lib/market/mod.ts";
import { pathExists, readJsonFile, writeTextFileAtomic } from "../lib/data/mod.ts";
import { type ControlEntry, controlsHtml, controlsJson } from "../lib/report/mod.ts";
import {
  controlInputs,
  CONTROLS_PRESETS,
  type ControlsConfig,
  controlsConfig,
  controlVerdict,
  type EvalRecord,
  type MetricsRecord,
} from "../lib/study/mod.ts";
import { runScript } from "./_main.ts";
import { stage } from "./_stage.ts";

const D = CONTROLS_PRESETS.default;

/** The flags of `deno task controls`; defaults are the preset's. */
export const CONTROLS_FLAGS = {
  preset: { type: ["default", "tiny"], default: "default", doc: "Controls preset." },
  markets: {
    type: "string",
    placeholder: "LIST",
    doc: `Markets, comma-separated (default ${D.markets.join(",")}).`,
  },
  seeds: {
    type: "string",
    placeholder: "LIST",
    doc: `Generator seeds of default and trend, comma-separated (default ${D.seeds.join(",")}).`,
  },
  "null-seeds": {
    type: "string",
    placeholder: "LIST",
    doc: `Generator seeds of the null market (default ${D.nullSeeds.join(",")}).`,
  },
  "max-days": { type: "integer", min: 10, doc: "Trading days per market (default: a year)." },
  permutations: {
    type: "integer",
    min: 1,
    doc: `Gate-ablation permutations (default ${D.permutations}).`,
  },
  out: { type: "string", default: "data/controls", placeholder: "DIR", doc: "Output directory." },
  resume: {
    type: "boolean",
    default: false,
    doc: "Keep the stages whose output is already there (market.csv, eval.json, metrics.json) " +
      "and run the rest: an interrupted study continues, a finished one is judged again.",
  },
} as const;

/** The file each stage leaves when it has finished. */
const OUTPUT = {
  generate: (p: { data: string }) => p.data,
  train: (p: { model: string }) => `${p.model}/eval.json`,
  backtest: (p: { backtest: string }) => `${p.backtest}/metrics.json`,
} as const;

/** Seconds each stage takes relative to the others, for the ETA before any has finished. */
const WEIGHT = { generate: 0.01, train: 0.8, backtest: 0.19 } as const;

function clock(sec: number): string {
  if (!Number.isFinite(sec)) return "--:--";
  const m = Math.floor(sec / 60);
  return `${m}:${String(Math.round(sec % 60)).padStart(2, "0")}`;
}

/** One run's directory and the stage arguments that make it. */
function runPlan(cfg: ControlsConfig, out: string, market: MarketName, seed: number) {
  const dir = `${out}/${market}-s${seed}`;
  const paths = { data: `${dir}/market.csv`, model: `${dir}/model`, backtest: `${dir}/backtest` };
  const days = cfg.maxDays === null ? [] : ["--max-days", String(cfg.maxDays)];
  return {
    dir,
    paths,
    stages: [
      ["generate", "scripts/generate.ts", [
        "--market",
        market,
        "--seed",
        String(seed),
        "--out",
        paths.data,
        ...days,
      ]],
      ["train", "scripts/train.ts", [
        "--preset",
        cfg.trainPreset,
        "--data",
        paths.data,
        "--out",
        paths.model,
      ]],
      ["backtest", "scripts/backtest.ts", [
        "--data",
        paths.data,
        "--model",
        paths.model,
        "--out",
        paths.backtest,
        "--permutations",
        String(cfg.permutations),
      ]],
    ] as [keyof typeof WEIGHT, string, string[]][],
  };
}

await runScript({
  usage: "deno task controls [flags]",
  description: "Generate → train → backtest on the null, default and trend markets, then judge\n" +
    "each run (null must find nothing, trend must find the edge) into controls.json and\n" +
    "controls.html.",
  flags: CONTROLS_FLAGS,
  maxPositionals: 0,
}, async ({ flags }) => {
  const list = (s: string | undefined) => s?.split(",").map((x) => x.trim()).filter(Boolean);
  const cfg = controlsConfig(flags.preset, {
    ...(flags.markets ? { markets: list(flags.markets) as MarketName[] } : {}),
    ...(flags.seeds ? { seeds: list(flags.seeds)!.map(Number) } : {}),
    ...(flags.nullSeeds ? { nullSeeds: list(flags.nullSeeds)!.map(Number) } : {}),
    ...(flags.maxDays ? { maxDays: flags.maxDays } : {}),
    ...(flags.permutations ? { permutations: flags.permutations } : {}),
  });
  const runs = cfg.markets.flatMap((m) =>
    (m === "null" ? cfg.nullSeeds : cfg.seeds).map((s) => ({ market: m, seed: s }))
  );
  const plans = runs.map((r) => ({ ...r, ...runPlan(cfg, flags.out, r.market, r.seed) }));
  const total = plans.length * (WEIGHT.generate + WEIGHT.train + WEIGHT.backtest);
  const t0 = performance.now();
  const tty = Deno.stderr.isTerminal(), enc = new TextEncoder();
  let doneWeight = 0, step = 0;
  const steps = plans.length * 3;
  for (const plan of plans) {
    await Deno.mkdir(plan.dir, { recursive: true });
    let rerun = false;
    for (const [name, script, args] of plan.stages) {
      const elapsed = (performance.now() - t0) / 1000;
      const eta = doneWeight > 0 ? elapsed / doneWeight * (total - doneWeight) : NaN;
      const filled = Math.round(20 * doneWeight / total);
      Deno.stderr.writeSync(enc.encode(
        `${tty ? "\r\x1b[2K" : ""}controls [${"#".repeat(filled)}${"-".repeat(20 - filled)}] ` +
          `${++step}/${steps} ${plan.market} seed ${plan.seed}: ${name}  elapsed ` +
          `${clock(elapsed)} ETA ${clock(eta)}${tty ? "" : "\n"}`,
      ));
      // A stage that reruns makes every later stage of the run rerun too.
      if (!(flags.resume && !rerun && await pathExists(OUTPUT[name](plan.paths)))) {
        await stage(name, script, args, { log: `${plan.dir}/${name}.log` });
        rerun = true;
      }
      doneWeight += WEIGHT[name];
    }
  }
  if (tty) Deno.stderr.writeSync(enc.encode("\n"));

  const entries: ControlEntry[] = [];
  for (const p of plans) {
    const evaluation = await readJsonFile(`${p.paths.model}/eval.json`) as EvalRecord;
    const metrics = await readJsonFile(`${p.paths.backtest}/metrics.json`) as MetricsRecord;
    const inputs = controlInputs(evaluation, metrics, { market: p.market, seed: p.seed });
    entries.push({ inputs, verdict: controlVerdict(inputs), paths: p.paths });
  }
  const command = `deno task controls ${Deno.args.join(" ")}`.trim();
  const seconds = (performance.now() - t0) / 1000;
  const report = controlsJson(entries, { command, config: cfg, seconds });
  await writeTextFileAtomic(
    `${flags.out}/controls.json`,
    JSON.stringify(report, null, 2) + "\n",
  );
  await writeTextFileAtomic(`${flags.out}/controls.html`, controlsHtml(entries, { command }));
  for (const e of entries) {
    console.log(`${e.verdict.status.toUpperCase().padEnd(6)} ${e.verdict.headline}`);
    for (const r of e.verdict.reasons) console.log(`       - ${r}`);
  }
  const byMarket = report.byMarket as Record<string, { line: string }>;
  for (const t of Object.values(byMarket)) console.log(t.line);
  console.log(
    `wrote ${flags.out}/controls.json and ${flags.out}/controls.html in ${clock(seconds)}`,
  );
});
