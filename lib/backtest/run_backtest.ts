/**
 * The backtest runner: a checkpoint and a bar table in, every number of the report out.
 *
 * For the in-sample period (the checkpoint's training days) and the out-of-sample period (its
 * test days), side by side:
 *
 * 1. **Predictions.** Features are rebuilt with the checkpoint's feature preset and normalised with
 *    the checkpoint's statistics (nothing is refitted, so a bar's prediction depends only on its
 *    own window). Every bar whose 60-minute window lies inside the period gets a prediction
 *    (de-standardised: pred·targetStd + targetMean) and its attention row, in batches.
 * 2. **Strategy.** Bullish/bearish attention per window (lib/attention `windowScores`), then
 *    `signals` (lib/strategy) with the configured thresholds.
 * 3. **Engine.** `simulate` (next-bar fills, costs, session-flat), `markToMarket` on one lot's
 *    notional, `summarize` before and after costs (lib/backtest, unchanged).
 * 4. **Oracle.** The generator's ground truth `gt_exp_ret_5m` in place of the prediction, with the
 *    model's attention gate ("oracle + attention gate") and without it ("oracle, no gate"), on
 *    the same bars (those with a model window). Absent (null) for data without ground truth.
 * 5. **Ablation.** The attention gate vs no gate vs K random gates of the same selectivity
 *    (lib/attention `gateAblation`; p-value on net P&L), plus the candle-count gate (up/down
 *    fraction through the same threshold).
 * 6. **Attention analysis.** Attention by lag, the bullish score vs the up fraction, forward
 *    return by score decile, prediction quality (IC), and full heatmaps of two out-of-sample
 *    windows.
 * 7. **Cost sensitivity.** The same signals under extra slippage × commission rate.
 * 8. **Threshold sensitivity** (a diagnostic, never used to choose anything): the strategy under a
 *    grid of signal and attention thresholds, and how often each gate opens.
 *
 * lib/ never prints: warnings (e.g. the data differ from the checkpoint's training data) are
 * returned in `warnings` for the caller to show.
 *
 * @module
 */
import {
  attentionByLag,
  type AttentionHeatmap,
  attentionHeatmap,
  type BucketReturn,
  type GateAblation,
  gateAblation,
  type LagAttention,
  returnByBucket,
  type ScoreDistribution,
  scoreDistribution,
} from "../attention/mod.ts";
import { minutesToBars } from "../data/bar_minutes.ts";
import { pathExists } from "../data/path_exists.ts";
import type { BarTable } from "../data/schema.ts";
import {
  FEATURE_CATALOG,
  featureConfig,
  type FeaturePresetName,
  fillWindows,
  parseNormStats,
} from "../features/mod.ts";
import { type ContractSpec, contractSpec, rateFee, REBAR, roundTripFee } from "../calendar/mod.ts";
import {
  attentionMaps,
  type BackendName,
  disposeModel,
  initBackend,
  loadCheckpoint,
  type ModelConfig,
} from "../model/mod.ts";
import { pearson, quantiles, spearman, std } from "../stats/mod.ts";
import { signals, type StrategyConfig, strategyConfig } from "../strategy/mod.ts";
import { fingerprintBars, prepareDataset } from "../train/mod.ts";
import { type BacktestConfig, backtestConfig, positionRules } from "./backtest_config.ts";
import { hasQuote } from "./fill.ts";
import { CLAIM, type PerformanceClaim } from "./claim.ts";
import { type DailyReturns, dailyReturns } from "./daily_returns.ts";
import { type EquityCurve, markToMarket } from "./mark_to_market.ts";
import { type PeriodWindows, periodWindows } from "./period_windows.ts";
import { TRADING_DAYS_PER_YEAR } from "./metrics.ts";
import { simulate, type Simulation } from "./simulate.ts";
import { summarize, type Summary } from "./summarize.ts";

/** Everything {@linkcode runBacktest} can be told. Defaults in {@linkcode RUN_BACKTEST_PRESETS}. */
export interface RunBacktestConfig {
  /** Strategy overrides (thresholds, maxHold, lots, onOpposite, attention layer). Default `{}`. */
  strategy: Partial<StrategyConfig>;
  /**
   * The contract traded (tick, multiplier, fee model); `null` = the table's instrument
   * (`table.instrument`, set by readBars from `--symbol`, the data or the file name), else REBAR.
   * Default null.
   */
  contract: ContractSpec | null;
  /**
   * Commission override: a rate on notional for entries (and exits, unless
   * `closeTodayCommissionRate`); `null` = the contract's own fee model. Default null.
   */
  commissionRate: number | null;
  /** Commission rate override for exits (all close-today); `null` = `commissionRate`. */
  closeTodayCommissionRate: number | null;
  /** Slippage in ticks for fills without a usable book quote. Default 1. */
  slippageTicks: number;
  /** Extra adverse ticks on every fill. Default 0. */
  extraSlippageTicks: number;
  /** tfjs backend; `null` = the checkpoint's training backend (else wasm). Default null. */
  backend: BackendName | null;
  /** Windows per forward pass. Default 128 (the fastest measured on wasm; bench/model_bench.ts). */
  batchSize: number;
  /** Windows copied out of the frame at a time (memory bound). Default 4096. */
  chunk: number;
  /**
   * Deno Workers for inference (lib/model `predictParallel`, one tfjs wasm instance each): with
   * more than one, a period of at least two chunks is predicted in parallel, which needs its
   * windows in memory at once (~110 MB for the default year's in-sample period). Default
   * `navigator.hardwareConcurrency`; the `tiny` preset uses 1.
   */
  workers: number;
  /** Random gates of the permutation test. Default 1000. */
  permutations: number;
  /** Seed of the random gates. Default 1. */
  seed: number;
  /**
   * Cost-sensitivity grid: every extra-slippage value × every commission rate (a rate on notional
   * per side replacing the contract's fee model; rb's own fee is 1e-4).
   */
  costGrid: { extraSlippageTicks: number[]; commissionRate: number[] };
  /**
   * Threshold-sensitivity grid (a diagnostic; the headline always uses `strategy`): every signal
   * threshold × every attention threshold, `null` meaning no attention gate. `signalQuantiles`
   * adds signal thresholds at those quantiles of the IN-SAMPLE |prediction| (so a model whose
   * predictions are small still gets a meaningful row; nothing out of sample is used).
   */
  thresholdGrid: {
    signalThreshold: number[];
    signalQuantiles: number[];
    attentionThreshold: (number | null)[];
  };
  /** Out-of-sample windows whose full attention maps are kept (heatmaps). Default 2. */
  heatmapWindows: number;
  /** Score buckets of the forward-return analysis (equal-count). Default 10 (deciles). */
  buckets: number;
  /** Trading days per year for annualisation. Default 242. */
  periodsPerYear: number;
}

const RUN_DEFAULT: Readonly<RunBacktestConfig> = Object.freeze({
  strategy: {},
  contract: null,
  commissionRate: null,
  closeTodayCommissionRate: null,
  slippageTicks: 1,
  extraSlippageTicks: 0,
  backend: null,
  batchSize: 128,
  chunk: 4096,
  workers: Math.max(1, navigator.hardwareConcurrency || 1),
  permutations: 1000,
  seed: 1,
  costGrid: { extraSlippageTicks: [0, 1, 2], commissionRate: [1e-4, 2e-4] },
  thresholdGrid: {
    signalThreshold: [0, 1e-4, 2.5e-4, 5e-4, 1e-3],
    signalQuantiles: [0.9, 0.99],
    attentionThreshold: [null, 0.4, 0.5, 0.6],
  },
  heatmapWindows: 2,
  buckets: 10,
  periodsPerYear: TRADING_DAYS_PER_YEAR,
});

/**
 * Named presets. `default`: strategy defaults, commission 1e-4 both sides, slippageTicks 1 (no-book
 * fills only), extraSlippageTicks 0, backend from the checkpoint, batch 256, chunk 4096, 1000
 * random gates, seed 1, cost grid extra ticks [0, 1, 2] × commission [1e-4, 2e-4], threshold grid
 * signal [0, 1e-4, 2.5e-4, 5e-4, 1e-3] plus the 90 % and 99 % quantiles of the in-sample
 * |prediction| × attention [no gate, 0.4, 0.5, 0.6], 2 heatmap windows,
 * deciles, 242 days/year. `tiny` (tests): 100 random gates, chunk 1024, else the same.
 */
export const RUN_BACKTEST_PRESETS: Readonly<
  Record<"default" | "tiny", Readonly<RunBacktestConfig>>
> = Object.freeze({
  default: RUN_DEFAULT,
  tiny: Object.freeze({ ...RUN_DEFAULT, permutations: 100, chunk: 1024, workers: 1 }),
});

/**
 * A validated runner config: the preset (default `"default"`) with `overrides`. Throws TypeError
 * for an unknown key and RangeError for a bad value (strategy keys are checked by
 * `strategyConfig`, costs by `backtestConfig`).
 *
 * @example
 * ```ts
 * const cfg = runBacktestConfig({ strategy: { signalThreshold: 0.0005 }, permutations: 200 });
 * runBacktestConfig({ permutation: 5 } as never); // TypeError: Unknown backtest runner option: permutation
 * ```
 */
export function runBacktestConfig(
  overrides: Partial<RunBacktestConfig> = {},
  options: { preset?: "default" | "tiny" } = {},
): RunBacktestConfig {
  const base = RUN_BACKTEST_PRESETS[options.preset ?? "default"];
  if (base === undefined) throw new TypeError(`Unknown backtest runner preset: ${options.preset}`);
  for (const key of Object.keys(overrides)) {
    if (!(key in base)) throw new TypeError(`Unknown backtest runner option: ${key}`);
  }
  const cfg: RunBacktestConfig = {
    ...base,
    ...overrides,
    strategy: { ...base.strategy, ...overrides.strategy },
    costGrid: { ...base.costGrid, ...overrides.costGrid },
    thresholdGrid: { ...base.thresholdGrid, ...overrides.thresholdGrid },
  };
  strategyConfig(cfg.strategy); // validates
  const posInt = [
    "batchSize",
    "chunk",
    "workers",
    "permutations",
    "buckets",
    "periodsPerYear",
  ] as const;
  for (const k of posInt) {
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) {
      throw new RangeError(`Backtest runner ${k} must be a positive integer, got ${cfg[k]}`);
    }
  }
  if (!Number.isInteger(cfg.heatmapWindows) || cfg.heatmapWindows < 0) {
    throw new RangeError(
      `heatmapWindows must be a non-negative integer, got ${cfg.heatmapWindows}`,
    );
  }
  if (!Number.isFinite(cfg.seed)) throw new RangeError(`seed must be finite, got ${cfg.seed}`);
  if (cfg.backend !== null && cfg.backend !== "wasm" && cfg.backend !== "cpu") {
    throw new RangeError(`backend must be "wasm", "cpu" or null, got ${cfg.backend}`);
  }
  const gridValues = [
    ...cfg.costGrid.extraSlippageTicks,
    ...cfg.costGrid.commissionRate,
    ...cfg.thresholdGrid.signalThreshold,
    ...cfg.thresholdGrid.attentionThreshold.filter((v) => v !== null),
  ];
  if (cfg.thresholdGrid.signalQuantiles.some((q) => !(q >= 0 && q <= 1))) {
    throw new RangeError(
      `thresholdGrid.signalQuantiles must lie in [0, 1], got ${cfg.thresholdGrid.signalQuantiles}`,
    );
  }
  for (const v of gridValues) {
    if (!(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`Cost and threshold grid values must be non-negative numbers, got ${v}`);
    }
  }
  backtestFromRunConfig(cfg, strategyConfig(cfg.strategy), { contract: REBAR, barMinutes: 1 });
  return cfg;
}

/**
 * The engine's config: the traded contract (the table's, unless overridden) with any commission
 * override, and the strategy's holding period in bars of the table (15 minutes = 3 five-minute
 * bars).
 */
function backtestFromRunConfig(
  cfg: RunBacktestConfig,
  strategy: StrategyConfig,
  table: { contract: ContractSpec; barMinutes: number },
): BacktestConfig {
  const traded = table.contract;
  const base = cfg.contract ?? traded;
  const rate = cfg.commissionRate;
  const closeToday = cfg.closeTodayCommissionRate ?? rate;
  if (rate === null && closeToday !== null) {
    throw new RangeError("closeTodayCommissionRate needs commissionRate (a rate on every side)");
  }
  return backtestConfig({
    ...positionRules(strategy),
    maxHold: minutesToBars(strategy.maxHold, table.barMinutes, "The holding period"),
    contract: contractSpec(rate === null ? {} : { fee: rateFee(rate, closeToday!) }, base),
    slippageTicks: cfg.slippageTicks,
    extraSlippageTicks: cfg.extraSlippageTicks,
  });
}

/** Which period of the checkpoint's split. */
export type PeriodName = "inSample" | "outOfSample";

/** Human labels of the periods. */
export const PERIOD_LABELS: Readonly<Record<PeriodName, string>> = Object.freeze({
  inSample: "in-sample (training days)",
  outOfSample: "out-of-sample (test days)",
});

/** Prediction quality on a period's windows with a finite realised target. */
export interface ForecastQuality {
  /** Windows scored. */
  windows: number;
  /** Pearson correlation of prediction and realised 5-minute return (the IC). */
  pearson: number;
  /** Spearman rank correlation. */
  spearman: number;
  /** Share of windows where sign(prediction) = sign(realised), zeros excluded. */
  hitRate: number;
}

/** How often each gate opens: why a strategy trades as much (or as little) as it does. */
export interface GateDiagnostics {
  /** Windows (bars with a prediction). */
  windows: number;
  /**
   * Mean cost of a round trip in bp of the price, from the period's bars: the spread (or
   * 2 × slippageTicks without a book) + 2 × extraSlippageTicks + both commissions. A forecast
   * must beat this to pay.
   */
  roundTripCostBp: number;
  /** Distribution of the predicted 5-minute return over the windows. */
  prediction: { sd: number; q01: number; q50: number; q99: number; maxAbs: number };
  /** Share of windows passing: pred > thr, pred < −thr, bull > att, bear > att, both (long/short). */
  share: {
    predLong: number;
    predShort: number;
    bullAbove: number;
    bearAbove: number;
    long: number;
    short: number;
  };
}

/** One cell of the threshold-sensitivity grid. */
export interface ThresholdRow {
  /** Period. */
  period: PeriodName;
  /** How the signal threshold was set: `"fixed"` or e.g. `"q0.9 of in-sample |pred|"`. */
  source: string;
  /** Prediction threshold. */
  signalThreshold: number;
  /** Attention threshold; null = no attention gate. */
  attentionThreshold: number | null;
  /** Trades. */
  trades: number;
  /** P&L before costs, CNY. */
  grossPnl: number;
  /** Net P&L after costs, CNY. */
  netPnl: number;
  /** Annualised simple return after costs, notional base. */
  annualReturn: number;
  /** Sharpe after costs. */
  sharpe: number;
  /** Win rate after costs. */
  winRate: number;
}

/** The oracle: ground truth in place of the prediction. */
export interface OracleRun {
  /** With the model's attention gate. */
  gated: { signals: Int8Array; sim: Simulation; summary: Summary };
  /** Without any attention gate (the ground truth through the signal threshold only). */
  ungated: { signals: Int8Array; sim: Simulation; summary: Summary };
}

/**
 * One period's full run: the predicted windows and per-bar arrays of {@linkcode PeriodWindows}
 * (aligned with `bars`, NaN where no window ends), then the strategy, engine and analyses.
 */
export interface PeriodRun extends Omit<PeriodWindows, "scores"> {
  /** Period key. */
  name: PeriodName;
  /** Human label. */
  label: string;
  /** Trading days (YYYYMMDD) of the period. */
  days: number[];
  /** The strategy's signals. */
  signals: Int8Array;
  /** The engine's result. */
  sim: Simulation;
  /** Minute equity. */
  curve: EquityCurve;
  /** Every metric, before and after costs. */
  summary: Summary;
  /** Daily returns after costs (notional base). */
  daily: DailyReturns;
  /** Daily returns before costs (notional base). */
  dailyGross: DailyReturns;
  /** Oracle runs; null without ground truth. */
  oracle: OracleRun | null;
  /** Gate ablation and permutation test. */
  ablation: GateAblation;
  /** Attention analyses. */
  analysis: {
    byLag: LagAttention[];
    scores: ScoreDistribution;
    returnByBull: BucketReturn[];
    returnByBear: BucketReturn[];
    forecast: ForecastQuality;
    gates: GateDiagnostics;
  };
  /** Full attention maps of a few windows (out-of-sample only; empty in-sample). */
  heatmaps: { end: number; why: string; prediction: number; heatmap: AttentionHeatmap }[];
}

/** One cell of the cost-sensitivity table. */
export interface CostRow {
  /** Period. */
  period: PeriodName;
  /** Extra adverse ticks on every fill. */
  extraSlippageTicks: number;
  /** Commission rate per side (entries and exits). */
  commissionRate: number;
  /** Trades. */
  trades: number;
  /** P&L before costs, CNY (the same in every row of a period). */
  grossPnl: number;
  /** Costs paid, CNY. */
  costs: number;
  /** Net P&L after costs, CNY. */
  netPnl: number;
  /** Annualised simple return after costs, notional base. */
  annualReturn: number;
  /** Sharpe after costs. */
  sharpe: number;
  /** Max drawdown after costs, minute level. */
  maxDrawdown: number;
  /** Win rate after costs. */
  winRate: number;
}

/** Everything a backtest run produced. */
export interface BacktestRun {
  /** The checkpoint used. */
  checkpoint: {
    dir: string;
    path: string;
    features: string[];
    featurePreset: FeaturePresetName;
    model: ModelConfig;
    split: { train: number; val: number; test: number; purgeDays: number };
    trainedOnFingerprint: string | null;
    bestEpoch: number | null;
  };
  /** The data used. */
  data: {
    source: string;
    bars: number;
    fingerprint: string;
    matchesCheckpoint: boolean | null;
    hasBook: boolean;
    hasGroundTruth: boolean;
  };
  /** The resolved configs. */
  config: { run: RunBacktestConfig; strategy: StrategyConfig; backtest: BacktestConfig };
  /** tfjs backend actually used. */
  backend: BackendName;
  /** The two periods. */
  periods: Record<PeriodName, PeriodRun>;
  /** Cost sensitivity, both periods. */
  costSensitivity: CostRow[];
  /** Threshold sensitivity, both periods (a diagnostic, never used to choose the headline). */
  thresholdSensitivity: ThresholdRow[];
  /** The seed's claim, unchanged. */
  claim: PerformanceClaim;
  /** Things the caller should tell the user. */
  warnings: string[];
  /** Wall seconds per stage. */
  timings: Record<string, number>;
}

interface CheckpointMetaShape {
  features: string[];
  norm: unknown;
  split: { train: number; val: number; test: number; purgeDays: number };
  train: { features: FeaturePresetName; backend?: BackendName };
  fingerprint?: string;
  best?: { epoch?: number };
}

/**
 * The checkpoint directory of a model path: `<dir>/best` when it holds a checkpoint (a training
 * run directory), else `dir` itself.
 *
 * @example
 * ```ts
 * await resolveCheckpointDir("data/models/default"); // "data/models/default/best"
 * ```
 */
export async function resolveCheckpointDir(dir: string): Promise<string> {
  const d = dir.replace(/\/+$/, "");
  if (await pathExists(`${d}/best/model.json`)) return `${d}/best`;
  if (await pathExists(`${d}/model.json`)) return d;
  throw new Deno.errors.NotFound(
    `No checkpoint at ${dir}: expected ${d}/best/model.json (a training run) or ${d}/model.json`,
  );
}

async function readMeta(dir: string): Promise<CheckpointMetaShape> {
  const path = `${dir}/meta.json`;
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(await Deno.readTextFile(path));
  } catch (e) {
    throw new SyntaxError(`Cannot read checkpoint metadata ${path}: ${(e as Error).message}`);
  }
  const train = meta.train as Record<string, unknown> | undefined;
  const split = meta.split as Record<string, unknown> | undefined;
  const problems: string[] = [];
  if (!Array.isArray(meta.features)) problems.push("features (string list)");
  if (!train || (train.features !== "default" && train.features !== "tiny")) {
    problems.push('train.features ("default" or "tiny")');
  }
  if (!split || !["train", "val", "test", "purgeDays"].every((k) => typeof split[k] === "number")) {
    problems.push("split {train, val, test, purgeDays}");
  }
  if (meta.norm === undefined) problems.push("norm");
  if (problems.length > 0) {
    throw new TypeError(
      `Checkpoint metadata ${path} lacks ${problems.join(", ")}: was it written by lib/train?`,
    );
  }
  return meta as unknown as CheckpointMetaShape;
}

function forecastQuality(pred: ArrayLike<number>, real: ArrayLike<number>): ForecastQuality {
  const p: number[] = [], r: number[] = [];
  let hits = 0, called = 0;
  for (let i = 0; i < pred.length; i++) {
    if (!Number.isFinite(pred[i]) || !Number.isFinite(real[i])) continue;
    p.push(pred[i]);
    r.push(real[i]);
    if (pred[i] !== 0 && real[i] !== 0) {
      (called++, hits += Math.sign(pred[i]) === Math.sign(real[i]) ? 1 : 0);
    }
  }
  return {
    windows: p.length,
    pearson: pearson(p, r),
    spearman: spearman(p, r),
    hitRate: called > 0 ? hits / called : NaN,
  };
}

function roundTripCostBp(bars: BarTable, cfg: BacktestConfig): number {
  const { tick } = cfg.contract;
  let s = 0, n = 0;
  for (let i = 0; i < bars.time.length; i++) {
    const bid = bars.book?.bidPrice1[i] ?? NaN, ask = bars.book?.askPrice1[i] ?? NaN;
    const quoted = hasQuote(bid, ask);
    const mid = quoted ? (bid + ask) / 2 : bars.close[i];
    const spread = quoted ? ask - bid : 2 * cfg.slippageTicks * tick;
    const cost = spread + 2 * cfg.extraSlippageTicks * tick +
      roundTripFee(cfg.contract, mid);
    if (mid > 0 && Number.isFinite(cost)) (s += cost / mid, n++);
  }
  return n > 0 ? (s / n) * 1e4 : NaN;
}

function gateDiagnostics(
  pred: Float64Array,
  bull: ArrayLike<number>,
  bear: ArrayLike<number>,
  strategy: StrategyConfig,
  costBp: number,
): GateDiagnostics {
  const n = pred.length, thr = strategy.signalThreshold, att = strategy.attentionThreshold;
  let pl = 0, ps = 0, ba = 0, be = 0, l = 0, sh = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const p = pred[i];
    if (p > thr) pl++;
    if (p < -thr) ps++;
    if (bull[i] > att) ba++;
    if (bear[i] > att) be++;
    if (p > thr && bull[i] > att) l++;
    if (p < -thr && bear[i] > att) sh++;
    if (Math.abs(p) > maxAbs) maxAbs = Math.abs(p);
  }
  const [q01, q50, q99] = quantiles(pred, [0.01, 0.5, 0.99]);
  const share = (k: number) => (n > 0 ? k / n : NaN);
  return {
    windows: n,
    roundTripCostBp: costBp,
    prediction: { sd: std(pred), q01, q50, q99, maxAbs },
    share: {
      predLong: share(pl),
      predShort: share(ps),
      bullAbove: share(ba),
      bearAbove: share(be),
      long: share(l),
      short: share(sh),
    },
  };
}

function run(
  bars: BarTable,
  sig: Int8Array,
  cfg: BacktestConfig,
  periodsPerYear: number,
): { sim: Simulation; curve: EquityCurve; summary: Summary } {
  const sim = simulate(bars, sig, cfg);
  const curve = markToMarket(bars, sim);
  return { sim, curve, summary: summarize(bars, sim, { curve, periodsPerYear }) };
}

/**
 * Run the backtest of a checkpoint on a bar table: in-sample and out-of-sample strategy runs,
 * oracle, ablation with permutation test, attention analyses and cost sensitivity (see the module
 * doc). `checkpointDir` is a checkpoint or a training run directory (its `best/` is used).
 *
 * Throws before doing any work when the checkpoint does not fit the data: a RangeError naming
 * both feature lists when the table gives other features than the model was trained on (e.g. a
 * table without a book), a TypeError/SyntaxError for a checkpoint without usable metadata,
 * `Deno.errors.NotFound` when there is no checkpoint. Config defaults: {@linkcode
 * RUN_BACKTEST_PRESETS}`.default`.
 *
 * @example
 * ```ts
 * const table = await readBars("data/market.csv");
 * const run = await runBacktest(table, "data/models/default", { permutations: 1000 });
 * run.periods.outOfSample.summary.after.notional.sharpe; // out-of-sample Sharpe after costs
 * run.periods.outOfSample.ablation.pValue; // does the attention gate beat random gates?
 * ```
 */
export async function runBacktest(
  table: BarTable,
  checkpointDir: string,
  config: Partial<RunBacktestConfig> & { preset?: "default" | "tiny" } = {},
): Promise<BacktestRun> {
  const { preset, ...overrides } = config;
  const cfg = runBacktestConfig(overrides, { preset });
  const strategy = strategyConfig(cfg.strategy);
  const btCfg = backtestFromRunConfig(cfg, strategy, {
    contract: table.instrument ?? REBAR,
    barMinutes: table.barMinutes ?? 1,
  });
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const t0 = performance.now();
  let tick = t0;
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (timings[name] ?? 0) + (now - tick) / 1000;
    tick = now;
  };

  // 1. Checkpoint metadata, the features this table gives, then the model (checked against them).
  const dir = await resolveCheckpointDir(checkpointDir);
  const meta = await readMeta(dir);
  const spec = featureConfig({ preset: meta.train.features });
  const names = spec.features.filter((f) => {
    const needs = FEATURE_CATALOG[f].needs;
    return needs === "bars" ||
      (needs === "book" ? table.book !== null : table.openInterest !== null);
  });
  const backend = await initBackend(cfg.backend ?? meta.train.backend ?? "wasm");
  const loaded = await loadCheckpoint(dir, {
    expect: { features: names, config: { nFeatures: names.length, seqLen: spec.window } },
  });
  const model = loaded.model;
  try {
    const norm = parseNormStats(meta.norm);
    const fingerprint = await fingerprintBars(table);
    const matches = typeof meta.fingerprint === "string" ? meta.fingerprint === fingerprint : null;
    if (matches === false) {
      warnings.push(
        `${table.source} is not the data the checkpoint was trained on (fingerprints differ): ` +
          `"in-sample" means the checkpoint's training days of THIS table, which the model never saw.`,
      );
    }
    lap("load");

    // 2. Features with the checkpoint's normalisation, the split by day.
    const ds = prepareDataset(table, { features: meta.train.features, split: meta.split }, {
      norm,
    });
    const frame = ds.frame, T = spec.window;
    const L = model.config.nLayers;
    const layer = strategy.attention.layer === "last" ? L - 1 : strategy.attention.layer;
    if (layer >= L) {
      throw new RangeError(
        `Strategy attention.layer ${layer} does not exist: the model has ${L} layers`,
      );
    }
    lap("features");

    const gt = table.groundTruth?.gt_exp_ret_5m ?? null;
    const periods = {} as Record<PeriodName, PeriodRun>;
    const splitDays: Record<PeriodName, number[]> = {
      inSample: ds.split.train,
      outOfSample: ds.split.test,
    };
    for (const name of ["inSample", "outOfSample"] as const) {
      const days = splitDays[name];
      if (days.length === 0) {
        throw new RangeError(
          `The checkpoint's split (${JSON.stringify(meta.split)}) has no ${PERIOD_LABELS[name]}`,
        );
      }
      const {
        start,
        end,
        bars,
        ends: localEnds,
        attention,
        scores,
        prediction,
        bull,
        bear,
        upFraction,
        downFraction,
        forwardReturn,
      } = await periodWindows(table, days, {
        model,
        frame,
        norm,
        layer,
        chunk: cfg.chunk,
        batchSize: cfg.batchSize,
        workers: cfg.workers,
        label: PERIOD_LABELS[name],
      });
      lap(`predict.${name}`);
      const n = end - start;
      const windowPred = Float64Array.from(localEnds, (i) => prediction[i]);
      const windowReturn = Float32Array.from(localEnds, (i) => forwardReturn[i]);

      const sig = signals(prediction, { bull, bear }, strategy);
      const main = run(bars, sig, btCfg, cfg.periodsPerYear);
      const daily = dailyReturns(main.curve.equityNet, bars.tradingDay, {
        start: main.curve.capital,
      });
      const dailyGross = dailyReturns(main.curve.equityGross, bars.tradingDay, {
        start: main.curve.capital,
      });

      let oracle: OracleRun | null = null;
      if (gt) {
        const truth = new Float64Array(n).fill(NaN);
        for (const i of localEnds) truth[i] = gt[start + i];
        const pass = new Uint8Array(n).fill(1);
        const gSig = signals(truth, { bull, bear }, strategy);
        const uSig = signals(truth, { bull: pass, bear: pass }, {
          signalThreshold: strategy.signalThreshold,
          attentionThreshold: 0,
        });
        const g = run(bars, gSig, btCfg, cfg.periodsPerYear);
        const u = run(bars, uSig, btCfg, cfg.periodsPerYear);
        oracle = {
          gated: { signals: gSig, sim: g.sim, summary: g.summary },
          ungated: { signals: uSig, sim: u.sim, summary: u.summary },
        };
      }
      if (main.summary.trades === 0) {
        warnings.push(
          `No trades ${PERIOD_LABELS[name]}: no bar passes both the prediction threshold ` +
            `${strategy.signalThreshold} and the attention threshold ${strategy.attentionThreshold}.`,
        );
      }
      lap("backtest");

      const ablation = gateAblation(bars, { pred: prediction, bull, bear }, {
        signalThreshold: strategy.signalThreshold,
        attentionThreshold: strategy.attentionThreshold,
        permutations: cfg.permutations,
        seed: cfg.seed + (name === "inSample" ? 0 : 1),
        backtest: btCfg,
        baseline: {
          label: "candle-count gate (up/down-minute fraction)",
          bull: upFraction,
          bear: downFraction,
        },
      });
      lap("ablation");

      const analysis = {
        byLag: attentionByLag(attention, { length: T }),
        scores: scoreDistribution(
          { bull: scores.bull, upFraction: scores.upFraction },
          { threshold: strategy.attentionThreshold, offset: 0.5 / T },
        ),
        returnByBull: returnByBucket(scores.bull, windowReturn, { buckets: cfg.buckets }),
        returnByBear: returnByBucket(scores.bear, windowReturn, { buckets: cfg.buckets }),
        forecast: forecastQuality(windowPred, windowReturn),
        gates: gateDiagnostics(
          windowPred,
          scores.bull,
          scores.bear,
          strategy,
          roundTripCostBp(bars, btCfg),
        ),
      };

      const heatmaps: PeriodRun["heatmaps"] = [];
      if (name === "outOfSample" && cfg.heatmapWindows > 0 && localEnds.length > 0) {
        const picks: { k: number; why: string }[] = [];
        const best = (side: 1 | -1) => {
          let kBest = -1;
          for (let k = 0; k < localEnds.length; k++) {
            const i = localEnds[k];
            if (sig[i] !== side) continue;
            const s = side > 0 ? bull[i] : bear[i];
            if (kBest < 0 || s > (side > 0 ? bull : bear)[localEnds[kBest]]) kBest = k;
          }
          return kBest;
        };
        const kl = best(1), ks = best(-1);
        if (kl >= 0) {
          picks.push({ k: kl, why: "the long signal with the highest bullish attention" });
        }
        if (ks >= 0) {
          picks.push({ k: ks, why: "the short signal with the highest bearish attention" });
        }
        if (picks.length === 0) {
          let kMax = 0;
          for (let k = 1; k < localEnds.length; k++) {
            if (Math.abs(windowPred[k]) > Math.abs(windowPred[kMax])) kMax = k;
          }
          picks.push({ k: kMax, why: "the window with the largest |prediction| (no signals)" });
        }
        const chosen = picks.slice(0, cfg.heatmapWindows);
        const sel = Int32Array.from(chosen.map((p) => start + localEnds[p.k]));
        const w = fillWindows(frame, sel);
        const maps = await attentionMaps(model, w.x, { maxWindows: sel.length });
        chosen.forEach((p, j) =>
          heatmaps.push({
            end: localEnds[p.k],
            why: p.why,
            prediction: windowPred[p.k],
            heatmap: attentionHeatmap(maps, { window: j }),
          })
        );
      }
      lap("analysis");

      periods[name] = {
        name,
        label: PERIOD_LABELS[name],
        days,
        start,
        end,
        bars,
        ends: localEnds,
        attention,
        prediction,
        bull,
        bear,
        upFraction,
        downFraction,
        forwardReturn,
        signals: sig,
        ...main,
        daily,
        dailyGross,
        oracle,
        ablation,
        analysis,
        heatmaps,
      };
    }
    if (!gt) warnings.push(`${table.source} has no ground truth (gt_exp_ret_5m): no oracle run.`);

    const costSensitivity: CostRow[] = [];
    for (const name of ["inSample", "outOfSample"] as const) {
      const p = periods[name];
      for (const extra of cfg.costGrid.extraSlippageTicks) {
        for (const rate of cfg.costGrid.commissionRate) {
          const c = backtestConfig({
            ...btCfg,
            extraSlippageTicks: extra,
            contract: contractSpec({ fee: rateFee(rate) }, btCfg.contract),
          });
          const { summary: s } = run(p.bars, p.signals, c, cfg.periodsPerYear);
          costSensitivity.push({
            period: name,
            extraSlippageTicks: extra,
            commissionRate: rate,
            trades: s.trades,
            grossPnl: s.before.pnl,
            costs: s.costs,
            netPnl: s.after.pnl,
            annualReturn: s.after.notional.annualReturn,
            sharpe: s.after.notional.sharpe,
            maxDrawdown: s.after.notional.maxDrawdown,
            winRate: s.after.winRate,
          });
        }
      }
    }
    lap("costs");

    const absIn = Float64Array.from(periods.inSample.prediction, Math.abs);
    const signalGrid = [
      ...cfg.thresholdGrid.signalThreshold.map((thr) => ({ thr, source: "fixed" })),
      ...cfg.thresholdGrid.signalQuantiles.map((q) => ({
        thr: quantiles(absIn, [q])[0],
        source: `q${q} of in-sample |pred|`,
      })),
    ].filter((g) => Number.isFinite(g.thr)).sort((a, b) => a.thr - b.thr);
    const thresholdSensitivity: ThresholdRow[] = [];
    for (const name of ["inSample", "outOfSample"] as const) {
      const p = periods[name];
      const pass = new Uint8Array(p.bars.time.length).fill(1);
      for (const { thr, source } of signalGrid) {
        for (const att of cfg.thresholdGrid.attentionThreshold) {
          const sig = att === null
            ? signals(p.prediction, { bull: pass, bear: pass }, {
              signalThreshold: thr,
              attentionThreshold: 0,
            })
            : signals(p.prediction, p, { signalThreshold: thr, attentionThreshold: att });
          const { summary: s } = run(p.bars, sig, btCfg, cfg.periodsPerYear);
          thresholdSensitivity.push({
            period: name,
            source,
            signalThreshold: thr,
            attentionThreshold: att,
            trades: s.trades,
            grossPnl: s.before.pnl,
            netPnl: s.after.pnl,
            annualReturn: s.after.notional.annualReturn,
            sharpe: s.after.notional.sharpe,
            winRate: s.after.winRate,
          });
        }
      }
    }
    lap("thresholds");
    timings.total = (performance.now() - t0) / 1000;

    return {
      checkpoint: {
        dir: checkpointDir,
        path: loaded.path,
        features: names,
        featurePreset: meta.train.features,
        model: model.config,
        split: meta.split,
        trainedOnFingerprint: meta.fingerprint ?? null,
        bestEpoch: meta.best?.epoch ?? null,
      },
      data: {
        source: table.source,
        bars: table.time.length,
        fingerprint,
        matchesCheckpoint: matches,
        hasBook: table.book !== null,
        hasGroundTruth: gt !== null,
      },
      config: { run: cfg, strategy, backtest: btCfg },
      backend,
      periods,
      costSensitivity,
      thresholdSensitivity,
      claim: CLAIM,
      warnings,
      timings,
    };
  } finally {
    disposeModel(model);
  }
}
