/**
 * Small, exact statistics used across Trendformer: moments, correlations, ranks, quantiles and
 * the day-block bootstrap.
 *
 * @module
 */
export * from "./moments.ts";
export * from "./quantiles.ts";
export * from "./bootstrap.ts";
