/**
 * Train the causal Transformer on a bar table and evaluate it honestly.
 *
 *   deno task train [--preset default|tiny] [--data FILE] [--years N] [--out DIR] [--resume]
 *                   [--epochs N] [--lr X] [--supervision all|last] [--seeds K] [--workers N] …
 *
 * Every field of the training config is a flag (`--help` lists them with their defaults). Writes
 * `<out>/best/`, `<out>/last/` (per seed in `<out>/seed-<s>/` with `--seeds K`, and the ensemble
 * in `<out>/best/`), `<out>/eval.json` and `<out>/loss.png`; shows a progress bar on a terminal.
 *
 * @module
 */
import { ensureMarket } from "../lib/market/mod.ts";
import { pathExists, readBars, writeTextFileAtomic } from "../lib/data/mod.ts";
import { disposeModel, initBackend } from "../lib/model/mod.ts";
import { savePlot } from "../lib/plot/mod.ts";
import {
  type EvalReport,
  type EvalRow,
  fingerprintBars,
  formatProgress,
  lossCurvePlot,
  modelOutputs,
  prepareDataset,
  referenceForecasts,
  scoreEvaluation,
  seedSummary,
  TRAIN_FLAGS,
  trainCommand,
  trainSeeds,
} from "../lib/train/mod.ts";
import { DATA_FLAGS, readBarsOptions } from "./_data_flags.ts";
import { runScript } from "./_main.ts";

await runScript({
  usage: "deno task train [flags]",
  description: "Train the causal Transformer (data-parallel on Workers, best-validation\n" +
    "checkpoint, early stopping) and print its evaluation, with 90 % day-block bootstrap\n" +
    "intervals, against reference forecasters and the oracle.",
  flags: { ...TRAIN_FLAGS, ...DATA_FLAGS },
  maxPositionals: 0,
}, async (parsed) => {
  const t0 = performance.now();
  const cmd = trainCommand(parsed);
  const { config, out } = cmd;

  const backend = await initBackend(config.backend);
  if (backend !== config.backend) {
    console.error(`warning: ${config.backend} failed; using ${backend}`);
  }
  const { table, generated } = !cmd.dataGiven && !(await pathExists(cmd.data))
    ? await ensureMarket(cmd.data, { market: { years: cmd.years } })
    : {
      table: await readBars(
        cmd.data,
        readBarsOptions(parsed.flags as Parameters<typeof readBarsOptions>[0]),
      ),
      generated: false,
    };
  const firstYear = Math.floor(table.tradingDay[0] / 10000);
  const span = Math.floor(table.tradingDay[table.tradingDay.length - 1] / 10000) - firstYear + 1;
  if (cmd.yearsGiven && span !== cmd.years) {
    throw new RangeError(
      `${cmd.data} spans ${span} calendar year(s), --years asks for ${cmd.years}: pass another ` +
        "--data, or remove the file to have it generated",
    );
  }
  const ds = prepareDataset(table, config);
  const fingerprint = await fingerprintBars(table);
  console.error(
    `train: ${cmd.data}${generated ? " (generated)" : ""}: ${
      ds.split.train.length + ds.split.val.length + ds.split.test.length
    } trading days, ` +
      `${ds.frame.names.length} features (${ds.frame.names.join(", ")})` +
      (ds.frame.absent.length ? `; absent: ${ds.frame.absent.join(", ")}` : "") +
      `\ntrain: windows train ${ds.ends.train.length}, val ${ds.ends.val.length}, ` +
      `test ${ds.ends.test.length}; ${config.model} model, ${config.supervision}-step loss, ` +
      `${config.workers} worker(s) on ${backend}; ${config.seeds} seed(s); out ${out}`,
  );
  await Deno.mkdir(out, { recursive: true });

  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  const run = await trainSeeds(ds, config, {
    outDir: out,
    resume: cmd.resume,
    meta: { fingerprint, data: cmd.data, backend },
    onSeed: (seed, i) =>
      config.seeds > 1 && console.error(`train: seed ${seed} (${i + 1}/${config.seeds})`),
    onProgress: (p) => {
      if (p.kind === "epoch") {
        Deno.stderr.writeSync(enc.encode(`${tty ? "\r\x1b[2K" : ""}${formatProgress(p)}\n`));
      } else if (tty) Deno.stderr.writeSync(enc.encode(`\r\x1b[2K${formatProgress(p)}`));
    },
  });
  const trainSeconds = (performance.now() - t0) / 1000;

  const refs = referenceForecasts(ds, config);
  const evaluate = async (model: typeof run.model) =>
    scoreEvaluation(ds, refs, await modelOutputs(model, ds, refs, { workers: config.workers }));
  const perSeed: EvalReport[] = [];
  if (config.seeds > 1) { for (const m of run.members) perSeed.push(await evaluate(m)); }
  const report = await evaluate(run.model);
  if (config.seeds === 1) perSeed.push(report);
  const summary = seedSummary(perSeed);
  const first = run.seeds[0];
  const evaluation = {
    data: cmd.data,
    fingerprint,
    backend,
    config,
    bestEpoch: first.bestEpoch,
    bestValLoss: first.bestValLoss,
    bestValIc: first.bestValIc,
    stopReason: first.stopReason,
    trainSeconds,
    history: first.history,
    ...report,
    seeds: run.seeds.map((s, i) => ({
      seed: s.seed,
      dir: s.dir,
      bestEpoch: s.bestEpoch,
      bestValIc: s.bestValIc,
      stopReason: s.stopReason,
      epochs: s.history.length,
      rows: perSeed[i].rows.filter((r) => r.forecaster === "model"),
      attention: perSeed[i].attention,
    })),
    seedSummary: summary,
  };
  await writeTextFileAtomic(`${out}/eval.json`, JSON.stringify(evaluation, null, 2) + "\n");
  await savePlot(
    lossCurvePlot(first.history, { loss: config.loss.toUpperCase() }),
    `${out}/loss.png`,
  );
  for (const m of new Set([run.model, ...run.members])) disposeModel(m);

  for (const s of run.seeds) {
    console.log(
      `\nseed ${s.seed}: best epoch ${s.bestEpoch} of ${s.history.length} (val IC ` +
        `${s.bestValIc.toFixed(4)}, val loss ${
          s.bestValLoss.toFixed(4)
        }), stopped: ${s.stopReason}`,
    );
  }
  console.log(
    `training ${trainSeconds.toFixed(0)} s` +
      (config.seeds > 1 ? `; model = ensemble of ${config.seeds} seeds` : ""),
  );
  console.log(evalTable(report.rows));
  const ent = report.attention;
  console.log(
    `last-step attention entropy on test windows: ${ent.meanEntropy.toFixed(3)} of log ` +
      `${ds.frame.spec.window} (10–90 %: ${ent.q10.toFixed(3)}–${ent.q90.toFixed(3)})`,
  );
  if (config.seeds > 1) {
    const f = (o: { mean: number; sd: number }) => `${fmt(o.mean, 3)} ± ${fmt(o.sd, 3)}`;
    console.log(
      `over ${config.seeds} seeds (mean ± sd): test IC ${f(summary.test.ic)}, corrOracle ` +
        `${f(summary.test.corrOracle)}, attention entropy ${f(summary.attentionEntropy)}`,
    );
  }
  const ratio = report.modelToOracleTestIc;
  console.log(
    (ratio === null
      ? "no ground truth, so no oracle; "
      : `test IC: model / oracle = ${fmt(ratio, 2)}; `) +
      `model beats every traded baseline: ${report.beatsBaselinesOnTest ? "yes" : "no"}`,
  );
  const vs = report.versusSummaryRidge;
  if (vs) {
    const d = (x: number, [lo, hi]: [number, number]) =>
      `${x >= 0 ? "+" : ""}${fmt(x, 3)} [${fmt(lo, 3)}, ${fmt(hi, 3)}]`;
    const within = (ci: [number, number]) => ci[0] <= 0 && 0 <= ci[1] ? " (no difference)" : "";
    console.log(
      `model − summary-ridge on test (paired 90 % intervals): IC ${d(vs.icDiff, vs.icDiffCi90)}` +
        within(vs.icDiffCi90) +
        (Number.isFinite(vs.corrOracleDiff)
          ? `, corrOracle ${d(vs.corrOracleDiff, vs.corrOracleDiffCi90)}` +
            within(vs.corrOracleDiffCi90)
          : ""),
    );
  }
  console.log(
    `wrote ${out}/best and ${out}/eval.json in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
});

function fmt(x: number | null, digits = 4): string {
  return x !== null && Number.isFinite(x) ? x.toFixed(digits) : "n/a";
}

/** The evaluation as a plain-text table: each score with its 90 % interval. */
function evalTable(rows: readonly EvalRow[]): string {
  const ci = (v: number, [lo, hi]: [number, number], d = 3) =>
    `${fmt(v, d)} [${fmt(lo, d)}, ${fmt(hi, d)}]`.padEnd(23);
  // corrOracle only where the data carry ground truth.
  const oracle = rows.some((r) => Number.isFinite(r.corrOracle));
  const lines = [
    "split forecaster         n  IC [90% CI]             rank IC [90% CI]        " +
    "dir acc [90% CI]        " + (oracle ? "corrOracle [90% CI]     " : "") + "|pred|>thr",
  ];
  for (const r of rows) {
    lines.push(
      `${r.split.padEnd(5)} ${r.forecaster.padEnd(13)} ${String(r.n).padStart(6)}  ` +
        ci(r.ic, r.icCi90) + " " + ci(r.rankIc, r.rankIcCi90) + " " +
        ci(r.directionalAccuracy, r.directionalAccuracyCi90) + " " +
        (oracle ? ci(r.corrOracle, r.corrOracleCi90) + " " : "") +
        `${fmt(100 * r.shareAboveThreshold, 2)} %`,
    );
  }
  return lines.join("\n");
}
