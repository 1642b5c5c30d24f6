// CSV I/O: one generated year (2023: 82,770 bars with book, OI and ground truth), and ten years
// (about 860k bars) read and validated in our own layout and in the vn.py bar layout (date and
// time apart, the slower text path). Goal: ten years under 2 s.
//   deno bench -A bench/io_bench.ts
import { formatTradingDay, readBars, writeBars } from "../lib/data/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";

const table = generateMarket({ seed: 42, year: 2023 });
const dir = await Deno.makeTempDir({ prefix: "trendformer_io_bench_" });
const path = `${dir}/market.csv`;
await writeBars(table, path);
const ten = generateMarket({ seed: 42, year: 2015, years: 10 });
const tenYears = `${dir}/market_10y.csv`;
await writeBars(ten, tenYears);

// The same ten years as vn.py's bar export: Date,Time,Open,High,Low,Close,TotalVolume.
const vnpy = `${dir}/rb0000_1min_10y.csv`;
{
  const lines = ["Date,Time,Open,High,Low,Close,TotalVolume"];
  for (let i = 0; i < ten.time.length; i++) {
    const d = new Date(ten.time[i]);
    const date = `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}-${d.getUTCDate()}`;
    const time = `${d.getUTCHours()}:${String(d.getUTCMinutes()).padStart(2, "0")}:00`;
    lines.push(
      `${date},${time},${ten.open[i]},${ten.high[i]},${ten.low[i]},${ten.close[i]},${
        ten.volume[i]
      }`,
    );
  }
  await Deno.writeTextFile(vnpy, lines.join("\n") + "\n");
}
const rows = ten.time.length.toLocaleString("en-US");
const span = `${formatTradingDay(ten.tradingDay[0])} … ${formatTradingDay(ten.tradingDay.at(-1)!)}`;

Deno.bench("writeBars, one year (82,770 bars)", { group: "io", baseline: true }, async () => {
  await writeBars(table, `${dir}/w.csv`);
});

Deno.bench("readBars, one year (82,770 bars)", { group: "io" }, async () => {
  await readBars(path);
});

Deno.bench(`readBars + validate, ten years ${span} (${rows} bars, our layout with book)`, {
  group: "io10",
  baseline: true,
  n: 5,
  warmup: 1,
}, async () => {
  await readBars(tenYears);
});

Deno.bench(`readBars + validate, ten years (${rows} bars, vn.py Date,Time layout, rb)`, {
  group: "io10",
  n: 5,
  warmup: 1,
}, async () => {
  await readBars(vnpy);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
