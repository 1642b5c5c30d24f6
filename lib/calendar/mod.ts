/**
 * The exchange calendar: trading sessions, trading days (holidays 2015–2026, night sessions,
 * bars after midnight), and the instrument table (tick, multiplier, sessions and fees of the
 * Chinese futures products). The lowest layer: it imports no other area of lib/.
 *
 * @module
 */
export * from "./day_number.ts";
export * from "./holidays.ts";
export * from "./trading_days.ts";
export * from "./has_night_session.ts";
export * from "./sessions.ts";
export * from "./infer_sessions.ts";
export * from "./trading_day_of.ts";
export * from "./bar_schedule.ts";
export * from "./contract_spec.ts";
export * from "./instruments.ts";
