/**
 * Loss curves of a training run: training and validation loss per epoch, the best epoch marked
 * (notebook 04).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { document } from "../plot/mod.ts";
import type { EpochRecord } from "./train_model.ts";

/** A horizontal reference level drawn dashed, e.g. the loss of a naive forecast. */
export interface LossReference {
  /** Loss level, in the same units as the history. */
  value: number;
  /** Label drawn at the right end of the rule. */
  label: string;
}

/** Options of {@linkcode lossCurvePlot}. */
export interface LossCurvePlotOptions {
  /** Title; default "Training and validation loss". */
  title?: string;
  /** Subtitle; default names the best epoch and its validation loss. */
  subtitle?: string;
  /** Dashed reference levels; default none. */
  references?: readonly LossReference[];
  /** Loss name for the y label; default "MSE". */
  loss?: string;
  /** Chart width in px; default 640. */
  width?: number;
  /** Chart height in px; default 300. */
  height?: number;
  /**
   * The epoch whose checkpoint was kept (`TrainResult.bestEpoch`), circled; default the epoch of
   * the lowest validation loss (runs selected by validation IC keep another one).
   */
  best?: number;
}

/**
 * Training loss (mean over the epoch's steps) and validation loss (after the epoch) against the
 * epoch, both in standardised target units (1 ≈ the loss of predicting the training mean on the
 * training data). The epoch with the lowest validation loss, the checkpoint kept, is circled.
 *
 * @example
 * ```ts
 * const run = await trainModel(ds, cfg, { outDir });
 * showPlot(lossCurvePlot(run.history, { references: [{ value: 1.2, label: "predict the mean" }] }));
 * ```
 * @param history the run's epochs (`TrainResult.history` or a checkpoint's `meta.history`).
 * @param options see {@linkcode LossCurvePlotOptions}; defaults: title "Training and validation
 *   loss", loss "MSE", 640 × 300 px, no references.
 * @throws {RangeError} when the history is empty.
 */
export function lossCurvePlot(
  history: readonly EpochRecord[],
  options: LossCurvePlotOptions = {},
): Element {
  if (history.length === 0) throw new RangeError("lossCurvePlot: the history has no epochs");
  const data = history.flatMap((h) => [
    { epoch: h.epoch, loss: h.trainLoss, series: "training" },
    { epoch: h.epoch, loss: h.valLoss, series: "validation" },
  ]);
  const kept = history.find((h) => h.epoch === options.best);
  const best = kept ?? history.reduce((a, h) => h.valLoss < a.valLoss ? h : a);
  const refs = options.references ?? [];
  const epochs = history.map((h) => h.epoch);
  const lastEpoch = Math.max(...epochs);
  return Plot.plot({
    document,
    title: options.title ?? "Training and validation loss",
    subtitle: options.subtitle ??
      (kept
        ? `Circled: epoch ${best.epoch}, the checkpoint kept (validation loss ${
          best.valLoss.toFixed(4)
        })`
        : `Circled: epoch ${best.epoch}, the lowest validation loss (${
          best.valLoss.toFixed(4)
        }), the checkpoint kept`),
    width: options.width ?? 640,
    height: options.height ?? 300,
    marginLeft: 60,
    marginRight: refs.length > 0 ? 150 : 20,
    x: {
      label: "epoch →",
      domain: [Math.min(...epochs) - 0.2, lastEpoch + 0.2],
      ticks: epochs.length <= 20 ? epochs : undefined,
      tickFormat: "d",
    },
    y: { label: `↑ ${options.loss ?? "MSE"} (standardised target units)`, grid: true },
    color: { legend: true, domain: ["training", "validation"], range: ["#4e79a7", "#e15759"] },
    marks: [
      Plot.ruleY(refs, { y: "value", stroke: "#777", strokeDasharray: "4,3" }),
      Plot.text(refs, {
        x: lastEpoch + 0.2,
        y: "value",
        text: "label",
        textAnchor: "start",
        dx: 6,
        fill: "#555",
      }),
      Plot.lineY(data, { x: "epoch", y: "loss", stroke: "series", z: "series", strokeWidth: 2 }),
      Plot.dot(data, { x: "epoch", y: "loss", fill: "series", r: 3 }),
      Plot.dot([best], { x: "epoch", y: "valLoss", r: 8, stroke: "black", strokeWidth: 1.5 }),
    ],
  });
}
