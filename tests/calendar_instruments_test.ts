// The instrument table and each exchange's sessions: night sessions to 23:00, 01:00 and 02:30,
// CFFEX's own hours, bars after midnight, and sessions read back from the stamps alone.
import assert from "node:assert/strict";
import {
  barSchedule,
  CFFEX_BOND_SESSIONS,
  commoditySessions,
  formatSessions,
  inferSessions,
  instrument,
  INSTRUMENT_SYMBOLS,
  INSTRUMENTS,
  productOf,
  sessionBars,
  sessionOf,
  tradingDayOf,
} from "../lib/calendar/mod.ts";

const at = (y: number, mo: number, d: number, h: number, mi: number) =>
  Date.UTC(y, mo - 1, d, h, mi);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

/** The products issue 11 names, by exchange. */
const LISTED: Record<string, string[]> = {
  SHFE: ["rb", "hc", "cu", "al", "zn", "ni", "au", "ag", "ru", "fu", "bu"],
  INE: ["sc"],
  DCE: ["i", "j", "jm", "m", "y", "p", "c", "a", "pp", "l", "v", "eg"],
  CZCE: ["SR", "CF", "TA", "MA", "FG", "RM", "OI", "SA"],
  CFFEX: ["IF", "IH", "IC", "IM", "T", "TF"],
  GFEX: ["lc", "si"],
};

Deno.test("instruments: every listed product, on its exchange, with a complete spec", () => {
  for (const [exchange, symbols] of Object.entries(LISTED)) {
    for (const s of symbols) {
      const i = INSTRUMENTS[s];
      assert.ok(i, `${s} missing`);
      assert.equal(i.exchange, exchange, s);
      assert.ok(i.tick > 0 && i.multiplier > 0 && i.sessions.length >= 2, s);
      assert.ok(["rate", "per-lot"].includes(i.fee.unit), s);
      assert.ok(Object.isFrozen(i), s);
    }
  }
  assert.ok(INSTRUMENT_SYMBOLS.length >= 40);
  // Hand-checked specs: ticks and sizes that are easy to copy from the wrong product.
  const spec = (s: string) => [INSTRUMENTS[s].tick, INSTRUMENTS[s].multiplier];
  assert.deepEqual(spec("rb"), [1, 10]);
  assert.deepEqual(spec("au"), [0.02, 1000]);
  assert.deepEqual(spec("sc"), [0.1, 1000]);
  assert.deepEqual(spec("i"), [0.5, 100]);
  assert.deepEqual(spec("IF"), [0.2, 300]);
  assert.deepEqual(spec("T"), [0.005, 10000]);
  assert.deepEqual(spec("lc"), [50, 1]);
  // Fee models: a rate with a dearer close-today (IF), per lot with a free close-today (al).
  assert.deepEqual(INSTRUMENTS.IF.fee, {
    unit: "rate",
    open: 2.3e-5,
    close: 2.3e-5,
    closeToday: 3.45e-4,
  });
  assert.deepEqual(INSTRUMENTS.al.fee, { unit: "per-lot", open: 3, close: 3, closeToday: 0 });
  assert.deepEqual(INSTRUMENTS.rb.fee, { unit: "rate", open: 1e-4, close: 1e-4, closeToday: 1e-4 });
});

Deno.test("instruments: night closes by product, CFFEX day hours, GFEX without a night", () => {
  const night = (s: string) => formatSessions(INSTRUMENTS[s].sessions).split(", ")[0];
  assert.equal(night("rb"), "night 21:00–23:00");
  assert.equal(night("cu"), "night 21:00–01:00");
  assert.equal(night("au"), "night 21:00–02:30");
  assert.equal(night("sc"), "night 21:00–02:30");
  assert.equal(night("SR"), "night 21:00–23:00");
  assert.equal(night("m"), "night 21:00–23:00");
  assert.equal(formatSessions(INSTRUMENTS.IF.sessions), "am 09:30–11:30, pm 13:00–15:00");
  assert.equal(formatSessions(INSTRUMENTS.T.sessions), "am 09:30–11:30, pm 13:00–15:15");
  assert.equal(
    formatSessions(INSTRUMENTS.si.sessions),
    "am1 09:00–10:15, am2 10:30–11:30, pm 13:30–15:00",
  );
  assert.deepEqual(sessionBars(INSTRUMENTS.cu.sessions), { day: 225, night: 240 });
  assert.deepEqual(sessionBars(INSTRUMENTS.au.sessions), { day: 225, night: 330 });
  assert.deepEqual(sessionBars(INSTRUMENTS.IF.sessions), { day: 240, night: 0 });
  assert.deepEqual(sessionBars(CFFEX_BOND_SESSIONS), { day: 255, night: 0 });
});

Deno.test("instruments: codes resolve to products; unknown ones list the known", () => {
  assert.equal(productOf("rb"), "rb");
  assert.equal(productOf("RB2105"), "rb");
  assert.equal(productOf("SHFE.rb2105"), "rb");
  assert.equal(productOf("KQ.m@SHFE.rb"), "rb");
  assert.equal(productOf("rb2105.SHFE"), "rb");
  assert.equal(productOf("rb0000"), "rb");
  assert.equal(productOf("RM705"), "RM");
  assert.equal(productOf("ta2109"), "TA");
  assert.equal(productOf("IF888"), "IF");
  assert.equal(productOf("T2309"), "T");
  assert.equal(productOf("i2109"), "i");
  assert.equal(productOf("xx2105"), null);
  assert.equal(productOf("market"), null);
  assert.equal(instrument("CZCE.SR405").symbol, "SR");
  assert.throws(() => instrument("zz"), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.match(e.message, /Unknown symbol zz; known: a, ag, al, /);
    assert.match(e.message, /rb, /);
    assert.match(e.message, /--symbol generic/);
    return true;
  });
});

Deno.test("sessionOf: after midnight belongs to the evening's night session", () => {
  const cu = commoditySessions("01:00"), au = commoditySessions("02:30");
  const s = sessionOf(at(2023, 1, 5, 0, 30), cu)!;
  assert.equal(s.name, "night");
  assert.equal(iso(s.start), "2023-01-04T21:00");
  assert.equal(iso(s.end), "2023-01-05T01:00");
  assert.equal(sessionOf(at(2023, 1, 5, 1, 0), cu)?.name, "night");
  assert.equal(sessionOf(at(2023, 1, 5, 1, 1), cu), null);
  assert.equal(sessionOf(at(2023, 1, 5, 0, 0), cu)?.name, "night"); // the 23:59–24:00 bar
  assert.equal(sessionOf(at(2023, 1, 5, 0, 0), au)?.name, "night");
  assert.equal(sessionOf(at(2023, 1, 5, 2, 30), au)?.name, "night");
  assert.equal(sessionOf(at(2023, 1, 5, 2, 31), au), null);
  assert.equal(sessionOf(at(2023, 1, 5, 0, 30)), null); // rb's night ends at 23:00
  const idx = INSTRUMENTS.IF.sessions;
  assert.equal(sessionOf(at(2023, 1, 5, 9, 30), idx), null);
  assert.equal(sessionOf(at(2023, 1, 5, 9, 31), idx)?.name, "am");
  assert.equal(sessionOf(at(2023, 1, 5, 13, 1), idx)?.name, "pm");
  assert.equal(sessionOf(at(2023, 1, 5, 15, 1), idx), null);
  assert.equal(sessionOf(at(2023, 1, 5, 15, 15), CFFEX_BOND_SESSIONS)?.name, "pm");
});

Deno.test("tradingDayOf: hand-checked Friday nights and bars after midnight", () => {
  const cu = { sessions: INSTRUMENTS.cu.sessions }, au = { sessions: INSTRUMENTS.au.sessions };
  // Friday 2023-01-06 night: 21:01 and 23:30 belong to Monday 01-09, and so do the Saturday
  // 00:30 (cu, au) and 02:30 (au) bars, the same session after midnight.
  assert.equal(tradingDayOf(at(2023, 1, 6, 21, 1), cu), 20230109);
  assert.equal(tradingDayOf(at(2023, 1, 6, 23, 30), cu), 20230109);
  assert.equal(tradingDayOf(at(2023, 1, 7, 0, 30), cu), 20230109);
  assert.equal(tradingDayOf(at(2023, 1, 7, 2, 30), au), 20230109);
  assert.throws(() => tradingDayOf(at(2023, 1, 7, 2, 30), cu), RangeError); // cu closed at 01:00
  // A Wednesday night past midnight belongs to Thursday.
  assert.equal(tradingDayOf(at(2023, 1, 5, 1, 0), cu), 20230105);
  // Before a holiday: Friday 2023-01-20 night would belong to 01-30 (after the Spring Festival).
  assert.equal(tradingDayOf(at(2023, 1, 21, 0, 30), cu), 20230130);
  // Sunday 00:30 would be a Saturday-evening session: there is none.
  assert.throws(() => tradingDayOf(at(2023, 1, 8, 0, 30), cu), RangeError);
  // CFFEX: day bars are their own date; 09:30 is the open, not a bar.
  assert.equal(
    tradingDayOf(at(2023, 1, 9, 9, 31), { sessions: INSTRUMENTS.IF.sessions }),
    20230109,
  );
  assert.throws(() => tradingDayOf(at(2023, 1, 9, 9, 30), { sessions: INSTRUMENTS.IF.sessions }));
});

Deno.test("barSchedule: every product's synthetic day maps back to its trading day", () => {
  for (const s of INSTRUMENT_SYMBOLS) {
    const sessions = INSTRUMENTS[s].sessions;
    const { day, night } = sessionBars(sessions);
    const monday = barSchedule([20230109], { sessions }); // with Friday's night session
    assert.equal(monday.time.length, day + night, s);
    for (let i = 0; i < monday.time.length; i++) {
      assert.equal(
        tradingDayOf(monday.time[i], { sessions }),
        20230109,
        `${s} ${iso(monday.time[i])}`,
      );
      if (i > 0) assert.ok(monday.time[i] > monday.time[i - 1], s);
    }
    // The first trading day after New Year has no night session.
    assert.equal(barSchedule([20230103], { sessions }).time.length, day, s);
  }
  const au = barSchedule([20230109], { sessions: INSTRUMENTS.au.sessions });
  assert.equal(iso(au.time[0]), "2023-01-06T21:01");
  assert.equal(iso(au.time[329]), "2023-01-07T02:30"); // Saturday morning, still Monday's
  assert.equal(iso(au.time[330]), "2023-01-09T09:01");
});

Deno.test("inferSessions: each exchange's sessions read back from the stamps alone", () => {
  for (const s of ["rb", "cu", "au", "IF", "T", "si"]) {
    const sessions = INSTRUMENTS[s].sessions;
    const days = [20230104, 20230105, 20230106, 20230109, 20230110];
    const { time } = barSchedule(days, { sessions });
    assert.equal(formatSessions(inferSessions(time)), formatSessions(sessions), s);
  }
  // A few missing minutes do not split a session; five-minute bars keep their hours.
  const { time } = barSchedule([20230104, 20230105], { sessions: INSTRUMENTS.cu.sessions });
  const holed = time.filter((_, i) => i % 50 !== 7);
  assert.equal(formatSessions(inferSessions(holed)), formatSessions(INSTRUMENTS.cu.sessions));
  const five = time.filter((t) => (t / 60_000) % 5 === 0);
  assert.equal(
    formatSessions(inferSessions(five, { barMinutes: 5 })),
    formatSessions(INSTRUMENTS.cu.sessions),
  );
  assert.throws(() => inferSessions([]), RangeError);
});
