/**
 * Features, target, chronological day splits with purge, train-only normalisation and windowing
 * into [N, window, F] Float32Arrays.
 *
 * @module
 */
export * from "./feature_config.ts";
export * from "./time_in_session.ts";
export * from "./build_features.ts";
export * from "./feature_target_correlation.ts";
export * from "./with_future_feature.ts";
export * from "./summary_features.ts";
export * from "./split_by_day.ts";
export * from "./window_rows.ts";
export * from "./normalizer.ts";
export * from "./make_windows.ts";
export * from "./frame_rows.ts";
export * from "./feature_summary.ts";
export * from "./feature_availability.ts";
export * from "./data_limits.ts";
export * from "./feature_histograms.ts";
export * from "./leakage_check.ts";
export * from "./split_timeline_plot.ts";
export * from "./window_status.ts";
export * from "./normalizer_table.ts";
