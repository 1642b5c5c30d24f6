// Every bad input readBars / writeBars must reject: error class AND exact message (file, row,
// column). Fixtures are tiny CSVs in tests/fixtures/ (good_generic.csv plus one broken cell each).
import assert from "node:assert/strict";
import { type BarTable, readBars, validateBars, writeBars } from "../lib/data/mod.ts";

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

type ErrorClass = typeof TypeError | typeof SyntaxError | typeof RangeError;

async function rejectsWith(
  p: () => Promise<unknown>,
  Cls: ErrorClass,
  message: string,
): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.equal((e as Error).constructor, Cls, `class of: ${(e as Error).message}`);
    assert.equal((e as Error).message, message);
    return true;
  });
}

const row = (file: string, r: number) =>
  `Cannot parse row ${r} of ${fixture(file)} (line ${r + 1})`;

// [fixture, class, message after the row prefix (or full message when row is 0)]
const CASES: [string, ErrorClass, number, string][] = [
  // TypeError: structure, empty cells, non-numbers, NaN / infinity.
  [
    "bad_missing_column.csv",
    TypeError,
    0,
    "Cannot read %F as generic: missing column close " +
    "(header: datetime,trading_day,open,high,low,volume)",
  ],
  [
    "bad_incomplete_book.csv",
    TypeError,
    0,
    "Cannot read %F: the book needs all four of bid_price1, ask_price1, bid_volume1, " +
    "ask_volume1; missing column bid_volume1, ask_volume1 " +
    "(header: datetime,open,high,low,close,volume,bid_price1,ask_price1)",
  ],
  ["bad_empty_close.csv", TypeError, 2, "column close is empty"],
  ["bad_non_numeric_volume.csv", TypeError, 3, 'column volume is not a number: "12a"'],
  ["bad_nan_open.csv", TypeError, 1, "column open is NaN"],
  ["bad_infinite_high.csv", TypeError, 2, 'column high is not finite: "inf"'],
  // Earliest row wins: row 1 has a bad volume, row 2 an empty close.
  ["bad_two_errors.csv", TypeError, 1, 'column volume is not a number: "x"'],
  // SyntaxError: unparseable stamps and dates.
  [
    "bad_timestamp.csv",
    SyntaxError,
    2,
    'column datetime "2023-01-03 9h02" is not a date-time (expected e.g. 2023-01-03T09:01:00)',
  ],
  [
    "bad_trading_day_text.csv",
    SyntaxError,
    3,
    'column trading_day "2023-02-30" is not a date (expected e.g. 2023-01-03)',
  ],
  [
    "bad_vnpy_bars_date.csv",
    SyntaxError,
    2,
    'column Date "2017-13-1" is not a date (expected e.g. 2023-01-03)',
  ],
  // RangeError: values that parse but are impossible.
  ["bad_no_rows.csv", RangeError, 0, "Cannot read %F: no data rows"],
  ["bad_nonpositive_low.csv", RangeError, 2, "column low (0) is not positive"],
  ["bad_high_below.csv", RangeError, 3, "column high (3905) is below max(open, close) (3906)"],
  ["bad_low_above.csv", RangeError, 1, "column low (3901) is above min(open, close) (3900)"],
  [
    "bad_crossed_book.csv",
    RangeError,
    2,
    "column bid_price1 (3906) is not below ask_price1 (3906)",
  ],
  ["bad_negative_volume.csv", RangeError, 3, "column volume (-5) is negative"],
  ["bad_negative_ask_volume.csv", RangeError, 2, "column ask_volume1 (-1) is negative"],
  [
    "bad_duplicate_time.csv",
    RangeError,
    3,
    "column datetime 2023-01-03T09:02:00 duplicates the previous row's 2023-01-03T09:02:00",
  ],
  [
    "bad_out_of_order.csv",
    RangeError,
    3,
    "column datetime 2023-01-03T09:00:00 is before the previous row's 2023-01-03T09:02:00",
  ],
  [
    "bad_not_whole_minute.csv",
    RangeError,
    2,
    "column datetime 2023-01-03T09:02:30 is not a whole minute",
  ],
  [
    "bad_trading_day_mismatch.csv",
    RangeError,
    2,
    "column trading_day 2023-01-04 is not the date of day bar 2023-01-03T09:02:00",
  ],
  [
    "bad_night_trading_day.csv",
    RangeError,
    1,
    "column trading_day 2023-01-03 is not after the evening 2023-01-03 of night bar " +
    "2023-01-03T21:01:00",
  ],
  // Ticks: checked per tick row before aggregation.
  [
    "bad_vnpy_ticks_outside.csv",
    RangeError,
    2,
    "tick time 2017-03-20T12:00:00.000 is outside the sessions of RM " +
    "(and not within the minute before an open or after a close)",
  ],
  [
    "bad_vnpy_ticks_crossed.csv",
    RangeError,
    2,
    "column bidPrice1 (2376) is not below askPrice1 (2376)",
  ],
  [
    "bad_vnpy_ticks_backwards.csv",
    RangeError,
    2,
    "tick time 2017-03-20T09:00:00.500 is before the previous row's 2017-03-20T09:00:01.000",
  ],
];

for (const [file, Cls, r, tail] of CASES) {
  Deno.test(`readBars rejects ${file} with ${Cls.name}`, async () => {
    const message = r === 0 ? tail.replace("%F", fixture(file)) : `${row(file, r)}: ${tail}`;
    await rejectsWith(() => readBars(fixture(file)), Cls, message);
  });
}

Deno.test("the good fixture the bad ones are cut from loads", async () => {
  const t = await readBars(fixture("good_generic.csv"));
  assert.deepEqual(Array.from(t.close), [3904, 3906, 3902]);
  assert.deepEqual(Array.from(t.tradingDay), [20230103, 20230103, 20230103]);
  assert.deepEqual(Array.from(t.openInterest!), [1900000, 1900010, 1900005]);
  assert.deepEqual(Array.from(t.book!.askVolume1), [60, 70, 65]);
  assert.equal(t.book!.spreadMean, undefined);
  assert.equal(t.groundTruth, null);
});

Deno.test("a layout forced on the wrong file names the missing vendor column", async () => {
  await rejectsWith(
    () => readBars(fixture("good_generic.csv"), { layout: "vnpy-bars" }),
    TypeError,
    `Cannot read ${fixture("good_generic.csv")} as vnpy-bars: missing column Date ` +
      "(header: datetime,trading_day,open,high,low,close,volume,open_interest,bid_price1," +
      "ask_price1,bid_volume1,ask_volume1)",
  );
});

Deno.test("a missing file is Deno's NotFound", async () => {
  await assert.rejects(() => readBars(fixture("no_such_file.csv")), Deno.errors.NotFound);
});

function smallTable(): BarTable {
  const t0 = Date.UTC(2023, 0, 3, 9, 1);
  return {
    time: new Float64Array([t0, t0 + 60_000]),
    tradingDay: new Int32Array([20230103, 20230103]),
    open: new Float64Array([3900, 3904]),
    high: new Float64Array([3905, 3907]),
    low: new Float64Array([3899, 3902]),
    close: new Float64Array([3904, 3906]),
    volume: new Float64Array([120, 80]),
    openInterest: null,
    book: null,
    groundTruth: null,
    source: "hand-built",
  };
}

Deno.test("validateBars checks in-memory tables with the same classes", () => {
  const nan = smallTable();
  nan.close[1] = NaN;
  assert.throws(() => validateBars(nan), {
    name: "TypeError",
    message: "Invalid row 2 of hand-built: column close is NaN",
  });
  const short = smallTable();
  short.volume = new Float64Array([1]);
  assert.throws(() => validateBars(short), {
    name: "RangeError",
    message: "Invalid table hand-built: column volume has 1 values, datetime has 2",
  });
  const lowHigh = smallTable();
  lowHigh.high[0] = 3903; // below close 3904
  assert.throws(() => validateBars(lowHigh), {
    name: "RangeError",
    message: "Invalid row 1 of hand-built: column high (3903) is below max(open, close) (3904)",
  });
  validateBars(smallTable()); // valid: no throw
});

Deno.test("writeBars refuses an invalid table and writes nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const bad = smallTable();
    bad.volume[1] = -1;
    const path = `${dir}/bad.csv`;
    await rejectsWith(
      () => writeBars(bad, path),
      RangeError,
      `Cannot write row 2 of hand-built to ${path}: column volume (-1) is negative`,
    );
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
