/**
 * Attention analysis: bullish/bearish scores beside their candle-count baseline, where the model
 * looks (attention by lag, full heatmaps), whether the score orders forward returns, and the gate
 * ablation with its permutation test. Each analysis is a function returning plain data, plus a
 * `…Plot` function drawing it with Observable Plot (lib/plot's document).
 *
 * @module
 */
export * from "./window_scores.ts";
export * from "./attention_by_lag.ts";
export * from "./score_distribution.ts";
export * from "./return_by_bucket.ts";
export * from "./attention_heatmap.ts";
export * from "./gate_ablation.ts";
export * from "./regime_windows.ts";
export * from "./window_attention_plot.ts";
export * from "./ablation_table.ts";
export * from "./ablation_verdict.ts";
