/**
 * Walk-forward: rolling-origin retraining with thresholds chosen out of sample, as Qlib's rolling
 * benchmarks retrain every 20 trading days.
 *
 * Steps:
 * 1. **Plan** the folds (`walkForwardFolds`): each tests the next K days after training on the
 *    days before its validation block, with a purge gap on both sides of the validation block.
 * 2. For each fold, unless it finished in an earlier, interrupted run (`readFold`):
 *    - **train** (`trainFold`) on its training days, warm-started from the previous fold's
 *      model, early-stopped on its validation days;
 *    - **evaluate** (`evaluateFold`): predict its validation and test days, choose thresholds on
 *      the validation days alone, keep the test days' predictions;
 *    - **save** the fold atomically (`writeFold`), then read it back, so a resumed run and an
 *      uninterrupted one continue from the same bytes.
 * 3. **Stitch** the test blocks into one out-of-sample run (`stitchFolds`) with day-block
 *    bootstrap intervals, for the strategy's thresholds and for the thresholds chosen per fold.
 *
 * Resumable: stop it at any point and run it again with the same config and data; finished folds
 * are read back, an unfinished one is trained again from scratch (training is seeded), and the
 * result is the same (tests/walk_forward_resume_test.ts kills a run to check it).
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { initBackend } from "../model/mod.ts";
import { type StrategyConfig, strategyConfig } from "../strategy/mod.ts";
import { fingerprintBars, type TrainProgress } from "../train/mod.ts";
import { engineConfig, runBacktestConfig } from "./run_backtest_config.ts";
import {
  foldTrainConfig,
  type WalkForwardConfig,
  walkForwardConfig,
  type WalkForwardOverrides,
} from "./walk_forward_config.ts";
import { evaluateFold, trainFold } from "./walk_forward_fold.ts";
import { type Fold, walkForwardFolds } from "./walk_forward_plan.ts";
import { type Stitched, stitchFolds } from "./walk_forward_stitch.ts";
import { foldDir, type FoldRecord, openPlan, readFold, writeFold } from "./walk_forward_store.ts";

/** What {@linkcode walkForward} reports as it goes. */
export interface WalkForwardProgress {
  /** 0-based fold. */
  fold: number;
  /** Folds in the plan. */
  folds: number;
  /** `"resumed"`: read from an earlier run; `"train"`/`"evaluate"`: working; `"done"`: saved. */
  stage: "resumed" | "train" | "evaluate" | "done";
  /** Seconds since the start. */
  elapsedSec: number;
  /** Estimated seconds left (from the folds computed so far in this run); NaN before the first. */
  etaSec: number;
  /** With `stage: "train"`: the trainer's own progress. */
  train?: TrainProgress;
}

/** Options of {@linkcode walkForward}. */
export interface WalkForwardOptions {
  /** Config overrides. */
  config?: WalkForwardOverrides;
  /** Preset. Default `"default"`. */
  preset?: "default" | "tiny";
  /** Delete earlier folds in the directory and start over. Default false (resume). */
  fresh?: boolean;
  /** Called as folds progress. */
  onProgress?: (p: WalkForwardProgress) => void;
}

/** Everything a walk-forward produced. */
export interface WalkForwardRun {
  /** The resolved config. */
  config: WalkForwardConfig;
  /** The strategy traded (thresholds, hold, lots). */
  strategy: StrategyConfig;
  /** The data: source label, bars, SHA-256. */
  data: { source: string; bars: number; fingerprint: string };
  /** Every fold, in order. */
  folds: FoldRecord[];
  /** Folds read back from an earlier run rather than computed now. */
  resumed: number;
  /** The stitched out-of-sample run. */
  stitched: Stitched;
  /** Wall seconds. */
  seconds: number;
}

/**
 * Run (or resume) the walk-forward of `table` in `outDir` (see the module doc). Throws
 * RangeError when the table has too few days for one fold, Error when `outDir` holds a plan of
 * another config or other data (pass `fresh`).
 *
 * @example
 * ```ts
 * const wf = await walkForward(table, "data/walk-forward/default", {
 *   onProgress: (p) => console.log(p.fold, p.stage),
 * });
 * wf.stitched.spec.summary.after.pnl; wf.stitched.spec.intervals.sharpe;
 * ```
 */
export async function walkForward(
  table: BarTable,
  outDir: string,
  options: WalkForwardOptions = {},
): Promise<WalkForwardRun> {
  const t0 = performance.now();
  const cfg = walkForwardConfig(options.config, { preset: options.preset });
  const backtest = runBacktestConfig(cfg.backtest);
  const strategy = strategyConfig(backtest.strategy);
  const folds = walkForwardFolds(Array.from(new Set(table.tradingDay)), cfg);
  const data = {
    source: table.source,
    bars: table.time.length,
    fingerprint: await fingerprintBars(table),
  };
  await openPlan(outDir, {
    format: "trendformer-walk-forward",
    version: 1,
    config: cfg,
    data,
    folds,
  }, {
    fresh: options.fresh ?? false,
  });
  const records: FoldRecord[] = [];
  let resumed = 0, computed = 0, computedSec = 0;
  const report = (fold: number, stage: WalkForwardProgress["stage"], train?: TrainProgress) => {
    const left = folds.length - fold - (stage === "done" || stage === "resumed" ? 1 : 0);
    options.onProgress?.({
      fold,
      folds: folds.length,
      stage,
      elapsedSec: (performance.now() - t0) / 1000,
      etaSec: computed > 0 ? (computedSec / computed) * left : NaN,
      train,
    });
  };
  for (const fold of folds) {
    let record = await readFold(outDir, fold.index);
    if (record !== null) {
      resumed++;
      report(fold.index, "resumed");
    } else {
      const f0 = performance.now();
      await runFold(table, fold, outDir, { cfg, backtest, report });
      record = (await readFold(outDir, fold.index))!;
      computed++;
      computedSec += (performance.now() - f0) / 1000;
      report(fold.index, "done");
    }
    records.push(record);
  }
  const stitched = stitchFolds(table, records, {
    strategy,
    backtest: engineConfig(backtest, table),
    periodsPerYear: backtest.periodsPerYear,
    bootstrap: cfg.bootstrap,
  });
  return {
    config: cfg,
    strategy,
    data,
    folds: records,
    resumed,
    stitched,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Train, evaluate and save one fold (any leftover of an interrupted attempt is removed first). */
async function runFold(
  table: BarTable,
  fold: Fold,
  outDir: string,
  o: {
    cfg: WalkForwardConfig;
    backtest: ReturnType<typeof runBacktestConfig>;
    report: (fold: number, stage: WalkForwardProgress["stage"], train?: TrainProgress) => void;
  },
): Promise<void> {
  const t0 = performance.now(), dir = foldDir(outDir, fold.index);
  await Deno.remove(dir, { recursive: true }).catch(() => {});
  const warm = o.cfg.warmStart && fold.index > 0;
  const config = foldTrainConfig(o.cfg, warm);
  await initBackend(config.backend);
  o.report(fold.index, "train");
  const training = await trainFold(table, fold, {
    config,
    outDir: `${dir}/model`,
    warmFrom: warm ? `${foldDir(outDir, fold.index - 1)}/model/best` : null,
    purgeDays: o.cfg.purgeDays,
    onProgress: (p) => o.report(fold.index, "train", p),
  });
  o.report(fold.index, "evaluate");
  const evaluation = await evaluateFold(table, `${dir}/model`, { backtest: o.backtest });
  await writeFold(outDir, {
    fold,
    training: { ...training, warmFrom: warm ? `folds/${fold.index - 1}/model/best` : null },
    ...evaluation,
    seconds: (performance.now() - t0) / 1000,
  });
}
