/**
 * The synthetic SHFE rebar market: its generator (on the calendar of lib/calendar), the file on
 * disk (`ensureMarket`), and the stylized facts and plots that compare synthetic and real bar
 * tables.
 *
 * @module
 */
export * from "./market_config.ts";
export * from "./generate_market.ts";
export * from "./ensure_market.ts";
export * from "./stylized_facts.ts";
export * from "./session_axis.ts";
export * from "./session_price_plot.ts";
export * from "./intraday_volume_profile.ts";
export * from "./stylized_facts_table.ts";
export * from "./calibration.ts";
export * from "./spread_share_plot.ts";
export * from "./ground_truth_summary.ts";
