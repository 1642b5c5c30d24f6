import assert from "node:assert/strict";
import {
  barSchedule,
  commission,
  contractSpec,
  formatFee,
  hasNightSession,
  INSTRUMENTS,
  isTradingDay,
  nextTradingDay,
  rateFee,
  REBAR,
  roundTripFee,
  sessionOf,
  SHFE_HOLIDAYS,
  tradingDayOf,
  tradingDays,
} from "../lib/calendar/mod.ts";

const at = (y: number, mo: number, d: number, h: number, mi: number) =>
  Date.UTC(y, mo - 1, d, h, mi);
const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

Deno.test("contract spec: rb defaults, frozen, validated overrides", () => {
  assert.equal(REBAR.multiplier, 10);
  assert.equal(REBAR.tick, 1);
  assert.deepEqual(REBAR.fee, { unit: "rate", open: 1e-4, close: 1e-4, closeToday: 1e-4 });
  assert.equal(REBAR.marginRate, 0.1);
  assert.ok(Object.isFrozen(REBAR));
  assert.equal(contractSpec({ marginRate: 0.12 }).marginRate, 0.12);
  assert.equal(contractSpec({ marginRate: 0.12 }).multiplier, 10);
  assert.throws(() => contractSpec({ multiplier: 0 }), RangeError);
  assert.throws(() => contractSpec({ tick: -1 }), RangeError);
  assert.throws(() => contractSpec({ fee: rateFee(-1e-4) }), RangeError);
  assert.throws(() => contractSpec({ fee: { ...REBAR.fee, unit: "bp" as never } }), RangeError);
  assert.throws(() => contractSpec({ tickSize: 1 } as never), TypeError);
});

Deno.test("commission: rate on notional or CNY per lot, close today apart", () => {
  near(commission(REBAR, 3500), 3.5);
  near(commission(REBAR, 3500, { lots: 2, action: "closeToday" }), 7);
  const al = INSTRUMENTS.al; // 3 CNY per lot, closing today free
  assert.equal(commission(al, 19000, { lots: 2 }), 6);
  assert.equal(commission(al, 19000, { lots: 2, action: "close" }), 6);
  assert.equal(commission(al, 19000, { lots: 2, action: "closeToday" }), 0);
  const IF = INSTRUMENTS.IF; // 0.23 bp to open, 3.45 bp to close today
  near(commission(IF, 4000, { action: "closeToday" }), 3.45e-4 * 4000 * 300);
  near(roundTripFee(REBAR, 3500), 0.7); // CNY/t
  assert.equal(roundTripFee(al, 19000), 3 / 5);
  assert.equal(formatFee(al.fee), "3 CNY/lot per open, 3 per close, 0 per close today");
});

Deno.test("trading days: 242 in 2023, holidays and weekends excluded", () => {
  const d2023 = tradingDays(2023);
  assert.equal(d2023.length, 242);
  assert.equal(d2023[0], 20230103);
  assert.equal(d2023.at(-1), 20231229);
  for (const h of SHFE_HOLIDAYS[2023]) assert.ok(!d2023.includes(h), `${h} listed`);
  // Weekend make-up working days (e.g. Sunday 2023-01-28, Saturday 2023-10-07) stay closed.
  assert.ok(!d2023.includes(20230128));
  assert.ok(!d2023.includes(20231007));
  assert.equal(SHFE_HOLIDAYS[2023].length, 18);
  // 2023 has 260 weekdays; each other table year: weekdays minus its holidays.
  assert.equal(tradingDays(2022).length, 260 - SHFE_HOLIDAYS[2022].length);
  assert.equal(tradingDays(2024).length, 262 - SHFE_HOLIDAYS[2024].length);
  assert.equal(tradingDays(2025).length, 261 - SHFE_HOLIDAYS[2025].length);
  assert.ok(isTradingDay(20230628));
  assert.ok(!isTradingDay(20230622));
  assert.equal(nextTradingDay(20230120), 20230130);
});

Deno.test("trading days: years outside 2015–2026 throw unless weekdays-only", () => {
  assert.throws(() => tradingDays(2014), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.match(e.message, /2014/);
    return true;
  });
  const w = tradingDays(2014, { unknownHolidays: "weekdays-only" });
  assert.equal(w.length, 261);
  assert.ok(w.includes(20141001)); // National Day: unknown, so treated as a weekday.
  assert.throws(() => tradingDayOf(at(2027, 1, 4, 21, 1)), RangeError);
  assert.equal(tradingDayOf(at(2027, 1, 8, 21, 1), { unknownHolidays: "weekdays-only" }), 20270111);
  assert.equal(tradingDayOf(at(2026, 1, 9, 21, 1)), 20260112); // 2026 is tabled now
});

Deno.test("night sessions: none on the first trading day after a holiday, Monday has one", () => {
  assert.equal(hasNightSession(20230109), true); // normal Monday: Friday 01-06 evening
  assert.equal(hasNightSession(20230104), true);
  assert.equal(hasNightSession(20230103), false); // after 01-02 New Year
  assert.equal(hasNightSession(20230130), false); // after the 01-23..27 Spring Festival break
  assert.equal(hasNightSession(20230406), false); // after Qingming 04-05
  assert.equal(hasNightSession(20230504), false); // after 05-01..03
  // Dragon Boat 06-22/23: the evening of Wednesday 06-21 has no session, so Monday 06-26 has none.
  assert.equal(hasNightSession(20230621), true);
  assert.equal(hasNightSession(20230626), false);
  assert.equal(hasNightSession(20231009), false); // after 09-29..10-06
  assert.equal(hasNightSession(20231010), true);
  assert.throws(() => hasNightSession(20230622), RangeError);
});

Deno.test("sessionOf: bar-end stamps (open, close], breaks are null", () => {
  const d = (h: number, m: number) => sessionOf(at(2023, 1, 4, h, m))?.name ?? null;
  assert.equal(d(21, 0), null);
  assert.equal(d(21, 1), "night");
  assert.equal(d(23, 0), "night");
  assert.equal(d(23, 1), null);
  assert.equal(d(9, 0), null);
  assert.equal(d(9, 1), "am1");
  assert.equal(d(10, 15), "am1");
  assert.equal(d(10, 16), null);
  assert.equal(d(10, 30), null);
  assert.equal(d(10, 31), "am2");
  assert.equal(d(11, 30), "am2");
  assert.equal(d(13, 30), null);
  assert.equal(d(13, 31), "pm");
  assert.equal(d(15, 0), "pm");
  assert.equal(d(15, 1), null);
  const s = sessionOf(at(2023, 1, 4, 10, 0))!;
  assert.equal(iso(s.start), "2023-01-04T09:00");
  assert.equal(iso(s.end), "2023-01-04T10:15");
  const n = sessionOf(at(2023, 1, 4, 22, 30))!;
  assert.equal(iso(n.start), "2023-01-04T21:00");
  assert.equal(iso(n.end), "2023-01-04T23:00");
});

Deno.test("tradingDayOf: night bars belong to the next trading day", () => {
  assert.equal(tradingDayOf(at(2023, 1, 4, 21, 1)), 20230105);
  assert.equal(tradingDayOf(at(2023, 1, 6, 21, 1)), 20230109); // Friday night → Monday
  assert.equal(tradingDayOf(at(2023, 1, 6, 23, 0)), 20230109);
  assert.equal(tradingDayOf(at(2023, 1, 9, 9, 1)), 20230109);
  assert.equal(tradingDayOf(at(2023, 1, 9, 15, 0)), 20230109);
  assert.equal(tradingDayOf(at(2023, 1, 20, 22, 0)), 20230130); // across the Spring Festival
  assert.throws(() => tradingDayOf(at(2023, 1, 9, 9, 0)), RangeError);
  assert.throws(() => tradingDayOf(at(2023, 1, 9, 12, 0)), RangeError);
  assert.throws(() => tradingDayOf(at(2023, 1, 9, 21, 0)), RangeError);
  assert.throws(() => tradingDayOf(at(2023, 1, 7, 10, 0)), RangeError); // Saturday
});

Deno.test("barSchedule: 345 bars on a full day, 225 after a holiday, 82,770 in 2023", () => {
  const full = barSchedule([20230109]);
  assert.equal(full.time.length, 345);
  const stamps = Array.from(full.time, iso);
  assert.equal(stamps[0], "2023-01-06T21:01"); // Friday evening
  assert.equal(stamps[119], "2023-01-06T23:00");
  assert.equal(stamps[120], "2023-01-09T09:01");
  assert.equal(stamps[194], "2023-01-09T10:15");
  assert.equal(stamps[195], "2023-01-09T10:31");
  assert.equal(stamps[254], "2023-01-09T11:30");
  assert.equal(stamps[255], "2023-01-09T13:31");
  assert.equal(stamps[344], "2023-01-09T15:00");
  assert.ok(full.tradingDay.every((d) => d === 20230109));
  const short = barSchedule([20230130]);
  assert.equal(short.time.length, 225);
  assert.equal(iso(short.time[0]), "2023-01-30T09:01");

  const year = barSchedule(tradingDays(2023));
  const afterHoliday = tradingDays(2023).filter((d) => !hasNightSession(d)).length;
  assert.equal(afterHoliday, 6);
  assert.equal(year.time.length, 242 * 345 - afterHoliday * 120);
  for (let i = 1; i < year.time.length; i++) assert.ok(year.time[i] > year.time[i - 1]);
  // Every stamp is a session bar end and maps back to its trading day.
  for (let i = 0; i < year.time.length; i += 97) {
    assert.equal(tradingDayOf(year.time[i]), year.tradingDay[i], iso(year.time[i]));
  }
  assert.throws(() => barSchedule([20230104, 20230103]), RangeError);
  assert.throws(() => barSchedule([20230102]), RangeError);
});
