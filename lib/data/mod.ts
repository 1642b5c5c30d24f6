/**
 * Bar tables on disk: the schema, CSV reading (our files and the vendor layouts quants have) with
 * row-level validation, the product (instrument), contracts (rolls) and bar length of a file,
 * back-adjusted prices, deterministic atomic CSV writing, tick aggregation and summaries; and the
 * file helpers the other areas share (atomic file and directory writes, `pathExists`,
 * `readJsonFile`).
 *
 * @module
 */
export * from "./schema.ts";
export * from "./select_rows.ts";
export * from "./local_time.ts";
export * from "./path_exists.ts";
export * from "./project_paths.ts";
export * from "./read_json_file.ts";
export * from "./atomic_write.ts";
export * from "./derive_trading_days.ts";
export * from "./validate_bars.ts";
export * from "./csv_layouts.ts";
export * from "./csv_columns.ts";
export * from "./aggregate_ticks.ts";
export { type CsvHeaderInfo, readCsvHeader } from "./read_csv.ts";
export * from "./bar_minutes.ts";
export * from "./contract_segments.ts";
export * from "./resolve_instrument.ts";
export * from "./back_adjust.ts";
export * from "./check_sessions.ts";
export * from "./read_bars.ts";
export * from "./real_samples.ts";
export * from "./write_bars.ts";
export * from "./describe_bars.ts";
export * from "./bar_rows.ts";
export * from "./slice_bars.ts";
export * from "./bar_overview.ts";
