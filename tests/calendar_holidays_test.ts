// The exchange calendar 2015–2026: chinese-days plus the exchange closures, checked against the
// exchanges' own notices (the hand-written 2022–2025 tables this project used before), against
// hand-checked dates, and against the days the real sample files trade.
import assert from "node:assert/strict";
import {
  EXCHANGE_CLOSURES,
  FIRST_HOLIDAY_YEAR,
  hasNightSession,
  isTradingDay,
  LAST_HOLIDAY_YEAR,
  nextTradingDay,
  SHFE_HOLIDAYS,
  tradingDays,
} from "../lib/calendar/mod.ts";
import { readBars } from "../lib/data/mod.ts";
import { RB_BARS, realDataTest, realFile, RM_TICKS } from "./real_data.ts";

const span = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);

/** The exchanges' notices for 2022–2025, as this project had them typed in by hand. */
const NOTICES: Record<number, number[]> = {
  2022: [
    20220103,
    20220131,
    ...span(20220201, 20220204),
    20220404,
    20220405,
    ...span(20220502, 20220504),
    20220603,
    20220912,
    ...span(20221003, 20221007),
  ],
  2023: [
    20230102,
    ...span(20230123, 20230127),
    20230405,
    ...span(20230501, 20230503),
    20230622,
    20230623,
    20230929,
    ...span(20231002, 20231006),
  ],
  2024: [
    20240101,
    20240209,
    ...span(20240212, 20240216),
    20240404,
    20240405,
    ...span(20240501, 20240503),
    20240610,
    20240916,
    20240917,
    ...span(20241001, 20241004),
    20241007,
  ],
  2025: [
    20250101,
    ...span(20250128, 20250131),
    20250203,
    20250204,
    20250404,
    20250501,
    20250502,
    20250505,
    20250602,
    ...span(20251001, 20251003),
    ...span(20251006, 20251008),
  ],
};

Deno.test("holidays: chinese-days + exchange closures reproduce the 2022–2025 notices exactly", () => {
  for (const [year, days] of Object.entries(NOTICES)) {
    assert.deepEqual(SHFE_HOLIDAYS[Number(year)], days, year);
  }
  // The one closure on an official working day: Spring Festival eve 2024.
  assert.deepEqual(EXCHANGE_CLOSURES.map((c) => c.day), [20240209]);
  assert.ok(EXCHANGE_CLOSURES.every((c) => c.source.length > 20));
});

Deno.test("holidays: every year 2015–2026 has a table of weekdays, none before or after", () => {
  assert.equal(FIRST_HOLIDAY_YEAR, 2015);
  assert.equal(LAST_HOLIDAY_YEAR, 2026);
  for (let y = 2015; y <= 2026; y++) {
    const days = SHFE_HOLIDAYS[y];
    assert.ok(days.length >= 16 && days.length <= 20, `${y}: ${days.length} holidays`);
    for (const d of days) {
      const w = new Date(Date.UTC(y, Math.floor(d / 100) % 100 - 1, d % 100)).getUTCDay();
      assert.ok(w >= 1 && w <= 5 && Math.floor(d / 10000) === y, `${d}`);
    }
  }
  assert.equal(SHFE_HOLIDAYS[2014], undefined);
  assert.equal(SHFE_HOLIDAYS[2027], undefined);
});

Deno.test("holidays: hand-checked days of the earlier years", () => {
  // 2015: the Victory Day parade holiday (Thursday 09-03, Friday 09-04).
  assert.ok(!isTradingDay(20150903) && !isTradingDay(20150904));
  // 2017: Dragon Boat, Monday 05-29 and Tuesday 05-30 (Sunday 05-28 was a make-up workday).
  assert.ok(!isTradingDay(20170529) && !isTradingDay(20170530) && isTradingDay(20170531));
  assert.ok(!isTradingDay(20170528)); // a make-up working Sunday is still closed
  // 2018-12-31 (Monday) was part of the New Year break.
  assert.ok(!isTradingDay(20181231));
  // 2020: the Spring Festival break was extended to Friday 01-31; trading resumed Monday 02-03.
  assert.equal(nextTradingDay(20200123), 20200203);
  // 2026: Spring Festival Monday 02-16 to Monday 02-23.
  assert.equal(nextTradingDay(20260213), 20260224);
  assert.equal(tradingDays(2026).length, 242);
});

Deno.test("night sessions: none the evening before a holiday, hand-checked", () => {
  // Thursday 2023-09-28 evening precedes the Mid-Autumn / National Day break (09-29 to 10-06):
  // no night session, so Monday 10-09 opens at 09:00.
  assert.equal(hasNightSession(20230928), true); // Wednesday evening 09-27 traded
  assert.equal(hasNightSession(20231009), false);
  // 2024: Thursday 02-08 was the last trading day before the break (Friday 02-09 was an
  // exchange closure). It has its own night session (Wednesday 02-07 evening), but its evening had
  // none, so Monday 02-19, the first day after the break, opens at 09:00.
  assert.equal(hasNightSession(20240208), true);
  assert.equal(hasNightSession(20240219), false);
  // A Friday before a normal weekend keeps its night session (it belongs to Monday).
  assert.equal(hasNightSession(20230612), true);
});

realDataTest("calendar: the real files trade exactly on calendar trading days", [
  RB_BARS,
  RM_TICKS,
], async () => {
  const rb = await readBars(realFile(RB_BARS));
  const days = [...new Set(rb.tradingDay)];
  assert.deepEqual(days, [
    20170601,
    20170602,
    20170605,
    20170606,
    20170607,
    20170608,
    20170609,
    20170612,
    20170613,
    20170614,
  ]);
  for (const d of days) assert.ok(isTradingDay(d), `${d}`);
  // No calendar trading day is missing between the first and the last.
  for (let d = days[0]; d < days.at(-1)!; d = nextTradingDay(d)) {
    assert.ok(days.includes(d), `${d}`);
  }
  // Every day has its night session in the file, as the calendar says it should.
  for (const d of days) {
    const night = rb.time.some((t, i) => rb.tradingDay[i] === d && new Date(t).getUTCHours() >= 21);
    assert.equal(night, hasNightSession(d), `${d}`);
  }
  const rm = await readBars(realFile(RM_TICKS));
  assert.deepEqual([...new Set(rm.tradingDay)], [20170320]);
  assert.ok(isTradingDay(20170320));
});
