/**
 * Training and evaluation: configuration, data preparation, the training loop, baselines and the
 * evaluation table.
 *
 * @module
 */
export * from "./train_config.ts";
export * from "./fingerprint.ts";
export * from "./prepare_dataset.ts";
export * from "./progress.ts";
export * from "./train_model.ts";
export * from "./evaluate.ts";
export * from "./baselines.ts";
export * from "./evaluate_model.ts";
export * from "./loss_curve_plot.ts";
export * from "./show_eval_table.ts";
export * from "./read_train_run.ts";
export * from "./trained_meta.ts";
export * from "./ensure_model.ts";
export * from "./adamw.ts";
export * from "./window_sampler.ts";
export * from "./validation.ts";
export * from "./gradient_pool.ts";
export * from "./summary_ridge.ts";
export * from "./train_seeds.ts";
export * from "./train_flags.ts";
export * from "./seed_summary.ts";
export * from "./study_results.ts";
