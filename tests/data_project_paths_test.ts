import assert from "node:assert/strict";
import {
  dataPath,
  loadRealSamples,
  REAL_SAMPLES,
  realDataPath,
  realSamplePath,
  writeBars,
} from "../lib/data/mod.ts";
import { featureAvailability } from "../lib/features/mod.ts";
import { generateMarket, MARKET_PRESETS } from "../lib/market/mod.ts";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Runs `fn` with environment variables set (undefined: removed), then restores them. */
async function withEnv(vars: Record<string, string | undefined>, fn: () => Promise<void> | void) {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, Deno.env.get(k)]));
  const apply = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v)) {
      x === undefined ? Deno.env.delete(k) : Deno.env.set(k, x);
    }
  };
  apply(vars);
  try {
    await fn();
  } finally {
    apply(saved);
  }
}

Deno.test("dataPath: the repository's data/ unless TRENDFORMER_DATA says otherwise", async () => {
  await withEnv({ TRENDFORMER_DATA: undefined }, () => {
    assert.equal(dataPath(), `${ROOT}/data`);
    assert.equal(dataPath("market.csv"), `${ROOT}/data/market.csv`);
    assert.equal(dataPath("models", "default/"), `${ROOT}/data/models/default`);
  });
  await withEnv({ TRENDFORMER_DATA: "/tmp/elsewhere/" }, () => {
    assert.equal(dataPath("models", "default"), "/tmp/elsewhere/models/default");
  });
  await withEnv({ TRENDFORMER_DATA: " " }, () => assert.equal(dataPath(), `${ROOT}/data`));
});

Deno.test("realDataPath: shared/data/real beside the clone unless TRENDFORMER_REAL_DATA is set", async () => {
  await withEnv({ TRENDFORMER_REAL_DATA: undefined }, () => {
    const beside = new URL("../../shared/data/real", import.meta.url).pathname;
    assert.equal(realDataPath(), beside);
    assert.equal(realDataPath("x.csv"), `${beside}/x.csv`);
  });
  await withEnv({ TRENDFORMER_REAL_DATA: "/nowhere/at/all" }, () => {
    assert.equal(realDataPath("x.csv"), "/nowhere/at/all/x.csv");
    assert.equal(realSamplePath("x.csv"), null, "a missing folder is no sample, not an error");
  });
});

Deno.test("loadRealSamples: loads what is present, lists what is missing, says how to add it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "real_samples_" });
  try {
    await withEnv({ TRENDFORMER_REAL_DATA: dir }, async () => {
      const none = await loadRealSamples();
      assert.equal(none.dir, dir);
      assert.deepEqual(none.tables, {});
      assert.deepEqual(none.missing, REAL_SAMPLES.map((s) => s.file));
      assert.match(none.note, /^\*\*Real samples not found\*\* in `[^`]+`/);
      assert.match(none.note, /the synthetic market alone/);
      assert.match(none.note, /set `TRENDFORMER_REAL_DATA`/);

      // A stand-in file under the first sample's name (our own CSV layout, detected as such).
      const table = generateMarket(MARKET_PRESETS.tiny);
      await writeBars(table, `${dir}/${REAL_SAMPLES[0].file}`);
      const one = await loadRealSamples();
      assert.deepEqual(Object.keys(one.tables), [REAL_SAMPLES[0].label]);
      assert.deepEqual(one.tables[REAL_SAMPLES[0].label].close, table.close);
      assert.deepEqual(one.missing, [REAL_SAMPLES[1].file]);
      assert.match(one.note, new RegExp(`only \`${REAL_SAMPLES[0].file}\` is compared`));

      await Deno.writeTextFile(`${dir}/${REAL_SAMPLES[1].file}`, "not,a,bar,file\n1,2,3,4\n");
      await assert.rejects(() => loadRealSamples(), /RM705/, "a broken sample is an error");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("featureAvailability: built and absent features per labelled table", () => {
  const table = generateMarket({ maxDays: 3 });
  const rows = featureAvailability({
    full: table,
    bare: { ...table, book: null, openInterest: null },
  });
  assert.deepEqual(rows, [
    {
      data: "full",
      built: "ret_1m, body, range, log_vol_rel, oi_change, spread_ticks, depth_imb, " +
        "time_in_session",
      absent: "none",
    },
    {
      data: "bare",
      built: "ret_1m, body, range, log_vol_rel, time_in_session",
      absent: "oi_change, spread_ticks, depth_imb",
    },
  ]);
});
