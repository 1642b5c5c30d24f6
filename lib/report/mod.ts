/**
 * Backtest reporting: the headline comparison with the claim, the verdict, metrics.json, the
 * CSV tables, the equity/drawdown and trades charts, the self-contained report.html, and the
 * atomic writer of an output directory.
 *
 * @module
 */
export * from "./format_metric.ts";
export * from "./comparison_table.ts";
export * from "./backtest_verdict.ts";
export * from "./backtest_metrics.ts";
export * from "./backtest_csv.ts";
export * from "./equity_plot.ts";
export * from "./trades_plot.ts";
export * from "./report_html.ts";
export * from "./write_backtest.ts";
export * from "./metrics_table.ts";
export * from "./cost_table.ts";
export * from "./gate_table.ts";
export * from "./oracle_table.ts";
export * from "./prediction_histogram_plot.ts";
export * from "./ablation_table.ts";
export * from "./ablation_verdict.ts";
export * from "./gate_ablation_plot.ts";
export * from "./threshold_report.ts";
export * from "./walk_forward_report.ts";
export * from "./walk_forward_files.ts";
export * from "./controls_report.ts";
