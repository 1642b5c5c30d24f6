/**
 * Gradients of the basic kernels the model's graph uses.
 *
 * The lean tfjs set this project installs (`tfjs-core` + backends, without the `@tensorflow/tfjs`
 * union package) registers no gradients: they live in `tfjs-core/dist/register_all_gradients.js`,
 * whose extension-less ES imports Deno cannot load. So the few the model needs are written here,
 * after tfjs-core's own definitions, and registered only where no gradient exists yet (a later
 * import of tfjs's full set simply replaces them).
 *
 * The matMul gradient is written with explicit transposes and untransposed products: the wasm
 * backend's fast XNNPACK path takes only untransposed 2-D products (see
 * shared/docs/tfjs-wasm-performance.md).
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";

type Saved = tf.Tensor[];
type Attrs = Record<string, unknown>;
type GradFn = (dy: tf.Tensor, saved: Saved, attrs: Attrs) => Record<string, () => tf.Tensor>;

/** Sums `dy` over the axes `shape` was broadcast along, back to `shape`. */
function unbroadcast(dy: tf.Tensor, shape: number[]): tf.Tensor {
  const axes = tf.backend_util.getReductionAxes(shape, dy.shape);
  // Not colSum on a reshaped view: see the aliasing note in col_sum.ts.
  return tf.reshape(axes.length > 0 ? tf.sum(dy, axes) : dy, shape);
}

/** Swaps the last two axes (an explicit transpose). */
function swapLast(t: tf.Tensor): tf.Tensor {
  const r = t.rank;
  const perm = [...Array(r).keys()];
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(t, perm);
}

/** Expands a reduced `dy` back to `shape` given the reduced axes. */
function expandReduced(dy: tf.Tensor, shape: number[], axes: number[], scale: number): tf.Tensor {
  const kept = shape.slice();
  for (const a of axes) kept[a] = 1;
  return tf.mul(tf.reshape(dy, kept), tf.fill(shape, scale));
}

const GRADIENTS: {
  kernelName: string;
  inputsToSave?: string[];
  outputsToSave?: boolean[];
  gradFunc: GradFn;
}[] = [
  {
    kernelName: "Add",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b]) => ({
      a: () => unbroadcast(dy, a.shape),
      b: () => unbroadcast(dy, b.shape),
    }),
  },
  {
    kernelName: "Sub",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b]) => ({
      a: () => unbroadcast(dy, a.shape),
      b: () => tf.neg(unbroadcast(dy, b.shape)),
    }),
  },
  {
    kernelName: "Multiply",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b]) => ({
      a: () => unbroadcast(tf.mul(dy, tf.cast(b, "float32")), a.shape),
      b: () => unbroadcast(tf.mul(dy, tf.cast(a, "float32")), b.shape),
    }),
  },
  {
    kernelName: "Reshape",
    inputsToSave: ["x"],
    gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy, x.shape) }),
  },
  {
    kernelName: "Transpose",
    gradFunc: (dy, _saved, attrs) => {
      const perm = attrs.perm as number[];
      const inv = perm.slice();
      perm.forEach((p, i) => (inv[p] = i));
      return { x: () => tf.transpose(dy, inv) };
    },
  },
  {
    kernelName: "Slice",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const [begin, size] = tf.slice_util.parseSliceParams(
        x,
        attrs.begin as number[],
        attrs.size as number[],
      );
      const pads = x.shape.map((n, i) => [begin[i], n - begin[i] - size[i]] as [number, number]);
      return { x: () => tf.pad(dy, pads) };
    },
  },
  {
    kernelName: "Sum",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
      return { x: () => expandReduced(dy, x.shape, axes, 1) };
    },
  },
  {
    kernelName: "Mean",
    inputsToSave: ["x"],
    gradFunc: (dy, [x], attrs) => {
      const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
      const n = axes.reduce((p, a) => p * x.shape[a], 1);
      return { x: () => expandReduced(dy, x.shape, axes, 1 / n) };
    },
  },
  {
    kernelName: "Square",
    inputsToSave: ["x"],
    gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy, tf.mul(tf.cast(x, "float32"), 2)) }),
  },
  {
    kernelName: "Softmax",
    outputsToSave: [true],
    gradFunc: (dy, [y], attrs) => {
      const dim = attrs.dim as number;
      return {
        logits: () => {
          const dyTimesY = tf.mul(dy, y);
          return tf.sub(dyTimesY, tf.mul(tf.sum(dyTimesY, [dim], true), y));
        },
      };
    },
  },
  {
    kernelName: "BatchMatMul",
    inputsToSave: ["a", "b"],
    gradFunc: (dy, [a, b], attrs) => {
      if (a.rank !== b.rank || a.shape.slice(0, -2).join() !== b.shape.slice(0, -2).join()) {
        throw new RangeError(
          `matMul gradient needs equal batch shapes, got [${a.shape}] and [${b.shape}]`,
        );
      }
      const mm = (x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y);
      const ta = attrs.transposeA as boolean, tb = attrs.transposeB as boolean;
      if (!ta && !tb) return { a: () => mm(dy, swapLast(b)), b: () => mm(swapLast(a), dy) };
      if (!ta && tb) return { a: () => mm(dy, b), b: () => mm(swapLast(dy), a) };
      if (ta && !tb) return { a: () => mm(b, swapLast(dy)), b: () => mm(a, dy) };
      return { a: () => mm(swapLast(b), swapLast(dy)), b: () => mm(swapLast(dy), swapLast(a)) };
    },
  },
];

/**
 * Registers the gradients above for every kernel that has none yet. Idempotent; runs on import of
 * this module, so importing `lib/model` is enough.
 *
 * @example
 * ```ts
 * registerGradients();
 * tf.grad((x: tf.Tensor) => tf.mean(tf.square(x)))(tf.tensor1d([1, 2])); // [1, 2]
 * ```
 */
export function registerGradients(): void {
  for (const g of GRADIENTS) {
    if (tf.getGradient(g.kernelName) === undefined) {
      tf.registerGradient(g as unknown as tf.GradConfig);
    }
  }
}

registerGradients();
