/**
 * The synthetic market on disk: read it when it is there, generate and write it when it is not,
 * so notebooks and scripts run on a fresh clone (where `data/` is empty).
 *
 * @module
 */
import { type BarTable, dataPath, readBars, writeBars } from "../data/mod.ts";
import { generateMarket } from "./generate_market.ts";
import type { MarketConfig } from "./market_config.ts";

/** Options of {@linkcode ensureMarket}. */
export interface EnsureMarketOptions {
  /**
   * Generator settings used only when the file is missing: a partial {@linkcode MarketConfig}.
   * Default `{}`: the `default` preset (seed 42, calendar year 2023).
   */
  market?: Partial<MarketConfig>;
}

/** What {@linkcode ensureMarket} returns. */
export interface EnsuredMarket {
  /** The bar table: read from `path`, or the freshly generated one (then also on disk). */
  table: BarTable;
  /** The file path. */
  path: string;
  /** True when the file was missing and has just been generated and written. */
  generated: boolean;
}

/**
 * Reads the bar table at `path` (default `dataPath("market.csv")`: `market.csv` in the artefact
 * folder, `$TRENDFORMER_DATA` or the repository's `data/`) when the file exists; otherwise
 * generates the synthetic market (default preset, seed 42, or `options.market`), writes it to
 * `path` atomically (missing folders are created) and returns it. An existing file is read as it
 * is, whatever seed made it, and a broken one throws (readBars' errors): it is never silently
 * replaced.
 *
 * @example
 * ```ts
 * const { table, generated } = await ensureMarket(); // data/market.csv
 * generated; // true on a fresh clone (about 1 s), false afterwards
 * table.time.length; // 82_770
 * ```
 * @param options.market generator settings used when the file is missing; default `{}`.
 */
export async function ensureMarket(
  path: string = dataPath("market.csv"),
  options: EnsureMarketOptions = {},
): Promise<EnsuredMarket> {
  let exists = true;
  try {
    await Deno.stat(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    exists = false;
  }
  if (exists) return { table: await readBars(path), path, generated: false };
  const table = generateMarket(options.market ?? {});
  const slash = path.lastIndexOf("/");
  if (slash > 0) await Deno.mkdir(path.slice(0, slash), { recursive: true });
  await writeBars(table, path);
  return { table, path, generated: true };
}
