/**
 * Which features a bar table supports: the ones built and the ones absent because the table lacks
 * the field they need (open interest, the level-1 book).
 *
 * @module
 */
import type { BarTable } from "../data/schema.ts";
import { buildFeatures } from "./build_features.ts";
import type { FeatureOptions } from "./feature_config.ts";

/** One row of {@linkcode featureAvailability} (a type, so that it fits `showTable`). */
export type FeatureAvailabilityRow = {
  /** The table's label. */
  data: string;
  /** Features built, comma-separated, in column order. */
  built: string;
  /** Features absent, comma-separated, or "none". */
  absent: string;
};

/**
 * One row per labelled table (label → table, in order) saying which features
 * {@linkcode buildFeatures} builds from it and which it leaves out.
 *
 * @example
 * ```ts
 * showTable(featureAvailability({ synthetic: table, ...real.tables }));
 * // [{ data: "synthetic", built: "ret_1m, body, …", absent: "none" }, …]
 * ```
 * @param options feature configuration passed to buildFeatures (default preset).
 */
export function featureAvailability(
  tables: Readonly<Record<string, BarTable>>,
  options: FeatureOptions = {},
): FeatureAvailabilityRow[] {
  return Object.entries(tables).map(([data, table]) => {
    const frame = buildFeatures(table, options);
    return { data, built: frame.names.join(", "), absent: frame.absent.join(", ") || "none" };
  });
}
