/**
 * report.html: one self-contained page (inline SVG charts from Observable Plot, inline CSS, no
 * script, no external resource) with the verdict, the claim-versus-ours table, equity and
 * drawdown, trades on the price, every metric before and after costs, the ablation, the cost
 * sensitivity, the attention analyses and the conventions.
 *
 * @module
 */
import {
  attentionByLagPlot,
  attentionHeatmapPlot,
  returnByBucketPlot,
  scoreDistributionPlot,
} from "../attention/mod.ts";
import type { BacktestRun, PeriodRun, ThresholdStudy } from "../study/mod.ts";
import { formatLocalDateTime, formatTradingDay } from "../data/mod.ts";
import { chart, definitions, esc, htmlPage, table, verdictBox } from "./_html.ts";
import { backtestConventions } from "./backtest_metrics.ts";
import { backtestVerdict } from "./backtest_verdict.ts";
import { comparisonTable, formatComparison } from "./comparison_table.ts";
import { drawdownPlot, equityPlot } from "./equity_plot.ts";
import { costTable } from "./cost_table.ts";
import { ablationTable } from "./ablation_table.ts";
import { formatMetric } from "./format_metric.ts";
import { gateAblationPlot } from "./gate_ablation_plot.ts";
import { gateTable } from "./gate_table.ts";
import { metricsTable } from "./metrics_table.ts";
import { thresholdHeatmapPlot, thresholdTable } from "./threshold_report.ts";
import { busiestDay, tradesPlot } from "./trades_plot.ts";

/** Both periods' ablation tables ({@linkcode ablationTable}), a period column first. */
function ablationRows(run: BacktestRun): Record<string, string>[] {
  return Object.values(run.periods).flatMap((p) =>
    ablationTable(p.ablation).map((row) => ({ period: p.label, ...row }))
  );
}

function thresholdSection(
  study: ThresholdStudy,
  thr: { signalThreshold: number; attentionThreshold: number },
): string {
  const heat = (metric: "netPnl" | "sharpe" | "trades") =>
    chart(
      `thresholds-${metric}`,
      thresholdHeatmapPlot(study, { metric }),
      `Out of sample. Black box: the strategy's thresholds (${thr.signalThreshold}, ` +
        `${thr.attentionThreshold}); dashed magenta box: the cell chosen on the validation days.`,
    );
  return [
    `<section id="thresholds"><h2>Thresholds: the surface, and a choice made out of sample</h2>`,
    `<p>Every cell of a grid of |prediction| thresholds (fixed, and quantiles of the validation ` +
    `days' |prediction|) × attention thresholds, backtested from the same predictions. One cell is ` +
    `chosen on the validation days alone (${esc(study.criterion)}) and reported on the test days ` +
    `beside the strategy's thresholds, which remain the headline.</p>`,
    table(thresholdTable(study)),
    heat("netPnl"),
    heat("sharpe"),
    heat("trades"),
    `</section>`,
  ].join("\n");
}

function attentionRows(run: BacktestRun): Record<string, string>[] {
  return Object.values(run.periods).map((p) => {
    const s = p.analysis.scores, f = p.analysis.forecast;
    return {
      period: p.label,
      "mean bullish attention": formatMetric(s.bull.mean, "p"),
      "mean up-minute fraction": formatMetric(s.upFraction.mean, "p"),
      "corr(bullish, up fraction)": formatMetric(s.correlation, "p"),
      [`bullish > ${s.threshold}`]: formatMetric(s.bull.shareAbove, "%"),
      [`up fraction > ${s.threshold}`]: formatMetric(s.upFraction.shareAbove, "%"),
      "IC (Pearson pred vs realised)": formatMetric(f.pearson, "p"),
      "rank IC": formatMetric(f.spearman, "p"),
      "sign hit rate": formatMetric(f.hitRate, "%"),
    };
  });
}

function periodLine(p: PeriodRun): string {
  return `${p.label}: ${p.days.length} days, ${formatTradingDay(p.days[0])} to ${
    formatTradingDay(p.days.at(-1)!)
  }, ${p.bars.time.length.toLocaleString("en-US")} bars, ${
    p.ends.length.toLocaleString("en-US")
  } windows`;
}

function headerSection(run: BacktestRun): string {
  const is = run.periods.inSample, oos = run.periods.outOfSample, thr = run.config.strategy;
  return `<header><h1>Trendformer backtest: SHFE rebar, attention-gated trend strategy</h1>` +
    `<p class="meta">Data: ${esc(run.data.source)} (${run.data.bars.toLocaleString("en-US")} bars${
      run.data.hasBook ? ", level-1 book" : ", no book"
    }). Checkpoint: ${esc(run.checkpoint.path)} (features ${
      esc(run.checkpoint.features.join(", "))
    }). Backend ${run.backend}.<br>${esc(periodLine(is))}.<br>${
      esc(periodLine(oos))
    }.<br>Strategy: long when the predicted 5-minute return &gt; ${thr.signalThreshold} and bullish attention &gt; ${thr.attentionThreshold}; short when &lt; −${thr.signalThreshold} and bearish attention &gt; ${thr.attentionThreshold}; hold at most ${thr.maxHold} minutes; ${thr.lots} lot.</p></header>`;
}

function verdictSection(run: BacktestRun): string {
  const v = backtestVerdict(run);
  const box = verdictBox({ ...v, makes: v.makesMoneyOutOfSample });
  const warnings = run.warnings.length === 0 ? "" : `<section id="warnings"><div class="warn">` +
    `<b>Warnings</b><ul>${
      run.warnings.map((w) => `<li>${esc(w)}</li>`).join("")
    }</ul></div></section>`;
  return `<section id="verdict"><h2>Verdict</h2>${box}</section>${warnings}`;
}

function claimSection(run: BacktestRun): string {
  return [
    `<section id="claim"><h2>Ours versus the claim</h2>`,
    table(formatComparison(comparisonTable(run)), "claim-table"),
    `<p class="note">All figures after costs; returns on one lot's notional (unlevered) unless ` +
    `marked "margin base" (×${(1 / run.config.backtest.contract.marginRate).toFixed(0)} ` +
    `leverage). The oracle trades the generator's true expected 5-minute return with the same ` +
    `execution and costs: "+ attention gate" keeps the model's gate, "no gate" uses the signal ` +
    `threshold only. ${esc(run.claim.label)}: ${esc(run.claim.caveat)}</p></section>`,
  ].join("\n");
}

function equitySection(run: BacktestRun): string {
  const oos = run.periods.outOfSample, day = busiestDay(oos);
  return [
    `<section id="equity"><h2>Equity and drawdown</h2>`,
    chart(
      "equity",
      equityPlot(run),
      "Cumulative P&L as a share of one lot's notional at the start of each period: after " +
        "costs solid, before costs dashed.",
    ),
    chart("drawdown", drawdownPlot(run), "Drawdown of the after-cost equity, minute level."),
    `</section>`,
    `<section id="trades"><h2>Trades on the price</h2>`,
    chart(
      "trades",
      tradesPlot(oos, { day }),
      `Out-of-sample trading day ${formatTradingDay(day)} (${
        oos.summary.trades > 0
          ? "the test day with the most entries"
          : "no trades out of sample: the first test day"
      }). Fills are at the bar after the signal; segments join entry and exit fills.`,
    ),
    `</section>`,
    `<section id="metrics"><h2>Every metric, before and after costs</h2>`,
    table(metricsTable(run)),
    `</section>`,
  ].join("\n");
}

function ablationSection(run: BacktestRun): string {
  const a = run.periods.outOfSample.ablation;
  return [
    `<section id="ablation"><h2>Does the attention gate add anything?</h2>`,
    `<p>The same predictions traded with the attention gate (the strategy), with no gate ` +
    `(prediction threshold only), with the candle-count gate (the plain share of up or down ` +
    `minutes in the window through the same threshold), and through ${a.permutations} random ` +
    `gates that pass exactly as many long and short prediction-qualified signals as the ` +
    `attention gate. p = (1 + #{random ≥ gate}) / (K + 1) on net P&L after costs. Primary null ` +
    `"shift": the gate's own pass/fail pattern rotated along the qualified bars, which keeps how ` +
    `clustered its signals are (clustered signals make fewer trades and pay less cost); ` +
    `"uniform": qualified bars drawn uniformly, which credits any such clustering to the gate.</p>`,
    table(ablationRows(run)),
    a.gated.longSignals + a.gated.shortSignals > 0
      ? chart(
        "ablation",
        gateAblationPlot(a, { ungated: "edge" }),
        `Out of sample: net P&L of the random gates against the attention gate, no gate and ` +
          `the candle-count gate (a no-gate result far outside the random gates is an arrow at ` +
          `the edge). p = ${formatMetric(a.pValue, "p")} (${a.random.null} null).`,
      )
      : `<p class="note">No chart: the attention gate passed no out-of-sample signal, so every ` +
        `random gate passes none either and trades nothing (net P&amp;L 0).</p>`,
    `</section>`,
  ].join("\n");
}

function costsSection(run: BacktestRun): string {
  return [
    `<section id="costs"><h2>Cost sensitivity</h2>`,
    `<p>The same signals with extra adverse ticks on every fill and other commission rates ` +
    `(applied to entries and exits).</p>`,
    table(costTable(run)),
    `</section>`,
    `<section id="gates"><h2>How often each gate opens</h2>`,
    `<p>Share of windows (bars with a prediction) that pass the prediction threshold, the ` +
    `attention threshold, and both; the spread of the predictions themselves; and what a round ` +
    `trip costs (spread + commissions + extra ticks, in bp of the price), which a forecast ` +
    `must beat.</p>`,
    table(gateTable(run)),
    `</section>`,
  ].join("\n");
}

function attentionSection(run: BacktestRun): string {
  const is = run.periods.inSample, oos = run.periods.outOfSample;
  return [
    `<section id="attention"><h2>Attention</h2>`,
    table(attentionRows(run)),
    chart(
      "attention-by-lag",
      attentionByLagPlot({ [is.label]: is.analysis.byLag, [oos.label]: oos.analysis.byLag }),
      "Mean attention of the last step by lag (0 = the current minute), 10–90 % band; dashed: " +
        "uniform attention.",
    ),
    chart(
      "score-distribution",
      scoreDistributionPlot(oos.analysis.scores),
      "Out of sample: the bullish attention score against the plain fraction of up minutes in " +
        "the same window (the naive baseline).",
    ),
    chart(
      "return-by-bucket",
      returnByBucketPlot({
        "bullish attention": oos.analysis.returnByBull,
        "bearish attention": oos.analysis.returnByBear,
      }, { label: "score decile (1 = lowest) →" }),
      "Out of sample: mean realised 5-minute forward return by score decile, ±2 standard errors.",
    ),
    ...oos.heatmaps.map((h, j) =>
      chart(
        `heatmap-${j}`,
        attentionHeatmapPlot(h.heatmap),
        `Attention maps per layer and head of the window ending ${
          formatLocalDateTime(oos.bars.time[h.end]).replace("T", " ")
        }: ${h.why}; predicted 5-minute return ${
          formatMetric(h.prediction * 1e4, "ratio")
        } bp. The strategy reads the bottom row of the last layer.`,
      )
    ),
    `</section>`,
  ].join("\n");
}

/**
 * The self-contained HTML report of a run (see the module doc). Every chart is an inline `<svg>`
 * inside `<figure class="chart" data-chart="…">`; the claim-versus-ours table is in
 * `<div id="claim-table">`.
 *
 * @example
 * ```ts
 * await Deno.writeTextFile("report.html", reportHtml(run));
 * ```
 */
export function reportHtml(run: BacktestRun): string {
  return htmlPage("Trendformer backtest", [
    headerSection(run),
    verdictSection(run),
    claimSection(run),
    equitySection(run),
    ablationSection(run),
    costsSection(run),
    run.thresholds ? thresholdSection(run.thresholds, run.config.strategy) : "",
    attentionSection(run),
    `<section id="conventions"><h2>Conventions</h2>${definitions(backtestConventions(run))}` +
    `</section>`,
    `<footer><p class="meta">Wall time: ${
      Object.entries(run.timings).map(([k, v]) => `${esc(k)} ${v.toFixed(2)} s`).join(", ")
    }. Generated ${new Date().toISOString().slice(0, 19)}Z.</p></footer>`,
  ]);
}
