/**
 * How many runs on a new machine does `gwtime calibrate` need? A shipped model (trained on machine A)
 * is recalibrated from n random runs of machine B and scored on B's other runs: MdAPE and the coverage
 * of the recalibrated 90% interval, over repeated draws, as n grows (n = 0: the model as shipped).
 */
import type { HarnessRun } from "../../data/harness";
import { DEFAULT_MEASURE, stepTime, type TimeMeasure } from "../../data/stepRows";
import { calibrationFromPoints, calibrationPoints, type CalibrationPoint } from "../../models/calibrate";
import { medianAPE } from "../../models/evaluate/metrics";
import type { LoadedModel } from "../../models/serialize";
import { median, rng } from "../../util/stats";
import { groupedBars } from "../../plots/builders";
import type { Figure } from "../../plots/figure";

/** One point of the curve. */
export interface CalibrationCurveRow {
  readonly step: string;
  readonly tier: string;
  /** Calibration runs drawn from B (0 = uncalibrated). */
  readonly n: number;
  /** B runs the model could predict (calibration + test pool). */
  readonly pool: number;
  /** Median over draws of the MdAPE on the B runs not drawn. */
  readonly mdapeMedian: number;
  /** 90th percentile over draws (an unlucky calibration set). */
  readonly mdapeP90: number;
  /** Median over draws of the recalibrated 90% interval's coverage on the runs not drawn (NaN: no interval at this n). */
  readonly coverageMedian: number;
}

/**
 * The curve for one model on B's runs (give runs whose inputs A never ran: `unseenInputs`).
 * @example calibrationCurve(loadModel("artifacts/models/harness-bwa_mem-fastqc.json"), unseenInputs(a, b), [0, 3, 5, 10])
 */
export function calibrationCurve(loaded: LoadedModel, runsB: readonly HarnessRun[], ns: readonly number[], opts: { measure?: TimeMeasure; draws?: number; seed?: number } = {}): CalibrationCurveRow[] {
  const step = loaded.file.step ?? "model";
  const measure = opts.measure ?? (loaded.file.target.name as TimeMeasure) ?? DEFAULT_MEASURE;
  const actual = new Map<string, number>();
  for (const r of runsB) {
    const t = stepTime(r, step, measure);
    if (t !== undefined) actual.set(r.runId, t);
  }
  const { points } = calibrationPoints(loaded, runsB.map((r) => r.metrics), runsB.map((r) => r.runId), actual);
  const rand = rng(opts.seed ?? 7);
  const draws = opts.draws ?? 200;
  return ns.filter((n) => n < points.length).map((n) => {
    const errs: number[] = [];
    const covs: number[] = [];
    for (let d = 0; d < (n === 0 ? 1 : draws); d++) {
      const pool = points.slice();
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(rand() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j] as CalibrationPoint, pool[i] as CalibrationPoint];
      }
      const cal = n > 0 ? calibrationFromPoints(pool.slice(0, n), { reps: 1 }) : undefined;
      const test = pool.slice(n);
      const s = cal?.scale ?? 1;
      errs.push(medianAPE(test.map((p) => p.actual), test.map((p) => p.predicted * s)));
      const h = cal?.conformalHalfWidthLog;
      if (h != null) covs.push(test.filter((p) => Math.abs(Math.log(p.actual / (p.predicted * s))) <= h).length / test.length);
    }
    errs.sort((a, b) => a - b);
    return { step, tier: loaded.file.tier ?? "-", n, pool: points.length, mdapeMedian: median(errs), mdapeP90: errs[Math.min(errs.length - 1, Math.floor(0.9 * errs.length))] as number, coverageMedian: covs.length ? median(covs) : NaN };
  });
}

/** Bars per step, one series per number of calibration runs: MdAPE on the new machine (one tier). */
export function calibrationCurveFigure(rows: readonly CalibrationCurveRow[], tier: string): Figure {
  const r = rows.filter((x) => x.tier === tier);
  const steps = [...new Set(r.map((x) => x.step))];
  const ns = [...new Set(r.map((x) => x.n))].sort((a, b) => a - b);
  return groupedBars(steps, ns.map((n) => ({ name: n === 0 ? "as shipped" : `calibrated on ${n} run${n > 1 ? "s" : ""}`, values: steps.map((s) => r.find((x) => x.step === s && x.n === n)?.mdapeMedian ?? null) })), { title: `gwtime calibrate (${tier} tier): MdAPE on the new machine's other runs vs calibration runs`, yTitle: "MdAPE (median over draws)" });
}
