/**
 * Small, exact statistics used across Trendformer: moments, correlations, ranks, quantiles, the
 * seeded random generator, Student's t and the day-block bootstrap.
 *
 * @module
 */
export * from "./moments.ts";
export * from "./quantiles.ts";
export * from "./random.ts";
export * from "./t_test.ts";
export * from "./bootstrap.ts";
