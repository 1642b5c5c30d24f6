/**
 * Small, exact statistics used across Trendformer: moments, correlations, ranks, quantiles, the
 * seeded random generator and Student's t.
 *
 * @module
 */
export * from "./moments.ts";
export * from "./quantiles.ts";
export * from "./random.ts";
export * from "./t_test.ts";
