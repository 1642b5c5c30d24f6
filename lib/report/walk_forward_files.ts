/**
 * The output files of a walk-forward, in `data/walk-forward/<name>/` beside its plan and folds:
 * trades.csv, equity.csv and daily.csv (period `wf_spec` and `wf_chosen`), metrics.json,
 * report.html and equity.png. Each file is written atomically; the folds are not touched.
 *
 * @module
 */
import { writeFileAtomic, writeTextFileAtomic } from "../data/atomic_write.ts";
import { renderPng, svgMarkup } from "../plot/mod.ts";
import type { StitchedStrategy, WalkForwardRun } from "../study/mod.ts";
import { chart, definitions, esc, htmlPage, table, verdictBox } from "./_html.ts";
import { periodsCsv } from "./backtest_csv.ts";
import { intervalSentence } from "./backtest_verdict.ts";
import { formatMetric } from "./format_metric.ts";
import {
  type SingleSplitResult,
  walkForwardEquityPlot,
  walkForwardFoldTable,
  walkForwardSummary,
} from "./walk_forward_report.ts";

function strategyJson(s: StitchedStrategy) {
  return { label: s.label, summary: s.summary, intervals: s.intervals };
}

/**
 * metrics.json of a walk-forward: config, data, the stitched strategies (every metric with its
 * days, and the intervals), the folds (days, training, thresholds, validation figures, test IC;
 * per-bar arrays left out) and the single split beside it.
 *
 * @example
 * ```ts
 * JSON.stringify(walkForwardMetrics(wf, single), null, 2);
 * ```
 */
export function walkForwardMetrics(
  run: WalkForwardRun,
  single: SingleSplitResult | null,
): Record<string, unknown> {
  return {
    format: "trendformer-walk-forward-metrics",
    version: 1,
    data: run.data,
    config: run.config,
    strategy: run.strategy,
    outOfSample: {
      days: run.stitched.days.length,
      first: run.stitched.days[0],
      last: run.stitched.days.at(-1),
      spec: strategyJson(run.stitched.spec),
      chosen: strategyJson(run.stitched.chosen),
    },
    singleSplit: single,
    folds: run.folds.map(({ test: _t, ...f }) => ({
      ...f,
      fold: { ...f.fold, train: f.fold.train.length, val: f.fold.val, purged: f.fold.purged },
    })),
    conventions: {
      stitching: "each fold's test block traded with its own model; blocks tile the days, the " +
        "book is flat at every day end, so one simulation of the stitched signals equals the " +
        "folds' simulations",
      spec: "the strategy's thresholds on every block (the default strategy, the headline)",
      chosen: "each fold's thresholds chosen on its validation days alone (best validation " +
        "Sharpe with enough trades); flat on a block whose fold chose none",
      intervals: "day-block bootstrap: whole out-of-sample days resampled",
    },
  };
}

/**
 * report.html of a walk-forward.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("report.html", walkForwardHtml(wf, single));
 * ```
 */
export function walkForwardHtml(run: WalkForwardRun, single: SingleSplitResult | null): string {
  const s = run.stitched, c = run.config, spec = s.spec.summary;
  const headline = spec.trades === 0
    ? "Walk-forward: the strategy makes no trade out of sample, so it neither makes nor loses money."
    : `Walk-forward: the strategy ${spec.after.pnl > 0 ? "makes" : "loses"} money after costs ` +
      `out of sample (${formatMetric(spec.after.pnl, "CNY")} CNY over ${spec.trades} trades).`;
  return htmlPage("Trendformer walk-forward", [
    `<header><h1>Trendformer walk-forward: retrained every ${c.stepDays} trading days</h1>` +
    `<p class="meta">Data: ${esc(run.data.source)}. ${run.folds.length} folds, ${c.window} ` +
    `window, first fold trained on ${c.minTrainDays} days, ${c.valDays} validation days, ` +
    `${c.purgeDays} purged day(s) on each side of them, ${
      c.warmStart ? "warm-started" : "fresh"
    } models. Out of sample: ${s.days.length} days.</p></header>`,
    `<section id="verdict"><h2>Verdict</h2>${
      verdictBox({
        headline,
        makes: spec.after.pnl > 0,
        sentences: [
          `Strategy thresholds: ${intervalSentence(s.spec.intervals)}`,
          `Thresholds chosen per fold: ${formatMetric(s.chosen.summary.after.pnl, "CNY")} CNY ` +
          `over ${s.chosen.summary.trades} trades; ${intervalSentence(s.chosen.intervals)}`,
          single === null
            ? "The single-split backtest has not been run (deno task backtest), so it is not shown."
            : `The single split's test days are ${single.days.count} of these days' kind, ` +
              "judged by one model trained once; the walk-forward covers more days with models " +
              "that never saw them.",
        ],
      })
    }</section>`,
    `<section id="summary"><h2>Out of sample, beside the single split</h2>`,
    table(walkForwardSummary(run, single), "wf-summary"),
    `<p class="note">After costs, notional base; brackets: ${
      Math.round(c.bootstrap.level * 100)
    } % day-block bootstrap intervals.</p></section>`,
    `<section id="equity"><h2>Stitched equity</h2>`,
    chart(
      "equity",
      walkForwardEquityPlot(run),
      "Cumulative after-cost P&L as a share of one lot's notional; dashed: before costs.",
    ),
    `</section>`,
    `<section id="folds"><h2>Folds</h2>`,
    table(walkForwardFoldTable(run)),
    `</section>`,
    `<section id="conventions"><h2>Conventions</h2>${
      definitions(walkForwardMetrics(run, single).conventions as Record<string, string>)
    }</section>`,
  ]);
}

/**
 * Write the walk-forward's files into `outDir` (see the module doc); returns their paths.
 *
 * @example
 * ```ts
 * await writeWalkForward(wf, "data/walk-forward/default", { single });
 * ```
 */
export async function writeWalkForward(
  run: WalkForwardRun,
  outDir: string,
  options: { single: SingleSplitResult | null },
): Promise<Record<string, string>> {
  const s = run.stitched,
    part = { bars: s.bars, prediction: s.prediction, bull: s.bull, bear: s.bear };
  const csv = periodsCsv([
    { key: "wf_spec", period: { ...s.spec, ...part } },
    { key: "wf_chosen", period: { ...s.chosen, ...part } },
  ]);
  const files: Record<string, string> = {
    "trades.csv": csv.trades,
    "equity.csv": csv.equity,
    "daily.csv": csv.daily,
    "metrics.json": JSON.stringify(walkForwardMetrics(run, options.single), null, 2) + "\n",
    "report.html": walkForwardHtml(run, options.single),
  };
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    await writeTextFileAtomic(paths[name] = `${outDir}/${name}`, text);
  }
  const png = await renderPng(svgMarkup(walkForwardEquityPlot(run)));
  await writeFileAtomic(
    paths["equity.png"] = `${outDir}/equity.png`,
    (t) => Deno.writeFile(t, png),
  );
  return paths;
}
