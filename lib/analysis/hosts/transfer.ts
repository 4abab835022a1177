/**
 * A runtime model trained on one machine, asked about inputs it never saw, timed on another machine.
 * Operators replace hardware; the question is whether the model must be retrained or only rescaled.
 * The per-step scale is the median B/A time ratio of runs made on both machines with identical input
 * (`hostStepRatios`), estimated from all pairs or from a few (how many reruns does recalibration need?).
 */
import type { HarnessRun } from "../../data/harness";
import { clone, type Regressor } from "../../models/estimator";
import { medianAPE, r2 } from "../../models/evaluate/metrics";
import { featureMatrix } from "../../models/features";
import { median, rng } from "../../util/stats";
import { featuresForStep, specOf, stepData } from "../prediction/stepModels";
import { pairRatios, type RunPairing } from "./replication";
import { DEFAULT_MEASURE, type TimeMeasure } from "../../data/stepRows";

export interface HostTransferRow<S extends string = string> {
  readonly step: S;
  /** Unloaded training runs on A / unseen test runs on B. */
  readonly nTrain: number;
  readonly nTest: number;
  /** Pairs available to estimate the B/A scale, and the scale from all of them. */
  readonly nPairs: number;
  readonly scale: number;
  /** Median |pred - actual| / actual on B: the A model as is, and multiplied by the scale. */
  readonly mdapeRaw: number;
  readonly mdapeScaled: number;
  /** R² of log time on B, raw and scaled (a constant offset costs raw R², not the ranking). */
  readonly r2LogRaw: number;
  readonly r2LogScaled: number;
  /** Median of actual / predicted on B before scaling (1 = unbiased). */
  readonly medianActualOverPredRaw: number;
  /** Scaled MdAPE when the scale comes from only `n` random pairs: median over `draws` draws. */
  readonly fewPairs: ReadonlyArray<{ readonly n: number; readonly mdapeMedian: number; readonly mdapeP90: number }>;
}

export interface HostTransferOptions {
  readonly measure?: TimeMeasure;
  /** Sizes of the small calibration sets tried (capped at the pairs available). */
  readonly fewPairs?: readonly number[];
  readonly draws?: number;
  readonly seed?: number;
}

/** Median B/A time ratio of a step over a subset of pairs, NaN when none has the step. */
function pairScale(p: RunPairing, idx: readonly number[], step: string, measure: TimeMeasure): number {
  const r = pairRatios(p, step, measure, idx);
  return r.length ? median(r) : NaN;
}

/** B's runs whose input configuration A never ran (and not under load): the unseen inputs of a transfer test. */
export function unseenInputs(trainA: readonly HarnessRun[], runsB: readonly HarnessRun[]): HarnessRun[] {
  const configsA = new Set(trainA.map((r) => r.configId));
  return runsB.filter((r) => !configsA.has(r.configId) && r.loadLabel === "none");
}

/**
 * Fit `model` on every unloaded run of A (in-flight features from the workflow DAG, log time), predict B's
 * runs in `test` (input configurations A never ran: checked), and score raw and host-scaled predictions.
 */
export function hostTransfer<S extends string>(trainA: readonly HarnessRun[], test: readonly HarnessRun[], pairing: RunPairing, steps: readonly S[], model: Regressor, opts: HostTransferOptions = {}): HostTransferRow<S>[] {
  const measure = opts.measure ?? DEFAULT_MEASURE;
  const sizes = opts.fewPairs ?? [1, 3, 5, 10];
  const draws = opts.draws ?? 200;
  // A test input A also ran (same config id = same input) would score memory, not prediction.
  const trainConfigs = new Set(trainA.map((r) => r.configId));
  const leak = test.filter((r) => trainConfigs.has(r.configId)).map((r) => `${r.runId} (${r.configId})`);
  if (leak.length) throw new Error(`hostTransfer: ${leak.length} test runs have an input configuration that is also in the training set: ${leak.slice(0, 5).join(", ")}`);
  const all = pairing.pairs.map((_, i) => i);
  return steps.flatMap((step) => {
    const specs = featuresForStep(step).map(specOf);
    const tr = stepData(trainA, step, measure);
    const te = stepData(test, step, measure);
    if (tr.records.length < 2 || te.records.length < 2) return [];
    const m = clone(model).fit(featureMatrix(tr.records, specs), tr.yLog);
    const predLog = m.predict(featureMatrix(te.records, specs));
    const actual = Array.from(te.yLog, Math.exp);
    const raw = Array.from(predLog, Math.exp);
    const scaleAt = (s: number): number[] => raw.map((v) => v * s);
    const scale = pairScale(pairing, all, step, measure);
    const rand = rng(opts.seed ?? 7);
    const fewPairs = sizes
      .filter((n) => n <= all.length)
      .map((n) => {
        const errs: number[] = [];
        for (let d = 0; d < draws; d++) {
          // Partial Fisher-Yates: n distinct pairs.
          const pool = all.slice();
          for (let i = 0; i < n; i++) {
            const j = i + Math.floor(rand() * (pool.length - i));
            [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
          }
          const s = pairScale(pairing, pool.slice(0, n), step, measure);
          if (Number.isFinite(s)) errs.push(medianAPE(actual, scaleAt(s)));
        }
        errs.sort((x, y) => x - y);
        return { n, mdapeMedian: median(errs), mdapeP90: errs[Math.min(errs.length - 1, Math.floor(0.9 * errs.length))] ?? NaN };
      });
    const logScaled = Float64Array.from(predLog, (v) => v + Math.log(scale));
    return [{
      step,
      nTrain: tr.records.length,
      nTest: te.records.length,
      nPairs: all.length,
      scale,
      mdapeRaw: medianAPE(actual, raw),
      mdapeScaled: medianAPE(actual, scaleAt(scale)),
      r2LogRaw: r2(te.yLog, predLog),
      r2LogScaled: r2(te.yLog, logScaled),
      medianActualOverPredRaw: median(actual.map((a, i) => a / (raw[i] as number))),
      fewPairs,
    }];
  });
}
