/**
 * Progress of a training run, as events for the caller and as a one-line bar for a terminal.
 *
 * @module
 */

/** What {@linkcode trainModel} reports after every step and at the end of every epoch. */
export interface TrainProgress {
  /** `"step"` after each optimisation step, `"epoch"` after validation. */
  kind: "step" | "epoch";
  /** 1-based epoch. */
  epoch: number;
  /** Maximum epochs. */
  epochs: number;
  /** 1-based step within the epoch. */
  step: number;
  /** Steps per epoch. */
  steps: number;
  /** Mean training loss of the epoch so far (standardised target units). */
  loss: number;
  /** Training windows per second over the epoch so far. */
  samplesPerSec: number;
  /** Estimated seconds left in this epoch (validation excluded). */
  etaSec: number;
  /** With `kind: "epoch"`: the validation loss. */
  valLoss?: number;
  /** With `kind: "epoch"`: the validation IC. */
  valIc?: number;
  /** With `kind: "epoch"`: whether this epoch is the best so far (and was saved as `best`). */
  improved?: boolean;
}

/**
 * One line for a terminal: epoch, a bar over the epoch's steps, windows/s, ETA and running loss.
 *
 * @example
 * ```ts
 * formatProgress({ kind: "step", epoch: 2, epochs: 20, step: 48, steps: 96, loss: 0.998,
 *   samplesPerSec: 131, etaSec: 23 });
 * // "epoch  2/20 [##########----------]  48/96  131 windows/s  ETA 0:23  loss 0.9980"
 * ```
 * @param options.width characters of the bar; default 20.
 */
export function formatProgress(p: TrainProgress, options: { width?: number } = {}): string {
  const width = options.width ?? 20;
  const done = Math.round((p.step / p.steps) * width);
  const bar = "#".repeat(done) + "-".repeat(width - done);
  const eta = `${Math.floor(p.etaSec / 60)}:${String(Math.round(p.etaSec % 60)).padStart(2, "0")}`;
  const pad = String(p.epochs).length;
  let line = `epoch ${String(p.epoch).padStart(pad)}/${p.epochs} [${bar}] ` +
    `${String(p.step).padStart(String(p.steps).length)}/${p.steps}  ` +
    `${Math.round(p.samplesPerSec)} windows/s  ETA ${eta}  loss ${p.loss.toFixed(4)}`;
  if (p.valLoss !== undefined) {
    const ic = p.valIc === undefined ? "" : `  val IC ${p.valIc.toFixed(4)}`;
    line += `  val ${p.valLoss.toFixed(4)}${ic}${p.improved ? "  *best" : ""}`;
  }
  return line;
}
