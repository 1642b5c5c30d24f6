import assert from "node:assert/strict";
import { sessionAxis } from "../lib/market/mod.ts";
import { barSchedule } from "../lib/calendar/mod.ts";

const M = 60_000;

Deno.test("sessionAxis: sessions end to end, every break shortened to the gap", () => {
  // Monday 2023-01-09 (night = Friday evening 01-06) and Tuesday 01-10: 2 × 345 bars.
  const { time } = barSchedule([20230109, 20230110]);
  const { x, sessions, ticks } = sessionAxis(time, { gap: 10 });
  assert.equal(x.length, 690);
  assert.deepEqual(sessions.map((s) => s.name), [
    "night",
    "am1",
    "am2",
    "pm",
    "night",
    "am1",
    "am2",
    "pm",
  ]);
  assert.deepEqual(sessions.map((s) => [s.x0, s.x1]), [
    [0, 120],
    [130, 205],
    [215, 275],
    [285, 375],
    [385, 505],
    [515, 590],
    [600, 660],
    [670, 760],
  ]);
  assert.deepEqual(sessions.map((s) => [s.first, s.last]).slice(0, 2), [[0, 119], [120, 194]]);
  assert.equal(sessions[0].start, Date.UTC(2023, 0, 6, 21, 0), "Monday's night is Friday evening");
  assert.equal(x[0], 1, "21:01 is one minute after the open");
  assert.equal(x[119], 120, "23:00 is the night's close");
  assert.equal(x[120], 131, "09:01 after a 10-minute gap");
  assert.deepEqual(ticks.slice(0, 8).map((t) => t.label), [
    "21:00",
    "22:00",
    "09:00",
    "10:30",
    "11:00",
    "13:30",
    "14:00",
    "21:00",
  ]);
  assert.deepEqual(ticks.at(-1), { x: 760, time: Date.UTC(2023, 0, 10, 15, 0), label: "15:00" });
});

Deno.test("sessionAxis: missing bars keep their place; ticks respect the clearance", () => {
  const t0 = Date.UTC(2023, 0, 3, 9, 0);
  const { x, ticks } = sessionAxis([t0 + 1 * M, t0 + 2 * M, t0 + 30 * M], {
    tickMinutes: 15,
    tickClearance: 10,
  });
  assert.deepEqual([...x], [1, 2, 30]);
  // am1 09:00–10:15: interior ticks every 15 min at least 10 min from 09:00 and 10:15.
  assert.deepEqual(ticks.map((t) => t.label), [
    "09:00",
    "09:15",
    "09:30",
    "09:45",
    "10:00",
    "10:15",
  ]);
});

Deno.test("sessionAxis: a time outside the sessions or out of order is a RangeError", () => {
  assert.throws(
    () => sessionAxis([Date.UTC(2023, 0, 3, 12, 0)]),
    /Row 0 \(2023-01-03T12:00:00\) is outside the SHFE rb sessions/,
  );
  const t = Date.UTC(2023, 0, 3, 9, 5);
  assert.throws(() => sessionAxis([t, t]), /increase strictly/);
  assert.throws(() => sessionAxis([t], { gap: -1 }), RangeError);
  assert.deepEqual(sessionAxis([]), { x: new Float64Array(0), sessions: [], ticks: [] });
});
