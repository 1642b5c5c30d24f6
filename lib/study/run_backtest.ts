/**
 * The backtest study: a checkpoint and a bar table in, every number of the report out, as a list
 * of steps that each take and return plain records.
 *
 * 1. **Load** the checkpoint for the table (`loadTrained`: typed meta, model, the table's features
 *    normalised with the checkpoint's statistics, its split of days).
 * 2. For the in-sample period (the checkpoint's training days) and the out-of-sample period (its
 *    test days):
 *    - **predict** every window (`predictPeriod`: de-standardised 5-minute return and the
 *      last-step attention row; bullish/bearish scores per bar);
 *    - **trade** the strategy's signals (`signals` of lib/strategy → `runSignals` of the engine);
 *    - the **oracle** (`oracleRuns`: ground truth in place of the prediction, gated and not);
 *    - the **gate ablation** (`gateAblation`: the gate vs no gate vs K random gates);
 *    - the **analyses** (`periodAnalysis`, `heatmapWindows` out of sample);
 *    - **intervals** of the after-cost figures (`returnIntervals`: day-block bootstrap).
 * 3. **Cost grid** (`costGrid`): the same signals under extra slippage × commission.
 * 4. **Threshold study** (`thresholdStudy`): the validation days are predicted too; a grid of
 *    thresholds is backtested on all three periods in one pass each, and a cell is chosen on the
 *    validation days alone. The headline always uses the configured strategy.
 *
 * lib/ never prints: warnings are returned in `warnings` for the caller to show.
 *
 * @module
 */
import { type BacktestConfig, CLAIM, runSignals } from "../backtest/mod.ts";
import type { BarTable } from "../data/schema.ts";
import { signals, type StrategyConfig, strategyConfig } from "../strategy/mod.ts";
import { predictPeriod } from "./predict_period.ts";
import { costGrid } from "./cost_grid.ts";
import { returnIntervals } from "./return_intervals.ts";
import { gateAblation } from "./gate_ablation.ts";
import { oracleRuns } from "./oracle.ts";
import { heatmapWindows, periodAnalysis } from "./period_analysis.ts";
import {
  type BacktestRun,
  PERIOD_LABELS,
  type PeriodName,
  type PeriodRun,
  type ThresholdStudy,
} from "./records.ts";
import {
  engineConfig,
  type RunBacktestConfig,
  runBacktestConfig,
  type RunBacktestOverrides,
} from "./run_backtest_config.ts";
import { thresholdStudy } from "./threshold_study.ts";
import { loadTrained, type TrainedModel } from "./trained_model.ts";

/** What every step reads: configs, the stopwatch and the warnings so far. */
interface Steps {
  cfg: RunBacktestConfig;
  strategy: StrategyConfig;
  backtest: BacktestConfig;
  warnings: string[];
  lap(stage: string): void;
}

function stopwatch(timings: Record<string, number>): (stage: string) => void {
  let tick = performance.now();
  return (stage) => {
    const now = performance.now();
    timings[stage] = (timings[stage] ?? 0) + (now - tick) / 1000;
    tick = now;
  };
}

function predictOptions(s: Steps, label: string) {
  return { chunk: s.cfg.chunk, batchSize: s.cfg.batchSize, workers: s.cfg.workers, label };
}

/** One period: predict, trade, oracle, ablation, analyses. */
async function periodRun(trained: TrainedModel, name: PeriodName, s: Steps): Promise<PeriodRun> {
  const label = PERIOD_LABELS[name], { strategy, backtest, cfg } = s;
  const days = trained.dataset.split[name === "inSample" ? "train" : "test"];
  if (days.length === 0) {
    throw new RangeError(
      `The checkpoint's split (${JSON.stringify(trained.meta.split)}) has no ${label}`,
    );
  }
  const w = await predictPeriod(trained, days, predictOptions(s, label));
  s.lap(`predict.${name}`);
  const { periodsPerYear } = cfg;
  const main = runSignals(w.bars, signals(w.prediction, w, strategy), backtest, { periodsPerYear });
  const oracle = oracleRuns(w, { strategy, backtest, periodsPerYear });
  if (main.summary.trades === 0) {
    s.warnings.push(
      `No trades ${label}: no bar passes both the prediction threshold ` +
        `${strategy.signalThreshold} and the attention threshold ${strategy.attentionThreshold}.`,
    );
  }
  s.lap("backtest");
  const ablation = gateAblation(w.bars, { pred: w.prediction, bull: w.bull, bear: w.bear }, {
    signalThreshold: strategy.signalThreshold,
    attentionThreshold: strategy.attentionThreshold,
    permutations: cfg.permutations,
    seed: cfg.seed + (name === "inSample" ? 0 : 1),
    backtest,
    baseline: {
      label: "candle-count gate (up/down-minute fraction)",
      bull: w.upFraction,
      bear: w.downFraction,
    },
  });
  s.lap("ablation");
  const window = trained.dataset.frame.spec.window;
  const analysis = periodAnalysis(w, { strategy, backtest, buckets: cfg.buckets, window });
  const heatmaps = name === "outOfSample"
    ? await heatmapWindows(trained, w, { signals: main.signals, count: cfg.heatmapWindows })
    : [];
  s.lap("analysis");
  const intervals = returnIntervals(main, { ...cfg.bootstrap, periodsPerYear });
  const { scores: _scores, ...windows } = w;
  return {
    name,
    label,
    days,
    ...windows,
    ...main,
    oracle,
    ablation,
    analysis,
    heatmaps,
    intervals,
  };
}

/** The threshold study, with the validation days predicted; null when there are none. */
async function thresholds(
  trained: TrainedModel,
  periods: Record<PeriodName, PeriodRun>,
  s: Steps,
): Promise<ThresholdStudy | null> {
  const days = trained.dataset.split.val;
  if (days.length === 0) {
    s.warnings.push("The checkpoint's split has no validation days: no thresholds are chosen.");
    return null;
  }
  const validation = await predictPeriod(trained, days, predictOptions(s, "validation days"));
  s.lap("predict.validation");
  const study = thresholdStudy({ validation, ...periods }, {
    grid: s.cfg.thresholdGrid,
    strategy: s.strategy,
    backtest: s.backtest,
    periodsPerYear: s.cfg.periodsPerYear,
  });
  s.lap("thresholds");
  return study;
}

/**
 * Run the backtest study of a checkpoint on a bar table (see the module doc). `checkpointDir`
 * is a checkpoint or a training run directory (its `best/` is used).
 *
 * Throws before doing any work when the checkpoint does not fit the data: a RangeError naming
 * both feature lists when the table gives other features than the model was trained on (e.g. a
 * table without a book), a TypeError/SyntaxError for a checkpoint without usable metadata,
 * `Deno.errors.NotFound` when there is no checkpoint, TypeError for an unknown config key.
 * Config defaults: `RUN_BACKTEST_PRESETS.default`.
 *
 * @example
 * ```ts
 * const table = await readBars("data/market.csv");
 * const run = await runBacktest(table, "data/models/default", { permutations: 1000 });
 * run.periods.outOfSample.summary.after.notional.sharpe; // out-of-sample Sharpe after costs
 * run.thresholds?.chosen; // thresholds chosen on the validation days, reported beside
 * ```
 */
export async function runBacktest(
  table: BarTable,
  checkpointDir: string,
  config: RunBacktestOverrides & { preset?: "default" | "tiny" } = {},
): Promise<BacktestRun> {
  const { preset, ...overrides } = config;
  const cfg = runBacktestConfig(overrides, { preset });
  const strategy = strategyConfig(cfg.strategy), backtest = engineConfig(cfg, table);
  const timings: Record<string, number> = {}, t0 = performance.now();
  const steps: Steps = { cfg, strategy, backtest, warnings: [], lap: stopwatch(timings) };
  const layer = strategy.attention.layer;
  const trained = await loadTrained(table, checkpointDir, { backend: cfg.backend, layer });
  try {
    steps.warnings.push(...trained.warnings);
    steps.lap("load");
    const periods = {
      inSample: await periodRun(trained, "inSample", steps),
      outOfSample: await periodRun(trained, "outOfSample", steps),
    };
    const hasGroundTruth = table.groundTruth?.gt_exp_ret_5m != null;
    if (!hasGroundTruth) {
      steps.warnings.push(`${table.source} has no ground truth (gt_exp_ret_5m): no oracle run.`);
    }
    const costSensitivity = costGrid(Object.values(periods), {
      backtest,
      grid: cfg.costGrid,
      periodsPerYear: cfg.periodsPerYear,
    });
    steps.lap("costs");
    const study = await thresholds(trained, periods, steps);
    timings.total = (performance.now() - t0) / 1000;
    const { meta, model } = trained;
    return {
      checkpoint: {
        dir: checkpointDir,
        path: trained.path,
        features: trained.features,
        featurePreset: meta.train.features,
        model: model.config,
        split: meta.split,
        trainedOnFingerprint: meta.fingerprint,
        bestEpoch: meta.bestEpoch,
      },
      data: {
        source: table.source,
        bars: table.time.length,
        fingerprint: trained.fingerprint,
        matchesCheckpoint: trained.matchesData,
        hasBook: table.book !== null,
        hasGroundTruth,
      },
      config: { run: cfg, strategy, backtest },
      backend: trained.backend,
      periods,
      costSensitivity,
      thresholds: study,
      claim: CLAIM,
      warnings: steps.warnings,
      timings,
    };
  } finally {
    trained.dispose();
  }
}
