/**
 * Train the causal Transformer on a bar table and evaluate it honestly.
 *
 *   deno task train [--epochs 20] [--lr 0.0005] [--batch 64] [--preset default|tiny] [--data …]
 *                   [--out …] [--backend wasm|cpu] [--resume]
 *
 * Mirrors the original `run_strategy.py --mode train --epochs 20 --lr 0.0005`. Writes
 * `<out>/best/`, `<out>/last/` and `<out>/eval.json`; shows a progress bar on a terminal.
 *
 * @module
 */
import { readBars, writeTextFileAtomic } from "../lib/data/mod.ts";
import { initBackend } from "../lib/model/mod.ts";
import { savePlot } from "../lib/plot/mod.ts";
import {
  evaluateModel,
  fingerprintBars,
  formatProgress,
  lossCurvePlot,
  prepareDataset,
  type TrainConfig,
  trainConfig,
  trainModel,
} from "../lib/train/mod.ts";
import { DATA_FLAGS, readBarsOptions } from "./_data_flags.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task train`; given flags override the preset. */
export const TRAIN_FLAGS = {
  preset: { type: ["default", "tiny"], default: "default", doc: "Training preset." },
  epochs: { type: "integer", min: 1, doc: "Maximum epochs (default 20; tiny 3)." },
  lr: { type: "number", min: 0, doc: "Adam learning rate (default 0.0005)." },
  batch: { type: "integer", min: 1, doc: "Windows per step (default 64)." },
  "samples-per-epoch": { type: "integer", min: 0, doc: "Windows per epoch; 0 = all." },
  patience: { type: "integer", min: 1, doc: "Early-stopping patience in epochs (default 3)." },
  loss: { type: ["mse", "huber"], doc: "Loss (default mse)." },
  dropout: { type: "number", min: 0, max: 0.99, doc: "Dropout rate (default 0.1; tiny 0)." },
  seed: { type: "integer", min: 0, doc: "Seed of init, dropout and shuffling (default 42)." },
  backend: { type: ["wasm", "cpu"], doc: "tfjs backend (default wasm)." },
  data: { type: "string", default: "data/market.csv", placeholder: "FILE", doc: "Bar table." },
  out: { type: "string", placeholder: "DIR", doc: "Run directory (default data/models/<preset>)." },
  resume: { type: "boolean", default: false, doc: "Continue from <out>/last." },
  ...DATA_FLAGS,
} as const;

await runScript({
  usage: "deno task train [flags]",
  description: "Train the causal Transformer (best-validation checkpoint, early stopping) and\n" +
    "print its evaluation against baselines and the oracle.",
  flags: TRAIN_FLAGS,
  maxPositionals: 0,
}, async ({ flags }) => {
  const t0 = performance.now();
  const overrides: Partial<TrainConfig> = {};
  for (
    const k of ["epochs", "lr", "batch", "samplesPerEpoch", "patience", "loss", "seed"] as const
  ) {
    if (flags[k] !== undefined) Object.assign(overrides, { [k]: flags[k] });
  }
  if (flags.backend !== undefined) overrides.backend = flags.backend;
  const config = trainConfig(flags.preset, overrides);
  const out = flags.out ?? `data/models/${flags.preset}`;

  const backend = await initBackend(config.backend);
  if (backend !== config.backend) {
    console.error(`warning: ${config.backend} failed; using ${backend}`);
  }
  const table = await readBars(flags.data, readBarsOptions(flags));
  const ds = prepareDataset(table, config);
  const fingerprint = await fingerprintBars(table);
  console.error(
    `train: ${flags.data}: ${ds.frame.names.length} features (${ds.frame.names.join(", ")})` +
      (ds.frame.absent.length ? `; absent: ${ds.frame.absent.join(", ")}` : "") +
      `\ntrain: windows train ${ds.ends.train.length}, val ${ds.ends.val.length}, ` +
      `test ${ds.ends.test.length}; ${config.model} model on ${backend}; out ${out}`,
  );
  await Deno.mkdir(out, { recursive: true });

  const tty = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  const run = await trainModel(ds, config, {
    outDir: out,
    resume: flags.resume,
    meta: { fingerprint, data: flags.data, backend },
    onProgress: (p) => {
      if (p.kind === "epoch") {
        Deno.stderr.writeSync(enc.encode(`${tty ? "\r\x1b[2K" : ""}${formatProgress(p)}\n`));
      } else if (tty) Deno.stderr.writeSync(enc.encode(`\r\x1b[2K${formatProgress(p)}`));
    },
  });
  const trainSeconds = (performance.now() - t0) / 1000;

  const report = await evaluateModel(run.model, ds, config);
  const evaluation = {
    data: flags.data,
    fingerprint,
    backend,
    config,
    bestEpoch: run.bestEpoch,
    bestValLoss: run.bestValLoss,
    stopReason: run.stopReason,
    trainSeconds,
    history: run.history,
    ...report,
  };
  await writeTextFileAtomic(`${out}/eval.json`, JSON.stringify(evaluation, null, 2) + "\n");
  await savePlot(
    lossCurvePlot(run.history, { loss: config.loss.toUpperCase() }),
    `${out}/loss.png`,
  );

  console.log(
    `\nbest epoch ${run.bestEpoch} (val loss ${run.bestValLoss.toFixed(4)}), ` +
      `stopped: ${run.stopReason}, training ${trainSeconds.toFixed(0)} s`,
  );
  console.log("split  forecaster        n        MSE       IC  rank IC  dir acc");
  for (const r of report.rows) {
    const f = (x: number, d = 4) => (Number.isFinite(x) ? x.toFixed(d) : "n/a").padStart(8);
    console.log(
      `${r.split.padEnd(6)} ${r.forecaster.padEnd(10)} ${String(r.n).padStart(8)} ` +
        `${(r.mse * 1e6).toFixed(3).padStart(7)}e-6 ${f(r.ic)} ${f(r.rankIc)} ${
          f(r.directionalAccuracy, 3)
        }`,
    );
  }
  const ratio = report.modelToOracleTestIc;
  console.log(
    (ratio === null
      ? "no ground truth, so no oracle; "
      : `test IC: model / oracle = ${ratio.toFixed(2)}; `) +
      `model beats every baseline: ${report.beatsBaselinesOnTest ? "yes" : "no"}`,
  );
  console.log(
    `wrote ${out}/best, ${out}/last and ${out}/eval.json in ${
      ((performance.now() - t0) / 1000).toFixed(0)
    } s`,
  );
});
