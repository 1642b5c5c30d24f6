/**
 * The backtest study's configuration: one typed object with documented defaults and two named
 * presets, validated in one place. `deno task backtest` derives its flags from it
 * (`BACKTEST_CONFIG_FLAGS`), and the walk-forward reuses its strategy, cost and grid knobs.
 *
 * @module
 */
import { type BacktestConfig, backtestConfig, positionRules } from "../backtest/mod.ts";
import { TRADING_DAYS_PER_YEAR } from "../backtest/mod.ts";
import { type ContractSpec, contractSpec, rateFee, REBAR } from "../calendar/mod.ts";
import { minutesToBars } from "../data/bar_minutes.ts";
import type { BarTable } from "../data/schema.ts";
import { type ConfigFlag, presetFor } from "../cli/mod.ts";
import type { BackendName } from "../model/mod.ts";
import { type StrategyConfig, strategyConfig } from "../strategy/mod.ts";

/** The threshold grid: signal thresholds × attention thresholds, and how a cell is chosen. */
export interface ThresholdGridConfig {
  /** Absolute prediction thresholds (|predicted 5-minute return|). */
  signalThresholds: number[];
  /**
   * Further prediction thresholds at these quantiles of the VALIDATION days' |prediction| (a
   * calibrated forecast's size depends on the data, so fixed thresholds may all lie outside it).
   */
  signalQuantiles: number[];
  /** Attention thresholds; `null` = no attention gate. */
  attentionThresholds: (number | null)[];
  /**
   * Fewest validation trades for a cell to be chosen. The chosen cell has the highest validation
   * Sharpe after costs among those that also make money after costs on validation (ties: higher
   * validation net P&L); none qualifies → no choice (the "chosen" strategy stays flat).
   */
  minTrades: number;
}

/** Everything `runBacktest` can be told. Defaults in {@linkcode RUN_BACKTEST_PRESETS}. */
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
   * Threshold grid, evaluated on the validation, in-sample and out-of-sample days. The headline
   * always uses `strategy`; the cell chosen on validation days is reported beside it.
   */
  thresholdGrid: ThresholdGridConfig;
  /** Day-block bootstrap of each period's after-cost figures. Default 2000 resamples, 90 %, seed 1. */
  bootstrap: { reps: number; level: number; seed: number };
  /** Out-of-sample windows whose full attention maps are kept (heatmaps). Default 2. */
  heatmapWindows: number;
  /** Score buckets of the forward-return analysis (equal-count). Default 10 (deciles). */
  buckets: number;
  /** Trading days per year for annualisation. Default 242. */
  periodsPerYear: number;
}

/** What a caller may override: any key, the nested ones partially. */
export type RunBacktestOverrides =
  & Partial<Omit<RunBacktestConfig, "costGrid" | "thresholdGrid" | "bootstrap">>
  & {
    costGrid?: Partial<RunBacktestConfig["costGrid"]>;
    thresholdGrid?: Partial<ThresholdGridConfig>;
    bootstrap?: Partial<RunBacktestConfig["bootstrap"]>;
  };

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
    signalThresholds: [0, 1e-4, 2.5e-4, 5e-4, 1e-3, 2e-3],
    signalQuantiles: [0.5, 0.75, 0.9, 0.95, 0.99, 0.999],
    attentionThresholds: [null, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7],
    minTrades: 10,
  },
  bootstrap: { reps: 2000, level: 0.9, seed: 1 },
  heatmapWindows: 2,
  buckets: 10,
  periodsPerYear: TRADING_DAYS_PER_YEAR,
});

/**
 * Named presets. `default`: strategy defaults, the table's contract and fees, slippageTicks 1 (no-book
 * fills only), extraSlippageTicks 0, backend from the checkpoint, batch 128, chunk 4096, workers
 * = cores, 1000 random gates, seed 1, cost grid extra ticks [0, 1, 2] × commission [1e-4, 2e-4],
 * threshold grid signal [0, 1, 2.5, 5, 10, 20] bp plus the 50, 75, 90, 95, 99 and 99.9 %
 * quantiles of the validation |prediction| × attention [no gate, 0.4, 0.45, …, 0.7], chosen with
 * at least 10 validation trades; bootstrap 2000 resamples at 90 %, seed 1; 2 heatmap windows,
 * deciles, 242 days/year. `tiny` (tests): 100 random gates, chunk 1024, 1 worker, 200
 * resamples, else the same.
 */
export const RUN_BACKTEST_PRESETS: Readonly<
  Record<"default" | "tiny", Readonly<RunBacktestConfig>>
> = Object.freeze({
  default: RUN_DEFAULT,
  tiny: Object.freeze({
    ...RUN_DEFAULT,
    permutations: 100,
    chunk: 1024,
    workers: 1,
    bootstrap: { reps: 200, level: 0.9, seed: 1 },
  }),
});

const POSITIVE_INTEGERS = [
  "batchSize",
  "chunk",
  "workers",
  "permutations",
  "buckets",
  "periodsPerYear",
] as const;

function checkGrids(cfg: RunBacktestConfig): void {
  const g = cfg.thresholdGrid;
  presetFor({ default: RUN_DEFAULT.thresholdGrid }, "default", g, "threshold grid");
  if (g.signalQuantiles.some((q) => !(q >= 0 && q <= 1))) {
    throw new RangeError(
      `thresholdGrid.signalQuantiles must lie in [0, 1], got ${g.signalQuantiles}`,
    );
  }
  if (!Number.isInteger(g.minTrades) || g.minTrades < 1) {
    throw new RangeError(`thresholdGrid.minTrades must be a positive integer, got ${g.minTrades}`);
  }
  const values = [
    ...cfg.costGrid.extraSlippageTicks,
    ...cfg.costGrid.commissionRate,
    ...g.signalThresholds,
    ...g.attentionThresholds.filter((v) => v !== null),
  ];
  for (const v of values) {
    if (!(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`Cost and threshold grid values must be non-negative numbers, got ${v}`);
    }
  }
}

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
  overrides: RunBacktestOverrides = {},
  options: { preset?: "default" | "tiny" } = {},
): RunBacktestConfig {
  const preset = options.preset ?? "default";
  const base = presetFor(RUN_BACKTEST_PRESETS, preset, overrides, "backtest runner");
  const cfg: RunBacktestConfig = {
    ...base,
    ...overrides,
    strategy: { ...base.strategy, ...overrides.strategy },
    costGrid: { ...base.costGrid, ...overrides.costGrid },
    thresholdGrid: { ...base.thresholdGrid, ...overrides.thresholdGrid },
    bootstrap: { ...base.bootstrap, ...overrides.bootstrap },
  };
  strategyConfig(cfg.strategy); // validates
  for (const k of POSITIVE_INTEGERS) {
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
  checkGrids(cfg);
  const { reps, level } = cfg.bootstrap;
  if (!Number.isInteger(reps) || reps < 2 || !(level > 0 && level < 1)) {
    throw new RangeError("Backtest runner bootstrap needs integer reps ≥ 2 and level in (0, 1)");
  }
  engineConfig(cfg); // validates the costs
  return cfg;
}

/**
 * The engine's config of a runner config for a table: the traded contract (the table's
 * instrument unless `contract` overrides it, else REBAR) with any commission override, the
 * strategy's position rules with its holding period in bars of the table (15 minutes = 3
 * five-minute bars), and the slippage. Throws RangeError for a close-today rate without a
 * commission rate, or a holding period that is not a whole number of bars.
 *
 * @example
 * ```ts
 * engineConfig(runBacktestConfig({ commissionRate: 2e-4 }), table).contract.fee.closeToday; // 2e-4
 * ```
 */
export function engineConfig(
  cfg: RunBacktestConfig,
  table: Pick<BarTable, "instrument" | "barMinutes"> = {},
): BacktestConfig {
  const strategy = strategyConfig(cfg.strategy);
  const base = cfg.contract ?? table.instrument ?? REBAR;
  const rate = cfg.commissionRate, closeToday = cfg.closeTodayCommissionRate ?? rate;
  if (rate === null && closeToday !== null) {
    throw new RangeError("closeTodayCommissionRate needs commissionRate (a rate on every side)");
  }
  return backtestConfig({
    ...positionRules(strategy),
    maxHold: minutesToBars(strategy.maxHold, table.barMinutes ?? 1, "The holding period"),
    contract: contractSpec(rate === null ? {} : { fee: rateFee(rate, closeToday!) }, base),
    slippageTicks: cfg.slippageTicks,
    extraSlippageTicks: cfg.extraSlippageTicks,
  });
}

/**
 * The default config with the strategy's defaults filled in: what `--help` shows and what a flag
 * overrides.
 *
 * @example
 * ```ts
 * backtestDefaults().strategy.signalThreshold; // 0.001
 * ```
 */
export function backtestDefaults(): RunBacktestConfig & { strategy: StrategyConfig } {
  const base = RUN_BACKTEST_PRESETS.default;
  return { ...base, strategy: strategyConfig(base.strategy) };
}

/** The command-line flags of the backtest study, each bound to a key of its config. */
export const BACKTEST_CONFIG_FLAGS = {
  "signal-threshold": {
    key: "strategy.signalThreshold",
    min: 0,
    doc: "Minimum |predicted 5-minute return| for a signal (0.001 = 10 bp).",
  },
  "attention-threshold": {
    key: "strategy.attentionThreshold",
    min: 0,
    max: 1,
    doc: "Minimum bullish (long) / bearish (short) attention.",
  },
  "max-hold": {
    key: "strategy.maxHold",
    type: "integer",
    min: 1,
    doc: "Maximum holding period in minutes.",
  },
  commission: {
    key: "commissionRate",
    type: "number",
    min: 0,
    doc: "Commission per side as a fraction of notional, replacing the product's fee model " +
      "(default: the instrument table's fees, e.g. rb 0.0001).",
  },
  "close-today-commission": {
    key: "closeTodayCommissionRate",
    type: "number",
    min: 0,
    doc: "Commission rate of exits (all close-today) if it differs (default: --commission).",
  },
  "slippage-ticks": {
    key: "slippageTicks",
    min: 0,
    doc: "Slippage in ticks for fills without a book quote (with a book: bid/ask).",
  },
  "extra-slippage-ticks": {
    key: "extraSlippageTicks",
    min: 0,
    doc: "Extra adverse ticks on every fill (stress).",
  },
  backend: {
    key: "backend",
    type: ["wasm", "cpu"],
    doc: "tfjs backend (default: the checkpoint's, else wasm).",
  },
  "batch-size": { key: "batchSize", type: "integer", min: 1, doc: "Windows per forward pass." },
  workers: { key: "workers", type: "integer", min: 1, doc: "Deno Workers for inference." },
  permutations: {
    key: "permutations",
    type: "integer",
    min: 1,
    doc: "Random gates of the ablation's permutation test.",
  },
  seed: { key: "seed", type: "integer", min: 0, doc: "Seed of the random gates." },
  "min-trades": {
    key: "thresholdGrid.minTrades",
    type: "integer",
    min: 1,
    doc: "Fewest validation trades for a grid cell to be chosen.",
  },
} as const satisfies Record<string, ConfigFlag>;
