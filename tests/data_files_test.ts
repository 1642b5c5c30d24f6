// pathExists and readJsonFile: the small file helpers lib/ and scripts/ share.
import assert from "node:assert/strict";
import { pathExists, readJsonFile } from "../lib/data/mod.ts";

Deno.test("pathExists: files, directories and links; a dangling link only with followLinks false", async () => {
  const root = await Deno.makeTempDir({ prefix: "path_exists_" });
  try {
    await Deno.writeTextFile(`${root}/f.txt`, "x");
    await Deno.symlink(`${root}/gone`, `${root}/dangling`);
    assert.equal(await pathExists(`${root}/f.txt`), true);
    assert.equal(await pathExists(root), true);
    assert.equal(await pathExists(`${root}/nope`), false);
    assert.equal(await pathExists(`${root}/dangling`), false);
    assert.equal(await pathExists(`${root}/dangling`, { followLinks: false }), true);
    // Not NotFound: a path through a file is rethrown.
    await assert.rejects(
      pathExists(`${root}/f.txt/child`),
      (e) => !(e instanceof Deno.errors.NotFound),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("readJsonFile parses, names a file that is not JSON, and rethrows read errors", async () => {
  const root = await Deno.makeTempDir({ prefix: "read_json_" });
  try {
    await Deno.writeTextFile(`${root}/ok.json`, '{"rows": [1, 2.5, null], "name": "tiny"}\n');
    await Deno.writeTextFile(`${root}/bad.json`, '{"rows": [1, 2');
    assert.deepEqual(await readJsonFile(`${root}/ok.json`), { rows: [1, 2.5, null], name: "tiny" });
    await assert.rejects(
      readJsonFile(`${root}/bad.json`),
      (e) => e instanceof SyntaxError && e.message.startsWith(`Cannot parse ${root}/bad.json: `),
    );
    await assert.rejects(readJsonFile(`${root}/missing.json`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
