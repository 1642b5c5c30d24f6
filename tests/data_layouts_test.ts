// The vendor layouts, each detected from its header (fixtures built by hand in tests/fixtures/):
// bar ends (start stamps moved on by a bar), trading days across midnight and weekends, the
// product from the data, and the errors for bars outside sessions, unknown symbols, mixed symbols
// and bars longer than a minute.
import assert from "node:assert/strict";
import { formatSessions } from "../lib/calendar/mod.ts";
import { formatLocalDateTime, readBars, readCsvHeader } from "../lib/data/mod.ts";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const ends = (t: { time: Float64Array }) => Array.from(t.time, (x) => formatLocalDateTime(x));

async function rejectsWith(fn: () => Promise<unknown>, Cls: ErrorConstructor, text: string) {
  await assert.rejects(fn, (e: unknown) => {
    assert.equal((e as Error).constructor, Cls, (e as Error).message);
    assert.ok((e as Error).message.includes(text), (e as Error).message);
    return true;
  });
}

Deno.test("layout: date and time apart, header one name short, repaired and said so", async () => {
  const path = fixture("layout_date_time_short_header.csv");
  const head = await readCsvHeader(path);
  assert.equal(head.detected, "generic");
  assert.deepEqual(head.names, ["Date", "time", "Open", "High", "Low", "Close", "Volume"]);
  assert.match(head.notes[0], /names 6 columns but the rows have 7/);
  const t = await readBars(path, { symbol: "rb" });
  assert.deepEqual(ends(t), [
    "2023-01-06T22:58:00",
    "2023-01-06T22:59:00",
    "2023-01-06T23:00:00",
    "2023-01-09T09:01:00",
    "2023-01-09T09:02:00",
    "2023-01-09T09:03:00",
  ]);
  assert.deepEqual([...new Set(t.tradingDay)], [20230109]); // Friday night → Monday
  assert.equal(t.instrument!.symbol, "rb");
  assert.equal(t.instrumentFrom, "--symbol");
});

Deno.test("layout: date and time apart, the time column unnamed", async () => {
  const path = fixture("layout_date_time_unnamed.csv");
  const head = await readCsvHeader(path);
  assert.deepEqual(head.names.slice(0, 2), ["Date", "time"]);
  assert.match(head.notes[0], /empty column name after Date/);
  const t = await readBars(path);
  assert.equal(ends(t)[3], "2023-01-09T09:01:00");
  // No symbol anywhere: the generic mode, with the sessions the stamps show.
  assert.equal(t.instrument!.symbol, "generic");
  assert.match(t.instrumentFrom!, /^generic/);
  assert.equal(formatSessions(t.instrument!.sessions), "night 22:57–23:00, day 09:00–09:03");
});

Deno.test("layout: TqSdk K-lines, ns since the epoch, bar starts, cu past midnight", async () => {
  const path = fixture("layout_tqsdk_kline.csv");
  assert.equal((await readCsvHeader(path)).detected, "tqsdk");
  const t = await readBars(path);
  assert.deepEqual(ends(t), [
    "2023-01-06T23:59:00",
    "2023-01-07T00:00:00",
    "2023-01-07T00:01:00",
    "2023-01-07T00:02:00",
    "2023-01-07T00:58:00",
    "2023-01-07T00:59:00",
    "2023-01-07T01:00:00",
    "2023-01-09T09:01:00",
    "2023-01-09T09:02:00",
  ]);
  // Friday night, before and after midnight, belongs to Monday.
  assert.deepEqual([...new Set(t.tradingDay)], [20230109]);
  assert.equal(t.instrument!.symbol, "cu");
  assert.equal(t.instrumentFrom, "symbol column (SHFE.cu2302)");
  assert.deepEqual(Array.from(t.openInterest!.slice(0, 2)), [150001, 150002]); // close_oi
  assert.equal(t.barMinutes, 1);
  // The same bars are outside rb's sessions: a clear error naming the row and column.
  await rejectsWith(
    () => readBars(path, { symbol: "rb" }),
    RangeError,
    "--symbol rb says rb, but",
  );
});

Deno.test("layout: TqSdk download, columns prefixed by the contract, au to 02:30", async () => {
  const path = fixture("layout_tqsdk_download.csv");
  const head = await readCsvHeader(path);
  assert.equal(head.detected, "tqsdk");
  assert.equal(head.contract, "SHFE.au2302");
  const t = await readBars(path);
  assert.deepEqual(ends(t), [
    "2023-01-07T02:28:00",
    "2023-01-07T02:29:00",
    "2023-01-07T02:30:00",
    "2023-01-09T09:01:00",
    "2023-01-09T09:02:00",
  ]);
  assert.deepEqual([...new Set(t.tradingDay)], [20230109]);
  assert.equal(t.instrument!.symbol, "au");
  assert.equal(t.instrumentFrom, "header (SHFE.au2302)");
  assert.equal(t.close[2], 410);
});

Deno.test("layout: vn.py database dump (open_price …), bar starts, CFFEX hours", async () => {
  const path = fixture("layout_vnpy_db.csv");
  assert.equal((await readCsvHeader(path)).detected, "vnpy-db");
  const t = await readBars(path);
  assert.deepEqual(ends(t), [
    "2023-01-09T09:31:00",
    "2023-01-09T09:32:00",
    "2023-01-09T09:33:00",
    "2023-01-09T11:29:00",
    "2023-01-09T11:30:00",
    "2023-01-09T13:01:00",
    "2023-01-09T13:02:00",
  ]);
  assert.equal(t.instrument!.symbol, "IF");
  assert.equal(t.instrument!.multiplier, 300);
  assert.equal(t.openInterest![0], 120000);
});

Deno.test("layout: vn.py DataManager export, bar starts, CZCE night to 23:00", async () => {
  const path = fixture("layout_vnpy_export.csv");
  assert.equal((await readCsvHeader(path)).detected, "vnpy-db");
  const t = await readBars(path);
  assert.deepEqual(ends(t).slice(0, 3), [
    "2023-01-06T22:58:00",
    "2023-01-06T22:59:00",
    "2023-01-06T23:00:00",
  ]);
  assert.deepEqual([...new Set(t.tradingDay)], [20230109]);
  assert.equal(t.instrument!.symbol, "SR");
  assert.equal(t.instrument!.fee.unit, "per-lot");
});

Deno.test("layout: the vn.py bar export (Date, Time, TotalVolume), bar ends", async () => {
  const path = fixture("layout_vnpy_bars.csv");
  assert.equal((await readCsvHeader(path)).detected, "vnpy-bars");
  const t = await readBars(path, { symbol: "rb" });
  assert.equal(ends(t)[0], "2017-06-02T22:58:00");
  assert.deepEqual([...new Set(t.tradingDay)], [20170605]);
  assert.equal(t.volume[0], 20);
});

Deno.test("layout: vn.py ticks (the existing layout), aggregated with the product's sessions", async () => {
  const path = fixture("layout_vnpy_ticks.csv");
  assert.equal((await readCsvHeader(path)).detected, "vnpy-ticks");
  const t = await readBars(path);
  // 08:59:00.5 (pre-open) folds into 09:01 with the ticks up to 09:01:00.0; 09:01:30.5 → 09:02.
  assert.deepEqual(ends(t), ["2017-03-20T09:01:00", "2017-03-20T09:02:00"]);
  assert.deepEqual(Array.from(t.open), [2374, 2377]);
  assert.deepEqual(Array.from(t.volume), [12, 1]);
  assert.equal(t.instrument!.symbol, "RM");
});

Deno.test("a file dating its night bars by their trading day is refused with the reason", async () => {
  const path = fixture("bad_night_dated_by_trading_day.csv");
  await rejectsWith(
    () => readBars(path),
    RangeError,
    `Cannot parse row 1 of ${path} (line 2): night bar 2023-01-09T21:01:00 comes before a day ` +
      "bar of 2023-01-09, not after it: the file seems to date its night bars by their trading " +
      "day, as some data sources do",
  );
});

Deno.test("bar length: 5-minute bars are refused by name, read with barMinutes 5", async () => {
  const path = fixture("bad_five_minute_bars.csv");
  await rejectsWith(
    () => readBars(path),
    RangeError,
    `${path} holds 5-minute bars (the most common step between two bars of a trading day), ` +
      "not 1-minute bars: pass --bar-minutes 5",
  );
  const t = await readBars(path, { barMinutes: 5, symbol: "rb" });
  assert.equal(t.barMinutes, 5);
  // A file that declares its bar length is checked against it (vn.py interval 1m).
  await rejectsWith(
    () => readBars(fixture("layout_vnpy_db.csv"), { barMinutes: 5 }),
    RangeError,
    "holds 1-minute bars (column interval = 1m), not 5-minute bars",
  );
});

Deno.test("bad input: bars outside the product's sessions, unknown and mixed symbols", async () => {
  const row = (name: string, r: number) =>
    `Cannot parse row ${r} of ${fixture(name)} (line ${r + 1})`;
  await rejectsWith(
    () => readBars(fixture("bad_outside_sessions.csv")),
    RangeError,
    `${row("bad_outside_sessions.csv", 3)}: column datetime 2023-04-10T23:30:00 is outside the ` +
      "sessions of rb (night 21:00–23:00, am1 09:00–10:15, am2 10:30–11:30, pm 13:30–15:00); " +
      "for data with other trading hours (older years, another product) use --symbol generic",
  );
  // The generic mode reads the same bars with the sessions they show.
  const g = await readBars(fixture("bad_outside_sessions.csv"), { symbol: "generic" });
  assert.equal(formatSessions(g.instrument!.sessions), "night 22:58–23:30");
  await rejectsWith(
    () => readBars(fixture("bad_unknown_symbol.csv")),
    RangeError,
    `${
      row("bad_unknown_symbol.csv", 1)
    }: column symbol "zz2305" is not a known product; known: a, ag,`,
  );
  await rejectsWith(
    () => readBars(fixture("bad_outside_sessions.csv"), { symbol: "xyz" }),
    RangeError,
    "Unknown symbol xyz; known: a, ag, al,",
  );
  await rejectsWith(
    () => readBars(fixture("bad_mixed_symbols.csv")),
    RangeError,
    `${row("bad_mixed_symbols.csv", 3)}: column symbol goes back from rb2310 to rb2305: mixed ` +
      "symbols without a roll rule",
  );
  await rejectsWith(
    () => readBars(fixture("bad_mixed_products.csv")),
    RangeError,
    `${row("bad_mixed_products.csv", 2)}: column symbol changes from rb2305 to hc2305, another ` +
      "product: mixed symbols without a roll rule",
  );
  await rejectsWith(
    () => readBars(fixture("bad_roll_inside_day.csv")),
    RangeError,
    `${row("bad_roll_inside_day.csv", 2)}: column symbol changes from rb2305 to rb2310 inside ` +
      "trading day 2023-04-10: mixed symbols without a roll rule",
  );
});
