/**
 * The trend strategy: its configuration, the bullish/bearish attention scores and the signal
 * rule that turns predictions into desired positions.
 *
 * @module
 */
export * from "./strategy_config.ts";
export * from "./bullish_attention.ts";
export * from "./signals.ts";
