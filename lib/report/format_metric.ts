/**
 * How the report writes a metric: percentages, ratios, CNY and counts, with "n/a" for undefined
 * values (NaN, ±∞ where meaningless, null).
 *
 * @module
 */

/** The unit of a metric. */
export type MetricUnit = "%" | "ratio" | "CNY" | "count" | "p" | "ticks" | "rate";

/**
 * A metric as text: `%` → "28.0 %", `ratio` → "2.10", `CNY` → "-1,234", `count` → "1,234",
 * `p` → "0.012", `ticks` → "1.25", `rate` → "1.0e-4"; null/undefined/NaN → "n/a"; an infinite
 * ratio → "∞".
 *
 * @example
 * ```ts
 * formatMetric(0.28, "%"); // "28.0 %"
 * formatMetric(-1234.6, "CNY"); // "-1,235"
 * formatMetric(NaN, "ratio"); // "n/a"
 * ```
 */
export function formatMetric(value: number | null | undefined, unit: MetricUnit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "n/a";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  switch (unit) {
    case "%":
      return `${(value * 100).toFixed(1)} %`;
    case "ratio":
      return value.toFixed(2);
    case "CNY":
      return Math.round(value).toLocaleString("en-US");
    case "count":
      return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2);
    case "p":
      return value.toFixed(3);
    case "ticks":
      return value.toFixed(2);
    case "rate":
      return value.toExponential(1);
  }
}
