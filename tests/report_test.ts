/**
 * report.html in a real browser: Debian's headless Chromium driven by playwright-core. Every
 * chart must render with a non-zero size, the claim-versus-ours table must be there, and the
 * page must load nothing from outside itself. Also the headline table's numbers against the run.
 */
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { CLAIM, dailyReturns, markToMarket } from "../lib/backtest/mod.ts";
import { type BacktestRun, runBacktest } from "../lib/study/mod.ts";
import {
  backtestVerdict,
  comparisonTable,
  formatMetric,
  reportHtml,
  writeBacktest,
} from "../lib/report/mod.ts";
import { LOOSE_STRATEGY, tinyCheckpoint, tinyMarket } from "./backtest_fixture.ts";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The report's headline for a run whose out-of-sample summary is `s`. */
function expectedHeadline(s: { trades: number; after: { pnl: number } }): string {
  if (s.trades === 0) {
    return "The strategy makes no trade out of sample, so it neither makes nor loses money.";
  }
  return s.after.pnl > 0
    ? "The strategy makes money after costs out of sample."
    : s.after.pnl < 0
    ? "The strategy loses money after costs out of sample."
    : "The strategy breaks even after costs out of sample.";
}

/**
 * The run with its out-of-sample period traded on the oracle's ungated signals (the generator's
 * true expected return through the signal threshold), re-marked and re-summarised: a run whose
 * strategy makes money after costs, to see the verdict's other branch.
 */
function tradedOnTruth(run: BacktestRun): BacktestRun {
  const oos = run.periods.outOfSample, truth = oos.oracle!.ungated;
  const curve = markToMarket(oos.bars, truth.sim);
  const daily = (equity: Float64Array) =>
    dailyReturns(equity, oos.bars.tradingDay, { start: curve.capital });
  const outOfSample = {
    ...oos,
    signals: truth.signals,
    sim: truth.sim,
    summary: truth.summary,
    curve,
    daily: daily(curve.equityNet),
    dailyGross: daily(curve.equityGross),
  };
  return { ...run, periods: { ...run.periods, outOfSample } };
}

Deno.test("formatMetric: units and undefined values", () => {
  assert.equal(formatMetric(0.28, "%"), "28.0 %");
  assert.equal(formatMetric(-0.08, "%"), "-8.0 %");
  assert.equal(formatMetric(2.1, "ratio"), "2.10");
  assert.equal(formatMetric(-1234.6, "CNY"), "-1,235");
  assert.equal(formatMetric(1234, "count"), "1,234");
  assert.equal(formatMetric(NaN, "ratio"), "n/a");
  assert.equal(formatMetric(null, "%"), "n/a");
  assert.equal(formatMetric(Infinity, "ratio"), "∞");
  assert.equal(formatMetric(1e-4, "rate"), "1.0e-4");
});

Deno.test("report.html renders in headless Chromium: every chart sized, claim table present, self-contained", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bt_report_" });
  // Without the bounce, so the ground truth is 0 in flat stretches and the oracle traded at the
  // loose thresholds trades only trends (with it, it trades every bounce and pays the spread).
  const table = tinyMarket(42, { bounceTicks: 0 });
  try {
    await tinyCheckpoint(`${dir}/model`, table);
    const run = await runBacktest(table, `${dir}/model`, {
      preset: "tiny",
      strategy: LOOSE_STRATEGY,
    });

    // The headline table carries the run's numbers and the claim, unchanged.
    const rows = comparisonTable(run);
    const sharpe = rows.find((r) => r.metric === "Sharpe")!;
    assert.equal(sharpe.outOfSample, run.periods.outOfSample.summary.after.notional.sharpe);
    assert.equal(sharpe.inSample, run.periods.inSample.summary.after.notional.sharpe);
    assert.equal(
      sharpe.oracleGated,
      run.periods.outOfSample.oracle!.gated.summary.after.notional.sharpe,
    );
    assert.equal(sharpe.claim, 2.1);
    assert.deepEqual(rows.filter((r) => r.claim !== null).map((r) => r.claim), [
      CLAIM.annualReturn,
      CLAIM.maxDrawdown,
      CLAIM.sharpe,
      CLAIM.winRate,
    ]);

    // The verdict follows the out-of-sample net P&L: the model's run loses money after costs,
    // the same run traded on the ground truth makes money; headline and sentence say which.
    const makes: boolean[] = [];
    for (const r of [run, tradedOnTruth(run)]) {
      const s = r.periods.outOfSample.summary, v = backtestVerdict(r);
      makes.push(v.makesMoneyOutOfSample);
      assert.equal(v.makesMoneyOutOfSample, s.after.pnl > 0);
      const says = `, after costs, the strategy ${s.after.pnl > 0 ? "MAKES" : "LOSES"} money: ` +
        `${formatMetric(s.after.pnl, "CNY")} CNY on one lot over ${s.trades} trades (`;
      assert.ok(v.sentences[0].includes(says), `${v.sentences[0]} says ${says}`);
      const html = reportHtml(r);
      assert.equal(
        html.match(/<p class="headline">([^<]*)<\/p>/)?.[1],
        expectedHeadline(s),
      );
      assert.match(
        html,
        new RegExp(`<div class="verdict ${s.after.pnl > 0 ? "makes" : "loses"}">`),
      );
    }
    assert.deepEqual(makes, [false, true]);

    const paths = await writeBacktest(run, `${dir}/out`);
    const html = await Deno.readTextFile(paths["report.html"]);
    assert.doesNotMatch(html, /<script|<link|<img[^>]+src="http|url\(http/i);

    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const external: string[] = [];
      page.on("request", (r) => {
        if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) external.push(r.url());
      });
      await page.goto(`file://${paths["report.html"]}`);
      const charts = await page.evaluate(() =>
        Array.from(document.querySelectorAll("figure.chart")).map((f) => {
          const svgs = Array.from(f.querySelectorAll("svg")).map((s) => {
            const b = s.getBoundingClientRect();
            return [b.width, b.height];
          });
          return { name: f.getAttribute("data-chart"), svgs };
        })
      );
      const names = charts.map((c) => c.name);
      for (
        const want of [
          "equity",
          "drawdown",
          "trades",
          "ablation",
          "attention-by-lag",
          "score-distribution",
          "return-by-bucket",
          "heatmap-0",
        ]
      ) assert.ok(names.includes(want), `chart ${want} in ${names}`);
      for (const c of charts) {
        assert.ok(c.svgs.length > 0, `${c.name} has an svg`);
        for (const [w, h] of c.svgs) assert.ok(w > 0 && h > 0, `${c.name} svg is ${w}×${h}`);
      }
      // Marks stay inside their chart (a domain in the wrong units draws far outside it).
      const outside = await page.evaluate(() =>
        Array.from(document.querySelectorAll("figure.chart > svg")).flatMap((svg) => {
          const box = svg.getBoundingClientRect();
          return Array.from(svg.querySelectorAll("g[aria-label] path, g[aria-label] rect"))
            .map((el) => el.getBoundingClientRect())
            .filter((r) =>
              r.width + r.height > 0 &&
              (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 ||
                r.bottom > box.bottom + 2)
            )
            .map((r) =>
              `${svg.closest("figure")!.getAttribute("data-chart")}: ${
                [r.left, r.top, r.right, r.bottom].map(Math.round)
              } outside ${[box.left, box.top, box.right, box.bottom].map(Math.round)}`
            );
        })
      );
      assert.deepEqual(outside, []);
      const claim = await page.evaluate(() => {
        const t = document.querySelector("#claim-table table");
        if (!t) return null;
        return {
          head: Array.from(t.querySelectorAll("th")).map((th) => th.textContent),
          rows: t.querySelectorAll("tbody tr").length,
          text: t.textContent ?? "",
          height: t.getBoundingClientRect().height,
        };
      });
      assert.ok(claim, "the claim table exists");
      assert.ok(claim.head.includes("claim (not reproduced; different data)"), String(claim.head));
      assert.ok(claim.head.includes("ours: out-of-sample"));
      assert.ok(claim.rows >= 10 && claim.height > 0);
      for (const v of ["28.0 %", "-8.0 %", "2.10", "58.0 %"]) assert.ok(claim.text.includes(v), v);
      const headline = await page.textContent("#verdict .headline");
      assert.equal(headline, expectedHeadline(run.periods.outOfSample.summary));
      assert.deepEqual(external, []);
    } finally {
      await browser.close();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
