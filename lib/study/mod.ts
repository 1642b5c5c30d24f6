/**
 * Studies: runs composed of steps that take plain records (a bar table, a trained checkpoint, a
 * config) and return plain records. The backtest study (`runBacktest`: both periods, the oracle,
 * the gate ablation, the analyses, the cost grid and the threshold study) and the walk-forward
 * (`walkForward`: rolling-origin retraining, thresholds chosen per fold, stitched out-of-sample
 * results); each step is public, so other studies (controls, other markets) can reuse them.
 *
 * @module
 */
export * from "./run_backtest_config.ts";
export * from "./records.ts";
export * from "./trained_model.ts";
export * from "./predict_period.ts";
export * from "./period_outputs.ts";
export * from "./oracle.ts";
export * from "./gate_ablation.ts";
export * from "./period_analysis.ts";
export * from "./cost_grid.ts";
export * from "./threshold_study.ts";
export * from "./return_intervals.ts";
export * from "./run_backtest.ts";
export * from "./walk_forward_config.ts";
export * from "./walk_forward_plan.ts";
export * from "./walk_forward_fold.ts";
export * from "./walk_forward_store.ts";
export * from "./walk_forward_stitch.ts";
export * from "./walk_forward.ts";
export * from "./ensure_walk_forward.ts";
export * from "./controls.ts";
export * from "./controls_config.ts";
