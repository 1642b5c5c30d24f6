/**
 * The SHFE rebar market: contract spec, trading calendar, synthetic market generator and the
 * stylized facts used to compare synthetic and real bar tables.
 *
 * @module
 */
export * from "./contract_spec.ts";
export * from "./day_number.ts";
export * from "./shfe_holidays.ts";
export * from "./trading_days.ts";
export * from "./has_night_session.ts";
export * from "./sessions.ts";
export * from "./trading_day_of.ts";
export * from "./bar_schedule.ts";
export * from "./market_config.ts";
export * from "./generate_market.ts";
export * from "./ensure_market.ts";
export * from "./stylized_facts.ts";
export * from "./session_axis.ts";
export * from "./session_price_plot.ts";
export * from "./intraday_volume_profile.ts";
export * from "./stylized_facts_table.ts";
export * from "./spread_share_plot.ts";
export * from "./ground_truth_summary.ts";
