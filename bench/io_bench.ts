// CSV I/O of one generated year (2023: 82,770 bars with book, OI and ground truth).
//   deno bench -A bench/io_bench.ts
import { readBars, writeBars } from "../lib/data/mod.ts";
import { generateMarket } from "../lib/market/mod.ts";

const table = generateMarket({ seed: 42, year: 2023 });
const dir = await Deno.makeTempDir({ prefix: "trendformer_io_bench_" });
const path = `${dir}/market.csv`;
await writeBars(table, path);
const tenYears = `${dir}/market_10y.csv`;
await writeBars(generateMarket({ seed: 42, year: 2023, years: 10 }), tenYears);

Deno.bench("writeBars, one year (82,770 bars)", { group: "io", baseline: true }, async () => {
  await writeBars(table, `${dir}/w.csv`);
});

Deno.bench("readBars, one year (82,770 bars)", { group: "io" }, async () => {
  await readBars(path);
});

Deno.bench("readBars, ten years", { group: "io10", n: 5, warmup: 1 }, async () => {
  await readBars(tenYears);
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
