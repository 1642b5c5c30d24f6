/**
 * Rebuild the model's SIMD kernels from their C source and stamp the binary with the source's hash.
 *
 *   deno task build-wasm [--check]
 *
 * Compiles `lib/model/wasm_kernels.c` with clang for wasm32 (Debian: `apt-get install clang lld`;
 * versioned names such as `clang-14` and `wasm-ld-14` are found too) into
 * `lib/model/wasm_kernels.wasm`, written atomically, with a custom section recording the source's
 * SHA-256, the compiler and the command (lib/model/wasm_build.ts). `tests/model_wasm_build_test.ts`
 * fails when the C file changes without this rebuild. `--check` writes nothing: it says whether
 * the committed binary is what this source and compiler produce.
 *
 * @module
 */
import { writeFileAtomic } from "../lib/data/atomic_write.ts";
import {
  compileKernels,
  findWasmToolchain,
  KERNEL_FILES,
  readBuildStamp,
} from "../lib/model/wasm_build.ts";
import { runScript } from "./_main.ts";

/** The flags of `deno task build-wasm`. */
export const BUILD_WASM_FLAGS = {
  check: {
    type: "boolean",
    default: false,
    doc: "Compare a fresh build with the committed binary; write nothing.",
  },
} as const;

await runScript({
  usage: "deno task build-wasm [flags]",
  description:
    "Compile lib/model/wasm_kernels.c into lib/model/wasm_kernels.wasm (clang, wasm32,\n" +
    "SIMD) and stamp the binary with the SHA-256 of its source.",
  flags: BUILD_WASM_FLAGS,
  maxPositionals: 0,
}, async ({ flags }) => {
  const root = new URL("../", import.meta.url).pathname;
  const tools = await findWasmToolchain();
  if (tools === null) {
    throw new Error(
      "No clang and wasm-ld on PATH: install them (Debian: apt-get install clang lld) and retry",
    );
  }
  const bytes = await compileKernels(tools, { root });
  const stamp = readBuildStamp(bytes)!;
  const target = `${root}${KERNEL_FILES.binary}`;
  if (flags.check) {
    const committed = await Deno.readFile(target);
    const same = committed.length === bytes.length && committed.every((b, i) => b === bytes[i]);
    console.log(
      same
        ? `${KERNEL_FILES.binary} is up to date (${stamp.compiler})`
        : `${KERNEL_FILES.binary} differs from a fresh build: run deno task build-wasm`,
    );
    if (!same) Deno.exit(1);
    return;
  }
  await writeFileAtomic(target, (tmp) => Deno.writeFile(tmp, bytes));
  console.log(`wrote ${KERNEL_FILES.binary} (${bytes.length.toLocaleString("en-US")} bytes)`);
  console.log(`source ${stamp.source} sha256 ${stamp.sourceSha256}`);
  console.log(`compiler ${stamp.compiler}`);
});
