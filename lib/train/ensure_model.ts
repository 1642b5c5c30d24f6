/**
 * A model for the analysis notebooks: the headless default run when it exists, otherwise a tiny
 * stand-in trained on the spot, each with the bar table it belongs to.
 *
 * `deno task train` (or `deno task pipeline`) leaves the default run in `data/models/default`
 * (about 10 minutes on 2 cores); on a fresh clone it is absent and the notebooks must still run in
 * seconds. Then a `tiny` model is trained on a small generated market in a temporary directory:
 * enough to exercise every analysis, far too small to judge the strategy by.
 *
 * @module
 */
import { dataPath, pathExists } from "../data/mod.ts";
import type { BarTable } from "../data/schema.ts";
import { ensureMarket, generateMarket } from "../market/mod.ts";
import { disposeModel, initBackend } from "../model/mod.ts";
import { fingerprintBars } from "./fingerprint.ts";
import { prepareDataset } from "./prepare_dataset.ts";
import { type TrainConfig, trainConfig } from "./train_config.ts";
import { trainModel } from "./train_model.ts";

/** Options of {@linkcode ensureModel}. */
export interface EnsureModelOptions {
  /**
   * Run directory of the default model (its `best/` is used). Default `dataPath("models/default")`
   * (the artefact folder: `$TRENDFORMER_DATA` or the repository's `data/`).
   */
  modelDir?: string;
  /** Bar table of the default model, generated if missing. Default `dataPath("market.csv")`. */
  dataPath?: string;
  /** Trading days of the stand-in's generated market (seed 42, from 2023-01-03). Default 60. */
  standInDays?: number;
  /**
   * Overrides of the `tiny` training preset for the stand-in. Default `{ epochs: 10, patience: 3,
   * samplesPerEpoch: 2048 }` (about 10 s on 2 cores).
   */
  standInTrain?: Partial<TrainConfig>;
}

/** The model to analyse and its data. */
export interface EnsuredModel {
  /** `"default"`: the headless run; `"stand-in"`: a tiny model trained just now. */
  kind: "default" | "stand-in";
  /** Training run directory (holds `best/`), for `runBacktest` and friends. */
  dir: string;
  /** The bar table the model was trained on (its split gives in- and out-of-sample days). */
  table: BarTable;
  /** Where the table lives: the CSV path, or `"generated in memory"` for the stand-in. */
  data: string;
  /** Default run: its `eval.json` exists (training finished). Stand-in: true. */
  finished: boolean;
  /** Stand-in training: epochs run, best epoch, wall seconds. Null for the default run. */
  training: { epochs: number; bestEpoch: number; seconds: number } | null;
  /** One plain sentence saying which model this is (markdown). */
  note: string;
  /** Deletes the stand-in's temporary directory; does nothing for the default run. */
  cleanup(): Promise<void>;
}

/**
 * The default model when `<modelDir>/best/model.json` exists (with its table from `dataPath`,
 * via `ensureMarket`); otherwise a `tiny` stand-in trained now on `standInDays` generated trading
 * days, in a temporary directory that `cleanup()` removes. Training is seeded, so the stand-in is
 * the same in every notebook on the same backend. Nothing is printed.
 *
 * @example
 * ```ts
 * const m = await ensureModel(); // data/models/default with data/market.csv, or a stand-in
 * m.kind; // "default" after `deno task train`, else "stand-in"
 * const run = await runBacktest(m.table, m.dir);
 * await m.cleanup();
 * ```
 * @param options see {@linkcode EnsureModelOptions}; defaults: modelDir `data/models/default`,
 *   dataPath `data/market.csv` (both in the artefact folder), standInDays 60, standInTrain `{ epochs: 10, patience: 3,
 *   samplesPerEpoch: 2048 }`.
 */
export async function ensureModel(options: EnsureModelOptions = {}): Promise<EnsuredModel> {
  const modelDir = (options.modelDir ?? dataPath("models", "default")).replace(/\/+$/, "");
  const marketPath = options.dataPath ?? dataPath("market.csv");
  const days = options.standInDays ?? 60;
  if (!Number.isInteger(days) || days < 10) {
    throw new RangeError(`standInDays must be an integer ≥ 10, got ${days}`);
  }
  if (await pathExists(`${modelDir}/best/model.json`)) {
    const { table, generated } = await ensureMarket(marketPath);
    const finished = await pathExists(`${modelDir}/eval.json`);
    return {
      kind: "default",
      dir: modelDir,
      table,
      data: marketPath,
      finished,
      training: null,
      note: `The **default model** from \`${modelDir}\` (\`deno task train\`${
        finished ? "" : "; its eval.json is missing, so the run may still be in progress"
      }), on its data \`${marketPath}\`${generated ? " (generated just now)" : ""}.`,
      cleanup: () => Promise.resolve(),
    };
  }
  const cfg = trainConfig("tiny", {
    epochs: 10,
    patience: 3,
    samplesPerEpoch: 2048,
    ...options.standInTrain,
  });
  await initBackend(cfg.backend);
  const table = generateMarket({ maxDays: days });
  const dir = await Deno.makeTempDir({ prefix: "trendformer_standin_" });
  try {
    const t0 = performance.now();
    const run = await trainModel(prepareDataset(table, cfg), cfg, {
      outDir: dir,
      meta: { fingerprint: await fingerprintBars(table), data: "generated in memory" },
    });
    disposeModel(run.model);
    const seconds = (performance.now() - t0) / 1000;
    return {
      kind: "stand-in",
      dir,
      table,
      data: "generated in memory",
      finished: true,
      training: { epochs: run.history.length, bestEpoch: run.bestEpoch, seconds },
      note: `A **tiny stand-in**: no default model in \`${modelDir}\`, so a \`tiny\` model ` +
        `(${run.history.length} epochs, ${seconds.toFixed(1)} s) was trained just now on ${days} ` +
        "generated trading days. It shows the machinery, not a result: run `deno task pipeline` " +
        "for the real model, then re-run this notebook.",
      cleanup: () => Deno.remove(dir, { recursive: true }),
    };
  } catch (e) {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    throw e;
  }
}
