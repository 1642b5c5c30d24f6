/**
 * The optional real sample files (not part of the repository; see the README's "Real data"): which
 * ones there are, and loading those present, so notebooks compare the synthetic market with real
 * data when it is at hand and say plainly when it is not.
 *
 * @module
 */
import { realDataPath, realSamplePath } from "./project_paths.ts";
import { readBars } from "./read_bars.ts";
import type { BarTable } from "./schema.ts";

/** One known real sample file. */
export interface RealSample {
  /** File name inside the real-data folder. */
  readonly file: string;
  /** Label of its table in comparisons. */
  readonly label: string;
  /** What it holds, in a few words. */
  readonly what: string;
}

/** The real sample files the notebooks and tests know, in the order they are shown. */
export const REAL_SAMPLES: readonly RealSample[] = Object.freeze([
  {
    file: "rb0000_1min_2017-06.csv",
    label: "real rb 1-min (2017-06)",
    what: "ten days of vn.py rebar one-minute bars (no book, no open interest)",
  },
  {
    file: "RM705-2017-03-20_ticks.csv",
    label: "real RM705 ticks → bars",
    what: "one day of CZCE rapeseed-meal level-1 ticks (a book, no traded volume), as 1-min bars",
  },
]);

/** What {@linkcode loadRealSamples} returns. */
export interface RealSamples {
  /** The folder looked in. */
  dir: string;
  /** The tables of the files present, by label, in {@linkcode REAL_SAMPLES} order. */
  tables: Record<string, BarTable>;
  /** File names of the samples not found. */
  missing: string[];
  /** One markdown paragraph saying what was loaded, or what is missing and how to add it. */
  note: string;
}

/**
 * Reads every real sample file present in the real-data folder (`$TRENDFORMER_REAL_DATA`, else
 * `shared/data/real` beside the clone). Missing files are listed, not an error; a file that is
 * present but broken throws (readBars' errors).
 *
 * @example
 * ```ts
 * const real = await loadRealSamples();
 * showTable(barOverview({ synthetic: table, ...real.tables }));
 * Deno.jupyter.md`${real.note}`;
 * ```
 */
export async function loadRealSamples(): Promise<RealSamples> {
  const dir = realDataPath();
  const tables: Record<string, BarTable> = {};
  const missing: string[] = [];
  for (const s of REAL_SAMPLES) {
    const path = realSamplePath(s.file);
    if (path === null) missing.push(s.file);
    else tables[s.label] = await readBars(path);
  }
  return { dir, tables, missing, note: sampleNote(dir, missing) };
}

function sampleNote(dir: string, missing: readonly string[]): string {
  const list = (files: readonly string[]) => files.map((f) => `\`${f}\``).join(", ");
  if (missing.length === 0) {
    return `Real samples from \`${dir}\`: ` +
      REAL_SAMPLES.map((s) => `**${s.label}**, ${s.what}`).join("; ") + ".";
  }
  const found = REAL_SAMPLES.filter((s) => !missing.includes(s.file));
  return `**Real samples not found** in \`${dir}\` (missing ${list(missing)}), so ` +
    (found.length ? `only ${list(found.map((s) => s.file))} is compared` : "the comparisons " +
      "below show the synthetic market alone") +
    ". To add them, set `TRENDFORMER_REAL_DATA` to a folder holding these files (the README's " +
    "*Real data* says where they come from), then re-run this notebook.";
}
