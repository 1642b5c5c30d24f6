/**
 * Bar tables on disk: the schema, CSV reading (our files and vn.py layouts) with row-level
 * validation, deterministic atomic CSV writing, tick aggregation and summaries; and the file
 * helpers the other areas share (atomic file and directory writes, `pathExists`, `readJsonFile`).
 *
 * @module
 */
export * from "./schema.ts";
export * from "./local_time.ts";
export * from "./path_exists.ts";
export * from "./project_paths.ts";
export * from "./read_json_file.ts";
export * from "./atomic_write.ts";
export * from "./derive_trading_days.ts";
export * from "./validate_bars.ts";
export * from "./csv_layouts.ts";
export * from "./aggregate_ticks.ts";
export * from "./read_bars.ts";
export * from "./real_samples.ts";
export * from "./write_bars.ts";
export * from "./describe_bars.ts";
export * from "./bar_rows.ts";
export * from "./bar_overview.ts";
