/**
 * Small, exact statistics used across Trendformer: moments, correlations and ranks.
 *
 * @module
 */
export * from "./moments.ts";
export * from "./quantiles.ts";
export * from "./random.ts";
