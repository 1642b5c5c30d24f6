// The calendar is the lowest layer (it imports no other area of lib/), and lib/data sits on it
// alone: data no longer imports the synthetic market (or anything above it).
import assert from "node:assert/strict";

const LIB = new URL("../lib/", import.meta.url).pathname;

/** The lib/ areas a module of `area` imports, from its relative import specifiers. */
function importedAreas(area: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of Deno.readDirSync(`${LIB}${area}`)) {
    if (!e.name.endsWith(".ts")) continue;
    const text = Deno.readTextFileSync(`${LIB}${area}/${e.name}`);
    for (const m of text.matchAll(/^(?:import|export)[^"']*["'](\.\.\/([a-z_]+)\/[^"']+)["']/gm)) {
      const list = out.get(m[2]) ?? [];
      list.push(`${e.name} → ${m[1]}`);
      out.set(m[2], list);
    }
  }
  return out;
}

Deno.test("layers: lib/calendar imports no other area of lib/", () => {
  assert.deepEqual([...importedAreas("calendar").values()].flat(), []);
});

Deno.test("layers: lib/data imports only lib/calendar", () => {
  const areas = importedAreas("data");
  assert.deepEqual(
    [...areas.keys()].filter((a) => a !== "calendar"),
    [],
    JSON.stringify([...areas]),
  );
  assert.ok(areas.has("calendar"), "data derives trading days and sessions from the calendar");
});

Deno.test("layers: the calendar's mod.ts re-exports no private helper module", () => {
  const mod = Deno.readTextFileSync(`${LIB}calendar/mod.ts`);
  for (const m of mod.matchAll(/from "\.\/([^"]+)"/g)) assert.ok(!m[1].startsWith("_"), m[1]);
});
