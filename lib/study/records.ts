/**
 * The plain result records of the backtest study: what `runBacktest` returns and lib/report
 * renders. Types only (plus the period labels), so a renderer imports no model code.
 *
 * @module
 */
import type {
  AttentionGroundTruth,
  AttentionHeatmap,
  BucketReturn,
  LagAttention,
  ScoreDistribution,
} from "../attention/mod.ts";
import type { BacktestConfig, GridMetrics, PerformanceClaim, SignalRun } from "../backtest/mod.ts";
import type { FeaturePresetName } from "../features/mod.ts";
import type { BackendName, ModelConfig } from "../model/mod.ts";
import type { StrategyConfig } from "../strategy/mod.ts";
import type { PeriodWindows } from "./predict_period.ts";
import type { GateAblation } from "./gate_ablation.ts";
import type { ReturnIntervals } from "./return_intervals.ts";
import type { RunBacktestConfig } from "./run_backtest_config.ts";

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

/** One signal column's engine result, in brief. */
export type StrategyRun = Pick<SignalRun, "signals" | "sim" | "summary">;

/** The oracle: ground truth in place of the prediction. */
export interface OracleRun {
  /** With the model's attention gate. */
  gated: StrategyRun;
  /** Without any attention gate (the ground truth through the signal threshold only). */
  ungated: StrategyRun;
}

/** The attention analyses of one period. */
export interface PeriodAnalysis {
  /** Last-step attention by lag. */
  byLag: LagAttention[];
  /** The bullish score against the up-minute fraction. */
  scores: ScoreDistribution;
  /** Forward return by bullish-score bucket. */
  returnByBull: BucketReturn[];
  /** Forward return by bearish-score bucket. */
  returnByBear: BucketReturn[];
  /** Prediction quality (IC). */
  forecast: ForecastQuality;
  /** How often each gate opens. */
  gates: GateDiagnostics;
  /**
   * The last-step attention against the generator's informed minutes (lift on informed and on up
   * minutes, entropy ratio); null when the bars carry no `gt_informed`.
   */
  groundTruth: AttentionGroundTruth | null;
}

/** A window whose full attention maps are kept. */
export interface HeatmapWindow {
  /** Its last bar, as an index into the period's bars. */
  end: number;
  /** Why it was chosen. */
  why: string;
  /** Its predicted 5-minute return. */
  prediction: number;
  /** Its maps, every layer and head. */
  heatmap: AttentionHeatmap;
}

/**
 * One period's full run: the predicted windows and per-bar arrays of {@linkcode PeriodWindows}
 * (aligned with `bars`, NaN where no window ends), then the strategy, engine and analyses.
 */
export interface PeriodRun extends Omit<PeriodWindows, "scores">, SignalRun {
  /** Period key. */
  name: PeriodName;
  /** Human label. */
  label: string;
  /** Trading days (YYYYMMDD) of the period. */
  days: number[];
  /** Oracle runs; null without ground truth. */
  oracle: OracleRun | null;
  /** Gate ablation and permutation test. */
  ablation: GateAblation;
  /** Attention analyses. */
  analysis: PeriodAnalysis;
  /** Full attention maps of a few windows (out-of-sample only; empty in-sample). */
  heatmaps: HeatmapWindow[];
  /** Day-block bootstrap intervals of net P&L, annual return and Sharpe after costs. */
  intervals: ReturnIntervals;
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

/** A point of the threshold grid. */
export interface ThresholdPoint {
  /** Row on the signal axis. */
  row: number;
  /** Column on the attention axis. */
  column: number;
  /** Prediction threshold. */
  signalThreshold: number;
  /** How it was set: `"fixed"` or e.g. `"q0.99 of validation |pred|"`. */
  source: string;
  /** Attention threshold; null = no gate. */
  attentionThreshold: number | null;
}

/** The threshold grid on the validation, in-sample and out-of-sample days, and its choice. */
export interface ThresholdStudy {
  /** The signal axis (ascending), with how each value was set. */
  signal: { value: number; source: string }[];
  /** The attention axis (null first: no gate). */
  attention: (number | null)[];
  /** The strategy's thresholds: the default strategy, always on the grid. */
  spec: ThresholdPoint;
  /** The cell chosen on the validation days; null when no cell made `minTrades` trades there. */
  chosen: ThresholdPoint | null;
  /** How the choice is made. */
  criterion: string;
  /** The grid's metrics per period. */
  grids: { validation: GridMetrics; inSample: GridMetrics; outOfSample: GridMetrics };
}

/** The checkpoint a run used. */
export interface CheckpointInfo {
  /** As given. */
  dir: string;
  /** The checkpoint directory loaded. */
  path: string;
  /** Feature names. */
  features: string[];
  /** Feature preset. */
  featurePreset: FeaturePresetName;
  /** The model's config. */
  model: ModelConfig;
  /** Its split. */
  split: { train: number; val: number; test: number; purgeDays: number };
  /** Fingerprint of the data it was trained on. */
  trainedOnFingerprint: string | null;
  /** Its best epoch. */
  bestEpoch: number | null;
}

/** The data a run used. */
export interface DataInfo {
  /** Source label. */
  source: string;
  /** Bars. */
  bars: number;
  /** SHA-256 of the table. */
  fingerprint: string;
  /** Whether it is the checkpoint's training data (null: not recorded). */
  matchesCheckpoint: boolean | null;
  /** Level-1 book present. */
  hasBook: boolean;
  /** Ground truth present. */
  hasGroundTruth: boolean;
}

/** Everything a backtest run produced. */
export interface BacktestRun {
  /** The checkpoint used. */
  checkpoint: CheckpointInfo;
  /** The data used. */
  data: DataInfo;
  /** The resolved configs. */
  config: { run: RunBacktestConfig; strategy: StrategyConfig; backtest: BacktestConfig };
  /** tfjs backend actually used. */
  backend: BackendName;
  /** The two periods. */
  periods: Record<PeriodName, PeriodRun>;
  /** Cost sensitivity, both periods. */
  costSensitivity: CostRow[];
  /** Threshold grid and the validation-chosen thresholds (null: no validation days). */
  thresholds: ThresholdStudy | null;
  /** The seed's claim, unchanged. */
  claim: PerformanceClaim;
  /** Things the caller should tell the user. */
  warnings: string[];
  /** Wall seconds per stage. */
  timings: Record<string, number>;
}
