/**
 * The backtest engine, pure and small: session structure → fills (next-bar execution) →
 * simulation (positions and trades; a threshold grid in one pass) → accounting (equity curves) →
 * daily returns → metrics and the summary. It imports neither TensorFlow.js nor polars
 * (tests/layers_test.ts checks the import graph); the runner that backtests a checkpoint lives in
 * lib/study.
 *
 * @module
 */
export * from "./backtest_config.ts";
export * from "./session_ends.ts";
export * from "./fill.ts";
export * from "./simulate.ts";
export * from "./simulate_grid.ts";
export * from "./mark_to_market.ts";
export * from "./daily_returns.ts";
export * from "./metrics.ts";
export * from "./metrics_trades.ts";
export * from "./summarize.ts";
export * from "./run_signals.ts";
export * from "./scenario_bars.ts";
export * from "./claim.ts";
