// writeDirAtomic: a directory is created or replaced whole, a failing writer leaves the old one
// and no temporary, and oldDirCopies finds what an interrupted replacement left.
import assert from "node:assert/strict";
import { oldDirCopies, writeDirAtomic } from "../lib/data/mod.ts";

const names = (dir: string) => [...Deno.readDirSync(dir)].map((e) => e.name).sort();

Deno.test("writeDirAtomic creates, then replaces a directory whole, leaving nothing beside it", async () => {
  const root = await Deno.makeTempDir({ prefix: "atomic_dir_" });
  try {
    const seen: string[] = [];
    await writeDirAtomic(`${root}/out/`, async (tmp) => {
      seen.push(tmp, ...names(tmp));
      await Deno.writeTextFile(`${tmp}/a.txt`, "first a");
      await Deno.writeTextFile(`${tmp}/b.txt`, "first b");
    });
    assert.match(seen[0], new RegExp(`^${root}/out\\.tmp-[0-9a-f]{8}$`));
    assert.equal(seen.length, 1, "the writer gets an empty directory");
    assert.deepEqual(names(root), ["out"]);
    assert.deepEqual(names(`${root}/out`), ["a.txt", "b.txt"]);

    await writeDirAtomic(`${root}/out`, (tmp) => Deno.writeTextFile(`${tmp}/a.txt`, "second a"));
    assert.deepEqual(names(root), ["out"]);
    assert.deepEqual(names(`${root}/out`), ["a.txt"], "b.txt of the old directory is gone");
    assert.equal(await Deno.readTextFile(`${root}/out/a.txt`), "second a");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("writeDirAtomic: a failing writer keeps the old directory and removes the temporary", async () => {
  const root = await Deno.makeTempDir({ prefix: "atomic_dir_" });
  try {
    await writeDirAtomic(`${root}/out`, (tmp) => Deno.writeTextFile(`${tmp}/a.txt`, "old"));
    await assert.rejects(
      writeDirAtomic(`${root}/out`, async (tmp) => {
        await Deno.writeTextFile(`${tmp}/a.txt`, "half");
        throw new RangeError("writer failed");
      }),
      { name: "RangeError", message: "writer failed" },
    );
    assert.deepEqual(names(root), ["out"]);
    assert.equal(await Deno.readTextFile(`${root}/out/a.txt`), "old");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("writeDirAtomic: a missing parent throws before the writer runs, unless createParents", async () => {
  const root = await Deno.makeTempDir({ prefix: "atomic_dir_" });
  try {
    let calls = 0;
    const writer = async (tmp: string) => {
      calls++;
      await Deno.writeTextFile(`${tmp}/x.txt`, "x");
    };
    await assert.rejects(
      writeDirAtomic(`${root}/a/b/out`, writer),
      (e) => e instanceof Deno.errors.NotFound && /no directory .*\/a\/b$/.test(e.message),
    );
    assert.equal(calls, 0);
    assert.deepEqual(names(root), []);
    await writeDirAtomic(`${root}/a/b/out`, writer, { createParents: true });
    assert.equal(calls, 1);
    assert.equal(await Deno.readTextFile(`${root}/a/b/out/x.txt`), "x");
    await assert.rejects(writeDirAtomic("..", writer), TypeError);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("oldDirCopies lists the <dir>.old-* directories only", async () => {
  const root = await Deno.makeTempDir({ prefix: "atomic_dir_" });
  try {
    // The state a replacement stopped between its two renames leaves: old copy, new temporary.
    await Deno.mkdir(`${root}/ckpt.old-0000000b`);
    await Deno.mkdir(`${root}/ckpt.old-0000000a`);
    await Deno.mkdir(`${root}/ckpt.tmp-0000000c`);
    await Deno.writeTextFile(`${root}/ckpt.old-file`, "not a directory");
    await Deno.mkdir(`${root}/other.old-0000000d`);
    assert.deepEqual(await oldDirCopies(`${root}/ckpt/`), [
      `${root}/ckpt.old-0000000a`,
      `${root}/ckpt.old-0000000b`,
    ]);
    assert.deepEqual(await oldDirCopies(`${root}/none`), []);
    assert.deepEqual(await oldDirCopies(`${root}/missing/ckpt`), []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
