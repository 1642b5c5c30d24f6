/**
 * Does the attention gate add anything? The strategy with the gate, without it (prediction
 * threshold only), and against random gates of the same selectivity: a permutation test.
 *
 * ## The test
 *
 * A bar is *prediction-qualified* when its prediction clears the signal threshold (long:
 * pred > thr, short: pred < −thr). The attention gate passes m_long of the q_long long-qualified
 * bars and m_short of the q_short short-qualified ones. A random gate passes exactly as many, per
 * side (with `stratify: "none"`, m_long + m_short from the pooled qualified bars). Two null
 * models draw them:
 *
 * - `"shift"` (the default, primary): the gate's own pass/fail sequence over the qualified bars,
 *   rotated by a uniform random offset (a circular shift). It keeps how clustered the passed
 *   signals are: a gate that passes runs of consecutive bars makes fewer trades (a same-side
 *   signal while in a position is ignored) and so pays less in costs, and a uniform draw would
 *   credit that to the gate's judgement.
 * - `"uniform"`: m bars drawn uniformly without replacement, the textbook permutation.
 *
 * Each of K seeded random gates is backtested with the same engine and costs; the statistic is
 * **net P&L after costs** (CNY). p-value = (1 + #{random ≥ gated}) / (K + 1): the share of gates
 * at least as good as the attention gate, counting the attention gate itself (so p is never 0).
 * A small p says the gate picks better trades than chance among the same predictions; p near 0.5
 * says it does not.
 *
 * @module
 */
import { type BacktestConfig, simulate, type SimulationBars } from "../backtest/mod.ts";
import { quantiles, seededRng } from "../stats/mod.ts";
import { signals, STRATEGY_DEFAULTS } from "../strategy/mod.ts";

/** Per-bar inputs of the gates, aligned with the bars (NaN where the model has no window). */
export interface GateInputs {
  /** Predicted forward return per bar. */
  pred: ArrayLike<number>;
  /** Bullish attention per bar. */
  bull: ArrayLike<number>;
  /** Bearish attention per bar. */
  bear: ArrayLike<number>;
}

/** Options of {@linkcode gateAblation}. */
export interface GateAblationOptions {
  /** Prediction threshold. Default 0.001 (`STRATEGY_DEFAULTS`). */
  signalThreshold?: number;
  /** Attention gate threshold. Default 0.6. */
  attentionThreshold?: number;
  /** Random gates K. Default 1000. */
  permutations?: number;
  /** Seed of the random gates. Default 1. */
  seed?: number;
  /** `"side"` (default): keep the gate's long and short counts; `"none"`: pool them. */
  stratify?: "side" | "none";
  /**
   * Null models to run, the first is primary (`pValue`). Default `["shift", "uniform"]`; see the
   * module doc.
   */
  nulls?: readonly NullModel[];
  /** Backtest config (costs, maxHold, …) for every run. Default `BACKTEST_DEFAULTS`. */
  backtest?: Partial<BacktestConfig>;
  /**
   * An extra, named gate to compare, e.g. the candle count `{ bull: upFraction, bear:
   * downFraction }` through the same threshold. Default none.
   */
  baseline?: { label: string; bull: ArrayLike<number>; bear: ArrayLike<number> };
}

/** One gate's backtest, in brief. */
export interface GateRun {
  /** What the gate is. */
  label: string;
  /** Long signals the gate passes. */
  longSignals: number;
  /** Short signals the gate passes. */
  shortSignals: number;
  /** Trades the engine made from them. */
  trades: number;
  /** Net P&L after costs, CNY. */
  netPnl: number;
  /** P&L before costs, CNY. */
  grossPnl: number;
  /** Share of trades with net P&L > 0. */
  winRate: number;
}

/** How random gates are drawn (see the module doc). */
export type NullModel = "shift" | "uniform";

/** K random gates under one null model. */
export interface RandomGates {
  /** The null model. */
  null: NullModel;
  /** Net P&L of each random gate, CNY. */
  netPnl: Float64Array;
  /** Trades of each random gate. */
  trades: Float64Array;
  /** Mean net P&L. */
  mean: number;
  /** Mean trades. */
  meanTrades: number;
  /** 5 % quantile of net P&L. */
  q05: number;
  /** Median net P&L. */
  q50: number;
  /** 95 % quantile of net P&L. */
  q95: number;
  /** Random gates with net P&L ≥ the attention gate's. */
  atLeastGated: number;
  /** (1 + atLeastGated) / (K + 1). */
  pValue: number;
}

/** The result of {@linkcode gateAblation}. */
export interface GateAblation {
  /** The test statistic. */
  statistic: "net P&L after costs (CNY)";
  /** Prediction-qualified bars. */
  qualified: { long: number; short: number };
  /** The attention gate (the strategy). */
  gated: GateRun;
  /** No gate: every prediction-qualified bar is a signal. */
  ungated: GateRun;
  /** The optional baseline gate. */
  baseline: GateRun | null;
  /** The random gates of the primary null model (the first of `nulls`). */
  random: RandomGates;
  /** Every null model run, by name. */
  nulls: Partial<Record<NullModel, RandomGates>>;
  /** The primary null model's p-value. */
  pValue: number;
  /** K. */
  permutations: number;
  /** Seed used. */
  seed: number;
  /** Stratification used. */
  stratify: "side" | "none";
}

/**
 * The permutation p-value (1 + #{draws ≥ actual}) / (K + 1), for "is `actual` larger than chance".
 * NaN draws count as not ≥.
 *
 * @example
 * ```ts
 * permutationPValue(10, [1, 2, 12, 3]); // (1 + 1) / 5 = 0.4
 * ```
 */
export function permutationPValue(actual: number, draws: ArrayLike<number>): number {
  let k = 0;
  for (let i = 0; i < draws.length; i++) if (draws[i] >= actual) k++;
  return (1 + k) / (draws.length + 1);
}

function run(
  bars: SimulationBars,
  sig: Int8Array,
  label: string,
  cfg: Partial<BacktestConfig>,
): GateRun {
  const { trades } = simulate(bars, sig, cfg);
  let net = 0, gross = 0, wins = 0, longs = 0, shorts = 0;
  for (let k = 0; k < trades.count; k++) {
    net += trades.netPnl[k];
    gross += trades.grossPnl[k];
    if (trades.netPnl[k] > 0) wins++;
  }
  for (let i = 0; i < sig.length; i++) {
    if (sig[i] > 0) longs++;
    else if (sig[i] < 0) shorts++;
  }
  return {
    label,
    longSignals: longs,
    shortSignals: shorts,
    trades: trades.count,
    netPnl: net,
    grossPnl: gross,
    winRate: trades.count > 0 ? wins / trades.count : NaN,
  };
}

/**
 * Backtest the attention gate, no gate, an optional baseline gate and K random gates of the same
 * selectivity (see the module doc), all with the same engine and costs. The gates apply the
 * strategy's rule (`signals` of lib/strategy). Options default to the strategy's: signalThreshold
 * 0.001, attentionThreshold 0.6; permutations 1000, seed 1, stratify "side", backtest
 * `BACKTEST_DEFAULTS`. Throws RangeError for unequal lengths (the baseline's too), a negative
 * threshold or a bad K.
 *
 * @example
 * ```ts
 * const ab = gateAblation(bars, { pred, bull, bear }, { permutations: 1000, seed: 7 });
 * ab.gated.netPnl; ab.ungated.netPnl; ab.pValue; // p of net P&L vs random gates
 * ```
 */
export function gateAblation(
  bars: SimulationBars,
  inputs: GateInputs,
  options: GateAblationOptions = {},
): GateAblation {
  const { pred, bull, bear } = inputs;
  const n = bars.time.length;
  if (pred.length !== n || bull.length !== n || bear.length !== n) {
    throw new RangeError(
      `gateAblation needs one value per bar (${n}): pred ${pred.length}, bull ${bull.length}, ` +
        `bear ${bear.length}`,
    );
  }
  const thr = options.signalThreshold ?? STRATEGY_DEFAULTS.signalThreshold;
  const att = options.attentionThreshold ?? STRATEGY_DEFAULTS.attentionThreshold;
  const K = options.permutations ?? 1000;
  const seed = options.seed ?? 1;
  const stratify = options.stratify ?? "side";
  const cfg = options.backtest ?? {};
  if (!Number.isInteger(K) || K < 1) throw new RangeError(`permutations must be ≥ 1, got ${K}`);
  if (stratify !== "side" && stratify !== "none") {
    throw new RangeError(`stratify must be "side" or "none", got ${stratify}`);
  }

  const gate = { signalThreshold: thr, attentionThreshold: att };
  const gatedSig = signals(pred, { bull, bear }, gate);
  const all = new Uint8Array(n).fill(1); // a gate that passes everything
  const ungatedSig = signals(pred, { bull: all, bear: all }, { ...gate, attentionThreshold: 0 });
  const gated = run(bars, gatedSig, "attention gate", cfg);
  const ungated = run(bars, ungatedSig, "no gate (prediction only)", cfg);
  const baseline = options.baseline
    ? run(
      bars,
      signals(pred, options.baseline, gate),
      options.baseline.label,
      cfg,
    )
    : null;

  const qLong: number[] = [], qShort: number[] = [];
  for (let i = 0; i < n; i++) {
    if (ungatedSig[i] > 0) qLong.push(i);
    else if (ungatedSig[i] < 0) qShort.push(i);
  }
  const pool = (idx: number[]) => ({
    idx: Int32Array.from(idx),
    mask: Uint8Array.from(idx, (i) => (gatedSig[i] !== 0 ? 1 : 0)),
  });
  const pools = stratify === "side"
    ? [pool(qLong), pool(qShort)]
    : [pool([...qLong, ...qShort].sort((x, y) => x - y))];
  const nulls: Partial<Record<NullModel, RandomGates>> = {};
  const models = options.nulls ?? ["shift", "uniform"];
  if (models.length === 0) throw new RangeError("gateAblation needs at least one null model");
  models.forEach((model, m) => {
    if (model !== "shift" && model !== "uniform") {
      throw new RangeError(`Unknown null model ${model}; expected "shift" or "uniform"`);
    }
    nulls[model] = randomGates(bars, ungatedSig, pools, gated.netPnl, {
      model,
      K,
      seed: seed + m * 0x9e3779b9,
      cfg,
    });
  });
  const random = nulls[models[0]]!;
  return {
    statistic: "net P&L after costs (CNY)",
    qualified: { long: qLong.length, short: qShort.length },
    gated,
    ungated,
    baseline,
    random,
    nulls,
    pValue: random.pValue,
    permutations: K,
    seed,
    stratify,
  };
}

function randomGates(
  bars: SimulationBars,
  ungatedSig: Int8Array,
  pools: { idx: Int32Array; mask: Uint8Array }[],
  gatedPnl: number,
  o: { model: NullModel; K: number; seed: number; cfg: Partial<BacktestConfig> },
): RandomGates {
  const n = ungatedSig.length, K = o.K;
  const rng = seededRng(o.seed);
  const sig = new Int8Array(n);
  const work = pools.map((p) => Int32Array.from(p.idx));
  const netPnl = new Float64Array(K), trades = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    sig.fill(0);
    pools.forEach((pool, pi) => {
      const q = pool.idx.length;
      if (o.model === "shift") {
        // Rotate the gate's pass/fail pattern by r ∈ [1, q−1] along the qualified bars.
        const r = q > 1 ? 1 + Math.floor(rng.uniform() * (q - 1)) : 0;
        for (let j = 0; j < q; j++) {
          if (pool.mask[j]) {
            const i = pool.idx[(j + r) % q];
            sig[i] = ungatedSig[i];
          }
        }
      } else {
        // Partial Fisher–Yates: the first m slots become a uniform sample without replacement.
        const a = work[pi];
        let m = 0;
        for (let j = 0; j < q; j++) m += pool.mask[j];
        for (let j = 0; j < m; j++) {
          const r = j + Math.floor(rng.uniform() * (q - j));
          const t = a[j];
          a[j] = a[r];
          a[r] = t;
          sig[a[j]] = ungatedSig[a[j]];
        }
      }
    });
    const { trades: tr } = simulate(bars, sig, o.cfg);
    let s = 0;
    for (let j = 0; j < tr.count; j++) s += tr.netPnl[j];
    netPnl[k] = s;
    trades[k] = tr.count;
  }
  let atLeast = 0, sum = 0, sumT = 0;
  for (let k = 0; k < K; k++) {
    if (netPnl[k] >= gatedPnl) atLeast++;
    sum += netPnl[k];
    sumT += trades[k];
  }
  const [q05, q50, q95] = quantiles(netPnl, [0.05, 0.5, 0.95]);
  return {
    null: o.model,
    netPnl,
    trades,
    mean: sum / K,
    meanTrades: sumT / K,
    q05,
    q50,
    q95,
    atLeastGated: atLeast,
    pValue: permutationPValue(gatedPnl, netPnl),
  };
}
