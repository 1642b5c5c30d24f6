/**
 * Attention analysis: bullish/bearish scores beside their candle-count baseline, where the model
 * looks (attention by lag, full heatmaps), and whether the score orders forward returns. Each
 * analysis is a function of the model's outputs returning plain data, plus a `…Plot` function
 * drawing it with Observable Plot (lib/plot's document). The gate ablation, which backtests, is
 * a study (lib/study `gateAblation`); its table, verdict and plot are in lib/report.
 *
 * @module
 */
export * from "./window_scores.ts";
export * from "./attention_ground_truth.ts";
export * from "./attention_by_lag.ts";
export * from "./score_distribution.ts";
export * from "./return_by_bucket.ts";
export * from "./attention_heatmap.ts";
export * from "./regime_windows.ts";
export * from "./window_attention_plot.ts";
