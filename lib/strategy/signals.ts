/**
 * The strategy's signal rule: a prediction plus an agreeing attention score makes a signal.
 *
 * @module
 */
import { STRATEGY_DEFAULTS, type StrategyConfig } from "./strategy_config.ts";

/** Bullish and bearish attention scores, one per bar/window, aligned with the predictions. */
export interface AttentionScores {
  /** Bullish attention (see `bullishAttention`). */
  bull: ArrayLike<number>;
  /** Bearish attention (see `bearishAttention`). */
  bear: ArrayLike<number>;
}

/**
 * Desired signals, one per bar, computed at that bar's close:
 *
 * - +1 (long) when `pred > signalThreshold` AND `bull > attentionThreshold`;
 * - −1 (short) when `pred < −signalThreshold` AND `bear > attentionThreshold`;
 * - 0 otherwise, including any NaN input (both inequalities are strict).
 *
 * Pure: no state and no position logic (the backtest decides what a signal does to a position).
 * Options default to {@linkcode STRATEGY_DEFAULTS}: signalThreshold 0.001, attentionThreshold
 * 0.6; a full {@linkcode StrategyConfig} may be passed.
 *
 * @example
 * ```ts
 * const pred = Float64Array.of(0.002, 0.002, -0.003, 0.0005);
 * const bull = Float32Array.of(0.7, 0.5, 0.1, 0.9);
 * const bear = Float32Array.of(0.2, 0.4, 0.8, 0.1);
 * signals(pred, { bull, bear }); // Int8Array [1, 0, -1, 0]
 * ```
 */
export function signals(
  pred: ArrayLike<number>,
  scores: AttentionScores,
  config: Partial<Pick<StrategyConfig, "signalThreshold" | "attentionThreshold">> = {},
): Int8Array {
  const { bull, bear } = scores;
  const thr = config.signalThreshold ?? STRATEGY_DEFAULTS.signalThreshold;
  const att = config.attentionThreshold ?? STRATEGY_DEFAULTS.attentionThreshold;
  if (bull.length !== pred.length || bear.length !== pred.length) {
    throw new RangeError(
      `signals needs equal lengths: pred ${pred.length}, bull ${bull.length}, bear ${bear.length}`,
    );
  }
  if (!(thr >= 0) || !(att >= 0)) {
    throw new RangeError(`signals thresholds must be non-negative, got ${thr} and ${att}`);
  }
  const out = new Int8Array(pred.length);
  for (let i = 0; i < pred.length; i++) {
    const p = pred[i];
    if (p > thr && bull[i] > att) out[i] = 1;
    else if (p < -thr && bear[i] > att) out[i] = -1;
  }
  return out;
}
