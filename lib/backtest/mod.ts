/**
 * The backtest engine, in layers: session structure → fills (pure, next-bar execution) →
 * simulation (positions and trades) → accounting (equity curves) → metrics and the summary, and
 * the runner that backtests a checkpoint in and out of sample (`runBacktest`; it loads the model,
 * so importing this module also loads TensorFlow.js and polars).
 *
 * @module
 */
export * from "./backtest_config.ts";
export * from "./session_ends.ts";
export * from "./fill.ts";
export * from "./simulate.ts";
export * from "./mark_to_market.ts";
export * from "./daily_returns.ts";
export * from "./metrics.ts";
export * from "./metrics_trades.ts";
export * from "./summarize.ts";
export * from "./scenario_bars.ts";
export * from "./claim.ts";
export * from "./run_backtest.ts";
export * from "./period_outputs.ts";
