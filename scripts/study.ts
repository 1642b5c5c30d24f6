/**
 * The learning study behind notebook 04 and the README: last-step against all-step supervision,
 * on one and on three years of the synthetic market (seed 42), over several training seeds, each
 * scored on its test days with 90 % day-block bootstrap intervals beside the reference
 * forecasters.
 *
 *   deno task study [--years 1,3] [--supervision last,all] [--seeds 3] [--out FILE]
 *                   [any training-config flag of deno task train, e.g. --epochs 40]
 *
 * Each (years, supervision, seed) run trains the default preset (with the given overrides) in
 * `data/study/<name of --out>/<years>y-<supervision>/seed-<s>/` and appends its scores to
 * `--out` (default `results/learning_study.json`, committed with the repository so the notebook
 * can show it without retraining). Runs already in the file with the same configuration are
 * skipped, so an interrupted study continues where it stopped. Expect about 2 minutes a run on
 * one year and 8 on three, on 2 quiet cores; the default study (12 runs) about an hour.
 *
 * @module
 */
import { ensureMarket } from "../lib/market/mod.ts";
import { pathExists, readJsonFile, writeTextFileAtomic } from "../lib/data/mod.ts";
import { disposeModel, ensembleModel, initBackend, loadCheckpoint } from "../lib/model/mod.ts";
import {
  type EvalReport,
  type EvalRow,
  modelOutputs,
  prepareDataset,
  referenceForecasts,
  scoreEvaluation,
  type StudyResults,
  type StudyRun,
  type StudyScores,
  TRAIN_CONFIG_FIELDS,
  TRAIN_CONFIG_FLAGS,
  type TrainConfig,
  trainConfig,
  trainModel,
} from "../lib/train/mod.ts";
import { runScript } from "./_main.ts";

const STUDY_FLAGS = {
  years: { type: "string", default: "1,3", doc: "Comma-separated data sizes in years." },
  supervision: { type: "string", default: "last,all", doc: "Comma-separated supervisions." },
  seeds: { type: "integer", default: 3, min: 1, doc: "Training seeds per cell (42, 43, …)." },
  out: {
    type: "string",
    default: "results/learning_study.json",
    placeholder: "FILE",
    doc: "Results file (read first: finished runs are kept and skipped).",
  },
  ...Object.fromEntries(
    Object.entries(TRAIN_CONFIG_FLAGS).filter(([k]) => !["seeds", "supervision"].includes(k)),
  ),
} as const;

type Scores = StudyScores;

const keep = (r: EvalRow): Scores => ({
  n: r.n,
  ic: r.ic,
  icCi90: r.icCi90,
  rankIc: r.rankIc,
  rankIcCi90: r.rankIcCi90,
  directionalAccuracy: r.directionalAccuracy,
  directionalAccuracyCi90: r.directionalAccuracyCi90,
  corrOracle: r.corrOracle,
  corrOracleCi90: r.corrOracleCi90,
  shareAboveThreshold: r.shareAboveThreshold,
});
const row = (rep: EvalReport, split: "val" | "test", f: string) =>
  keep(rep.rows.find((r) => r.split === split && r.forecaster === f)!);

await runScript({
  usage: "deno task study [flags]",
  description: "Last-step vs all-step supervision on 1 and 3 years, over several seeds.",
  flags: STUDY_FLAGS,
  maxPositionals: 0,
}, async (parsed) => {
  const flags = parsed.flags as Record<string, unknown>;
  const yearsList = String(flags.years).split(",").map(Number);
  const supervisions = String(flags.supervision).split(",") as ("all" | "last")[];
  const out = String(flags.out);
  const study = out.replace(/^.*\//, "").replace(/\.json$/, "");
  const overrides: Record<string, unknown> = {};
  for (const key of parsed.given) {
    if (key in TRAIN_CONFIG_FIELDS && key !== "seeds" && key !== "supervision") {
      overrides[key] = flags[key];
    }
  }
  const results: StudyResults = await pathExists(out)
    ? await readJsonFile(out) as StudyResults
    : { command: "", machine: { cores: 0, os: "" }, runs: [], ensembles: [], references: {} };
  results.command = `deno task study ${Deno.args.join(" ")}`.trim();
  results.machine = { cores: navigator.hardwareConcurrency, os: Deno.build.os };
  await initBackend("wasm");
  const save = () => writeTextFileAtomic(out, JSON.stringify(results, null, 1) + "\n");

  for (const years of yearsList) {
    const suffix = years === 1 ? "" : `-${years}y`;
    const { table } = await ensureMarket(`data/market${suffix}.csv`, { market: { years } });
    for (const supervision of supervisions) {
      const base = trainConfig("default", { ...overrides, supervision } as Partial<TrainConfig>);
      const ds = prepareDataset(table, base);
      const refs = referenceForecasts(ds, base);
      const members = [];
      for (let i = 0; i < Number(flags.seeds); i++) {
        const config = { ...base, seed: base.seed + i };
        const dir = `data/study/${study}/${years}y-${supervision}/seed-${config.seed}`;
        const done = results.runs.find((r) =>
          r.years === years && r.supervision === supervision &&
          JSON.stringify(r.config) === JSON.stringify(config)
        );
        if (done && await pathExists(`${dir}/best/model.json`)) {
          console.log(`skip ${years}y ${supervision} seed ${config.seed}: already in ${out}`);
          members.push((await loadCheckpoint(`${dir}/best`)).model);
          continue;
        }
        await Deno.mkdir(dir, { recursive: true });
        const t0 = performance.now();
        const run = await trainModel(ds, config, {
          outDir: dir,
          onProgress: (p) =>
            p.kind === "epoch" &&
            console.error(
              `${years}y ${supervision} seed ${config.seed}: epoch ${p.epoch} val IC ` +
                `${p.valIc?.toFixed(4)} ${p.improved ? "*" : ""}`,
            ),
        });
        const seconds = (performance.now() - t0) / 1000;
        const rep = scoreEvaluation(
          ds,
          refs,
          await modelOutputs(run.model, ds, refs, {
            workers: config.workers,
          }),
        );
        members.push(run.model);
        const entry: StudyRun = {
          years,
          supervision,
          seed: config.seed,
          config,
          bestEpoch: run.bestEpoch,
          epochs: run.history.length,
          seconds,
          windowsPerSec: run.history.reduce((a, h) => a + h.samplesPerSec, 0) / run.history.length,
          test: row(rep, "test", "model"),
          val: row(rep, "val", "model"),
          attentionEntropy: rep.attention.meanEntropy,
        };
        results.runs = results.runs.filter((r) =>
          !(r.years === years && r.supervision === supervision && r.seed === config.seed)
        );
        results.runs.push(entry);
        results.references[`${years}y`] = Object.fromEntries(
          ["summary-ridge", "ceiling", "oracle", "ridge", "momentum"].map((
            f,
          ) => [f, row(rep, "test", f)]),
        );
        await save();
        console.log(
          `${years}y ${supervision} seed ${config.seed}: test corrOracle ` +
            `${entry.test.corrOracle.toFixed(3)} [${
              entry.test.corrOracleCi90.map((v) => v.toFixed(3))
            }], ` +
            `IC ${entry.test.ic.toFixed(4)}, entropy ${entry.attentionEntropy.toFixed(3)}, ` +
            `best epoch ${run.bestEpoch}/${run.history.length}, ${seconds.toFixed(0)} s`,
        );
      }
      const ens = ensembleModel(members);
      const rep = scoreEvaluation(
        ds,
        refs,
        await modelOutputs(ens, ds, refs, { workers: base.workers }),
      );
      results.ensembles = results.ensembles.filter((e) =>
        !(e.years === years && e.supervision === supervision)
      );
      results.ensembles.push({
        years,
        supervision,
        seeds: members.map((_, i) => base.seed + i),
        test: row(rep, "test", "model"),
        attentionEntropy: rep.attention.meanEntropy,
      });
      await save();
      for (const m of [ens, ...members]) disposeModel(m);
    }
  }
  console.log(`wrote ${out}`);
});
