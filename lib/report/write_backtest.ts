/**
 * Writes a backtest run's outputs as one directory, atomically: every file is rendered in memory
 * first, written into a temporary directory beside the target, and the directory is then renamed
 * into place (an existing one is moved aside first and deleted after; `writeDirAtomic` of
 * lib/data). Readers see the old complete directory or the new complete one; a failure leaves no
 * partial output.
 *
 * @module
 */
import type { BacktestRun } from "../study/mod.ts";
import { writeDirAtomic } from "../data/mod.ts";
import { backtestCsv } from "./backtest_csv.ts";
import { backtestMetrics } from "./backtest_metrics.ts";
import { reportHtml } from "./report_html.ts";
import { drawdownPlot, equityPlot } from "./equity_plot.ts";
import { renderPng, svgMarkup } from "../plot/mod.ts";

/** The files of a backtest output directory. */
export const BACKTEST_FILES = [
  "trades.csv",
  "equity.csv",
  "daily.csv",
  "metrics.json",
  "report.html",
] as const;

/** One output file name. */
export type BacktestFile = typeof BACKTEST_FILES[number];

/**
 * The text of every output file of a run (nothing is written).
 *
 * @example
 * ```ts
 * const files = backtestFiles(run);
 * JSON.parse(files["metrics.json"]).outOfSample.summary.after.pnl;
 * ```
 */
export function backtestFiles(run: BacktestRun): Record<BacktestFile, string> {
  const csv = backtestCsv(run);
  return {
    "trades.csv": csv.trades,
    "equity.csv": csv.equity,
    "daily.csv": csv.daily,
    "metrics.json": JSON.stringify(backtestMetrics(run), null, 2) + "\n",
    "report.html": reportHtml(run),
  };
}

/**
 * Write trades.csv, equity.csv, daily.csv, metrics.json, report.html and the equity and
 * drawdown charts (equity.png, drawdown.png, for headless runs) of `run` into `outDir`
 * (replacing it when it exists; missing parents are created), atomically as described in the
 * module doc. Returns the path of each file.
 *
 * @example
 * ```ts
 * const paths = await writeBacktest(run, "data/backtest/default");
 * paths["report.html"]; // "data/backtest/default/report.html"
 * ```
 */
export async function writeBacktest(
  run: BacktestRun,
  outDir: string,
): Promise<Record<BacktestFile, string>> {
  const dir = outDir.length > 1 ? outDir.replace(/\/+$/, "") : outDir;
  const files = backtestFiles(run);
  await writeDirAtomic(dir, async (tmp) => {
    for (const name of BACKTEST_FILES) await Deno.writeTextFile(`${tmp}/${name}`, files[name]);
    for (
      const [name, plot] of [["equity.png", equityPlot(run)], [
        "drawdown.png",
        drawdownPlot(run),
      ]] as const
    ) {
      await Deno.writeFile(`${tmp}/${name}`, await renderPng(svgMarkup(plot)));
    }
  }, { createParents: true });
  return Object.fromEntries(BACKTEST_FILES.map((f) => [f, `${dir}/${f}`])) as Record<
    BacktestFile,
    string
  >;
}
