/**
 * Recalibration of a shipped model to a new machine from a few runs made there: the per-step scale
 * (geometric mean of measured / predicted time), its bootstrap CI, and a split-conformal interval
 * half-width on log time from leave-one-out residuals of the rescaled predictions. The model itself is
 * not refitted: the ranking of inputs learnt on the training machine is kept, the level is moved.
 */
import { sha256 } from "../util/hash";
import { rng } from "../util/stats";
import type { Calibration } from "./envelope";
import type { FeatureRecord } from "./features";
import { canonicalJSON, parseModel, type LoadedModel, type ModelFile } from "./serialize";
import { predictTiered } from "./tiered";

/** One calibration run: the model's (uncalibrated) prediction and the measured time on the new machine. */
export interface CalibrationPoint {
  readonly sample: string;
  readonly predicted: number;
  readonly actual: number;
}

/** Options of `calibrationFromPoints`. */
export interface CalibrateOptions {
  /** Interval miscoverage (default 0.1: 90% intervals). */
  readonly alpha?: number;
  /** Bootstrap resamples for the scale's CI (default 2000). */
  readonly reps?: number;
  readonly seed?: number;
  readonly cpuModels?: readonly string[];
  readonly source?: string;
}

/**
 * The calibration from paired (prediction, measurement) points. Needs at least one point; the conformal
 * half-width needs ceil((n + 1)(1 - alpha)) <= n leave-one-out residuals (n >= 9 for 90%), else null.
 * @example calibrationFromPoints([{ sample: "r1", predicted: 10, actual: 12 }], { source: "trace.tsv" })
 */
export function calibrationFromPoints(points: readonly CalibrationPoint[], opts: CalibrateOptions = {}): Calibration {
  const logs = points.filter((p) => p.predicted > 0 && p.actual > 0 && Number.isFinite(p.predicted) && Number.isFinite(p.actual)).map((p) => Math.log(p.actual / p.predicted));
  const n = logs.length;
  if (n === 0) throw new Error("calibrate: no run has both a prediction and a measured time > 0");
  const alpha = opts.alpha ?? 0.1;
  const sum = logs.reduce((a, b) => a + b, 0);
  const mean = sum / n;
  const rand = rng(opts.seed ?? 7);
  const reps = opts.reps ?? 2000;
  const boot: number[] = [];
  for (let r = 0; r < reps; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += logs[Math.floor(rand() * n)] as number;
    boot.push(s / n);
  }
  boot.sort((a, b) => a - b);
  const at = (q: number): number => boot[Math.min(reps - 1, Math.max(0, Math.floor(q * reps)))] as number;
  // leave-one-out residuals: each run scored by the scale of the others (not by a scale it helped set)
  const loo = n > 1 ? logs.map((l) => Math.abs(l - (sum - l) / (n - 1))).sort((a, b) => a - b) : [];
  const k = Math.ceil((n + 1) * (1 - alpha));
  return {
    runs: n,
    scale: Math.exp(mean),
    scaleLo: Math.exp(at(0.05)),
    scaleHi: Math.exp(at(0.95)),
    conformalHalfWidthLog: n > 1 && k <= n ? (loo[k - 1] as number) : null,
    coverage: 1 - alpha,
    cpuModels: [...(opts.cpuModels ?? [])],
    source: opts.source ?? "",
  };
}

/**
 * Calibration points of a model on new-machine runs: its uncalibrated prediction per sample (samples it
 * cannot predict are returned in `skipped` with the reason) and the measured time from `actual`.
 */
export function calibrationPoints(loaded: LoadedModel, records: readonly FeatureRecord[], ids: readonly string[], actual: ReadonlyMap<string, number>): { points: CalibrationPoint[]; skipped: Array<{ sample: string; reason: string }> } {
  const { calibration: _drop, ...raw } = loaded.file;
  const base: LoadedModel = { model: loaded.model, file: raw as ModelFile };
  const preds = predictTiered([{ loaded: base }], records, ids);
  const points: CalibrationPoint[] = [];
  const skipped: Array<{ sample: string; reason: string }> = [];
  for (const p of preds) {
    const a = actual.get(p.sample);
    if (p.error !== null || p.predicted === null) skipped.push({ sample: p.sample, reason: p.error ?? "no prediction" });
    else if (a === undefined || !(a > 0)) skipped.push({ sample: p.sample, reason: `no completed ${p.step} run with a measured time for this sample in the trace` });
    else points.push({ sample: p.sample, predicted: p.predicted, actual: a });
  }
  return { points, skipped };
}

/** The model file text with `calibration` set (new body checksum; every other field unchanged). */
export function calibratedModelJSON(file: ModelFile, calibration: Calibration): string {
  const { bodySha256: _old, ...rest } = file;
  const body = { ...rest, calibration };
  const text = canonicalJSON({ ...body, bodySha256: sha256(canonicalJSON(body)) }) + "\n";
  parseModel(text); // verify it loads
  return text;
}
