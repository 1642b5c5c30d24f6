/**
 * The seed project's performance claim, shown beside every run of ours and never tuned towards.
 *
 * @module
 */

/** A published performance claim. */
export interface PerformanceClaim {
  /** How the claim must be labelled wherever it is shown. */
  readonly label: string;
  /** What the claim is about. */
  readonly scope: string;
  /** Annualised return (a fraction). */
  readonly annualReturn: number;
  /** Maximum drawdown, as our metrics report it (≤ 0: −0.08 is an 8 % drawdown). */
  readonly maxDrawdown: number;
  /** Annualised Sharpe ratio. */
  readonly sharpe: number;
  /** Share of winning trades. */
  readonly winRate: number;
  /** What is not known about how the claim was measured. */
  readonly caveat: string;
}

/**
 * The seed's claim: rebar 2023 in-sample, 28 % annualised, 8 % max drawdown, Sharpe 2.1, 58 % win
 * rate. Labelled "claim (not reproduced; different data)": our figures come from a synthetic
 * market and our own model, so they can neither confirm nor refute it. Frozen.
 *
 * @example
 * ```ts
 * CLAIM.sharpe; // 2.1
 * CLAIM.label; // "claim (not reproduced; different data)"
 * ```
 */
export const CLAIM: PerformanceClaim = Object.freeze({
  label: "claim (not reproduced; different data)",
  scope: "rebar (SHFE rb) 2023, in-sample, as stated by the seed project",
  annualReturn: 0.28,
  maxDrawdown: -0.08,
  sharpe: 2.1,
  winRate: 0.58,
  caveat: "The seed states neither its capital base (notional or margin), its cost model nor " +
    "whether the win rate is before or after costs; it is an in-sample figure on real 2023 data.",
});
