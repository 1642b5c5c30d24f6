// ensureMarket: generate + write when the file is missing, read it back when present, and never
// replace a broken file.
import assert from "node:assert/strict";
import { readBars } from "../lib/data/mod.ts";
import { ensureMarket, generateMarket } from "../lib/market/mod.ts";

const listDir = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

Deno.test("ensureMarket generates and writes a missing file, then reads it back", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_ensure_" });
  try {
    const path = `${dir}/nested/market.csv`;
    const market = { seed: 7, maxDays: 3 };
    const first = await ensureMarket(path, { market });
    assert.equal(first.generated, true);
    assert.equal(first.path, path);
    assert.deepEqual(listDir(`${dir}/nested`), ["market.csv"], "no temporary file left behind");
    const expected = generateMarket(market);
    assert.deepEqual(first.table.close, expected.close);
    assert.equal(first.table.time.length, 3 * 225 + 2 * 120); // 2023-01-03 has no night session

    const bytes = await Deno.readFile(path);
    const second = await ensureMarket(path, { market: { seed: 8 } }); // settings unused now
    assert.equal(second.generated, false);
    assert.equal(second.table.source, path);
    assert.deepEqual(second.table.close, expected.close);
    assert.deepEqual(second.table.book!.askPrice1, expected.book!.askPrice1);
    assert.deepEqual(
      second.table.groundTruth!.gt_exp_ret_5m,
      expected.groundTruth!.gt_exp_ret_5m,
    );
    assert.deepEqual(await Deno.readFile(path), bytes, "an existing file is not rewritten");
    assert.deepEqual((await readBars(path)).volume, expected.volume);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ensureMarket reads a broken file and throws instead of replacing it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "trendformer_ensure_" });
  try {
    const path = `${dir}/market.csv`;
    const text = "datetime,open,high,low,close,volume\n2023-01-03T09:01:00,3900,3901,3899,,10\n";
    await Deno.writeTextFile(path, text);
    await assert.rejects(() => ensureMarket(path), /row 1 .*column close/);
    assert.equal(await Deno.readTextFile(path), text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
