/**
 * What a gate ablation (see {@linkcode gateAblation}) shows, in one plain sentence computed from
 * its numbers, including the cases where it cannot show anything.
 *
 * @module
 */
import { formatMetric } from "./format_metric.ts";
import type { GateAblation } from "../study/mod.ts";

/** The reading of an ablation. */
export interface AblationVerdict {
  /**
   * `"no-qualified"`: no prediction clears the threshold; `"passes-none"`: the gate passes none
   * of the qualified signals; `"passes-all"`: it passes every one (it selects nothing);
   * `"tested"`: the permutation test applies.
   */
  case: "no-qualified" | "passes-none" | "passes-all" | "tested";
  /** p < `alpha` in the tested case; null when the ablation cannot judge the gate. */
  gateBeatsRandom: boolean | null;
  /** The sentence (markdown). */
  sentence: string;
}

/**
 * Reads an ablation: whether the attention gate picks better trades than random gates of the same
 * selectivity (primary null's p-value against `alpha`), or why the ablation cannot judge it (no
 * prediction-qualified bar, a gate that passes none, or one that passes all). Flags a test on
 * fewer than 20 gated trades as having little power.
 *
 * @example
 * ```ts
 * ablationVerdict(gateAblation(bars, inputs)).sentence;
 * // "The attention gate passes none of the 12 prediction-qualified signals: …"
 * ```
 * @param options.alpha significance level; default 0.05.
 */
export function ablationVerdict(
  ablation: GateAblation,
  options: { alpha?: number } = {},
): AblationVerdict {
  const a = ablation, alpha = options.alpha ?? 0.05;
  const qualified = a.qualified.long + a.qualified.short;
  const passed = a.gated.longSignals + a.gated.shortSignals;
  const cny = (x: number) => `${formatMetric(x, "CNY")} CNY`;
  const count = (x: number) => formatMetric(x, "count");
  const ungated =
    `Without the gate the same predictions make ${count(a.ungated.trades)} trades and ` +
    `${cny(a.ungated.netPnl)} after costs.`;
  if (qualified === 0) {
    return {
      case: "no-qualified",
      gateBeatsRandom: null,
      sentence: "No prediction clears the signal threshold, so there is no signal for the gate " +
        "to select: no trades, and the ablation cannot judge the gate.",
    };
  }
  if (passed === 0) {
    return {
      case: "passes-none",
      gateBeatsRandom: null,
      sentence: `The attention gate passes none of the ${count(qualified)} prediction-qualified ` +
        `signals, so the strategy makes no trade and the ablation cannot judge the gate. ${ungated}`,
    };
  }
  if (a.gated.longSignals === a.qualified.long && a.gated.shortSignals === a.qualified.short) {
    return {
      case: "passes-all",
      gateBeatsRandom: null,
      sentence:
        `The gate passes every one of the ${count(qualified)} prediction-qualified signals, so ` +
        "it selects nothing and the ablation cannot judge it (every random gate is the same " +
        "gate, p = 1).",
    };
  }
  const beats = a.pValue < alpha;
  const other = Object.values(a.nulls).filter((r) => r && r !== a.random);
  return {
    case: "tested",
    gateBeatsRandom: beats,
    sentence:
      `The attention gate passes ${count(passed)} of ${
        count(qualified)
      } prediction-qualified signals ` +
      `and makes ${count(a.gated.trades)} trades, ${
        cny(a.gated.netPnl)
      } after costs; random gates of ` +
      `the same selectivity make ${cny(a.random.mean)} on average. p = ` +
      `${formatMetric(a.pValue, "p")} (${a.random.null} null${
        other.map((r) => `; ${formatMetric(r!.pValue, "p")} under the ${r!.null} null`).join("")
      }): ` +
      (beats
        ? `the gate picks better trades than chance at the ${alpha} level.`
        : `the gate does **not** pick better trades than chance at the ${alpha} level.`) +
      (a.gated.trades < 20
        ? ` With only ${a.gated.trades} trades the test has little power.`
        : "") +
      ` ${ungated}`,
  };
}
