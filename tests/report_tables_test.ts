/**
 * The report's tables and the prediction histogram on a real (tiny) backtest run: every cell is
 * the run's number, formatted; the round-trip cost is in bp, not bp × 10⁴; report.html shows the
 * same tables.
 */
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { ablationTable } from "../lib/report/mod.ts";
import { runBacktest } from "../lib/study/mod.ts";
import { svgMarkup } from "../lib/plot/mod.ts";
import {
  costTable,
  formatMetric,
  gateTable,
  METRICS_TABLE_COLUMNS,
  metricsTable,
  oracleTable,
  predictionHistogram,
  predictionHistogramPlot,
  reportHtml,
} from "../lib/report/mod.ts";
import { LOOSE_STRATEGY, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

const dir = await Deno.makeTempDir({ prefix: "report_tables_" });
const table = tinyMarket();
await tinyCheckpoint(`${dir}/model`, table);
const run = await runBacktest(table, `${dir}/model`, { preset: "tiny", strategy: LOOSE_STRATEGY });
await Deno.remove(dir, { recursive: true });
const is = run.periods.inSample.summary, oos = run.periods.outOfSample.summary;

Deno.test("metricsTable: before and after costs, both periods, the run's numbers", () => {
  assert.ok(oos.trades > 0 && is.trades > 0, "the loose strategy trades");
  const rows = metricsTable(run);
  const row = (m: string) => rows.find((r) => r.metric === m)!;
  assert.equal(rows.length, 26);
  assert.deepEqual(Object.keys(rows[0]), ["metric", ...METRICS_TABLE_COLUMNS]);
  const pnl = row("P&L (CNY)");
  assert.equal(pnl["in-sample, before costs"], formatMetric(is.before.pnl, "CNY"));
  assert.equal(pnl["out-of-sample, after costs"], formatMetric(oos.after.pnl, "CNY"));
  const sharpe = row("Sharpe (daily, ddof 1, ×√242)");
  assert.equal(
    sharpe["out-of-sample, before costs"],
    formatMetric(oos.before.notional.sharpe, "ratio"),
  );
  assert.equal(row("trades")["out-of-sample, after costs"], formatMetric(oos.trades, "count"));
  assert.equal(row("trades")["out-of-sample, before costs"], "");
  assert.equal(row("win rate")["in-sample, after costs"], formatMetric(is.after.winRate, "%"));
});

Deno.test("costTable: one row per period × extra ticks × commission rate", () => {
  const rows = costTable(run);
  assert.equal(rows.length, run.costSensitivity.length);
  assert.equal(rows.length, 2 * 3 * 2);
  rows.forEach((r, k) => {
    const c = run.costSensitivity[k];
    assert.equal(r.period, run.periods[c.period].label);
    assert.equal(r["net P&L"], formatMetric(c.netPnl, "CNY"));
    assert.equal(r["commission (per side)"], formatMetric(c.commissionRate, "rate"));
  });
  // More extra ticks never cost less.
  const oosRows = run.costSensitivity.filter((c) => c.period === "outOfSample");
  assert.ok(oosRows[0].costs < oosRows[oosRows.length - 1].costs);
});

Deno.test("gateTable: gate shares and a round-trip cost in bp (a few bp, not ×10⁴)", () => {
  const rows = gateTable(run);
  assert.equal(rows.length, 2);
  const g = run.periods.outOfSample.analysis.gates;
  assert.equal(rows[1]["round-trip cost"], `${formatMetric(g.roundTripCostBp, "ratio")} bp`);
  assert.ok(g.roundTripCostBp > 1 && g.roundTripCostBp < 20, `${g.roundTripCostBp} bp`);
  assert.equal(
    rows[1]["max |prediction|"],
    `${formatMetric(g.prediction.maxAbs * 1e4, "ratio")} bp`,
  );
  assert.equal(rows[1]["bullish > 0.4"], formatMetric(g.share.bullAbove, "%"));
  assert.equal(rows[1]["pred > 0"], formatMetric(g.share.predLong, "%"));
});

Deno.test("oracleTable: the strategy, the gated and the ungated oracle per period", () => {
  const rows = oracleTable(run);
  assert.equal(rows.length, 6);
  assert.equal(rows[0].trades, formatMetric(is.trades, "count"));
  const og = run.periods.outOfSample.oracle!.ungated.summary;
  assert.equal(rows[5].strategy, "oracle, no gate");
  assert.equal(rows[5]["net P&L"], formatMetric(og.after.pnl, "CNY"));
  assert.equal(rows[5].Sharpe, formatMetric(og.after.notional.sharpe, "ratio"));
});

Deno.test("predictionHistogram(Plot): shares sum to 1 per period on bins covering the threshold", () => {
  const { bins, limit } = predictionHistogram(run, { bins: 50 });
  assert.equal(bins.length, 100);
  for (const p of Object.values(run.periods)) {
    const total = bins.filter((b) => b.period === p.label).reduce((s, b) => s + b.share, 0);
    assert.ok(Math.abs(total - 1) < 1e-9, `${p.label}: ${total}`);
  }
  const maxAbs = Math.max(
    ...Object.values(run.periods).map((p) => p.analysis.gates.prediction.maxAbs),
  );
  assert.ok(limit >= maxAbs * 1e4, "every prediction is inside the bins");
  assert.equal(bins[0].x1, -limit);
  assert.throws(() => predictionHistogram(run, { bins: 0 }), RangeError);
  const svg = svgMarkup(predictionHistogramPlot(run));
  assert.ok(svg.includes("signal threshold ±0 bp") && svg.includes("round-trip cost ±"));
});

/** The cells of the table(s) in `<section id="…">` of report.html, as header → text rows. */
function sectionTable(html: string, id: string): Record<string, string>[] {
  const { document } = parseHTML(html);
  const t = document.querySelector(`section#${id} table`);
  assert.ok(t, `report.html has a table in section #${id}`);
  const head = Array.from(t.querySelectorAll("thead th")).map((th) => th.textContent ?? "");
  return Array.from(t.querySelectorAll("tbody tr")).map((tr) => {
    const cells = Array.from(tr.querySelectorAll("td")).map((td) => td.textContent ?? "");
    return Object.fromEntries(head.map((h, k) => [h, cells[k]]));
  });
}

Deno.test("reportHtml: the gate, metrics, cost and ablation tables are the shared tables", () => {
  const html = reportHtml(run);
  const gates = sectionTable(html, "gates");
  assert.deepEqual(gates, gateTable(run));
  // The round-trip cost is shown in bp as computed (a few bp), never multiplied by 10⁴ again.
  for (const [k, p] of [run.periods.inSample, run.periods.outOfSample].entries()) {
    const bp = p.analysis.gates.roundTripCostBp;
    assert.equal(gates[k]["round-trip cost"], `${formatMetric(bp, "ratio")} bp`);
    assert.ok(!html.includes(formatMetric(bp * 1e4, "ratio")), `no ${bp * 1e4} bp in the page`);
  }
  assert.deepEqual(sectionTable(html, "metrics"), metricsTable(run));
  assert.deepEqual(sectionTable(html, "costs"), costTable(run));
  // The ablation: each period's ablationTable rows, a period column first.
  const ablation = sectionTable(html, "ablation");
  for (const p of Object.values(run.periods)) {
    const rows = ablation.filter((r) => r.period === p.label);
    assert.deepEqual(rows.map(({ period: _, ...r }) => r), ablationTable(p.ablation));
    assert.equal(rows[0].gate, "attention gate");
  }
  assert.equal(ablation.length, 2 * ablationTable(run.periods.outOfSample.ablation).length);
  // Sharpe is labelled with the run's annualisation, as metrics.json's conventions state it.
  const days = run.config.run.periodsPerYear;
  assert.ok(html.includes(`Sharpe (daily, ddof 1, ×√${days})`));
  assert.ok(html.includes(`daily returns × √${days}`), "the conventions section agrees");
});
