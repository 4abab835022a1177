/**
 * One model table over several harness steps: per step the rows of `stepData` (unloaded runs, log
 * time) with the registry QC features the workflow DAG makes known when that step starts (`featuresForStep`,
 * in flight; a feature not known to a step is missing, NaN, on its rows; ancestors' observed times are
 * left out), stacked, with the step as one-hot columns. Groups are
 * config ids, so a config's rows of every step share one CV fold.
 */
import type { HarnessRun } from "../../data/harness";
import { FEATURES } from "../../features/registry";
import { featureMatrix, type FeatureSpec } from "../../models/features";
import { featuresForStep, specOf, stepData } from "./stepModels";
import { DEFAULT_MEASURE, type TimeMeasure } from "../../data/stepRows";

/** The stacked table: X rows, log time, config-id groups, and each row's step and run id. */
export interface StackedStepTable {
  /** QC feature columns (registry names) then one `step=<name>` column per step. */
  readonly featureNames: string[];
  readonly specs: FeatureSpec[];
  readonly X: Float64Array[];
  readonly yLog: Float64Array;
  readonly groups: string[];
  readonly steps: string[];
  readonly ids: string[];
}

/**
 * @param measure default `DEFAULT_MEASURE` (CPU time: wall time carries other jobs' load)
 * @example const t = stackedStepTable(loadHarness().runs, ["bwa_mem", "markduplicates", "freebayes"]);
 */
export function stackedStepTable(runs: readonly HarnessRun[], steps: readonly string[], measure: TimeMeasure = DEFAULT_MEASURE): StackedStepTable {
  const allowed = new Map(steps.map((s) => [s, new Set(featuresForStep(s).map((f) => f.name))]));
  const union = new Set(steps.flatMap((s) => [...(allowed.get(s) as Set<string>)]));
  // registry order, size features first (as featuresForStep orders them)
  const defs = FEATURES.filter((f) => union.has(f.name)).sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "size" ? -1 : 1));
  const specs = defs.map(specOf);
  const X: Float64Array[] = [];
  const y: number[] = [];
  const groups: string[] = [];
  const rowSteps: string[] = [];
  const ids: string[] = [];
  steps.forEach((step, si) => {
    const d = stepData(runs, step, measure);
    if (d.records.length === 0) return;
    const ok = allowed.get(step) as Set<string>;
    const Xs = featureMatrix(d.records, specs);
    Xs.forEach((r, i) => {
      const row = new Float64Array(defs.length + steps.length);
      defs.forEach((f, j) => (row[j] = ok.has(f.name) ? (r[j] as number) : NaN));
      row[defs.length + si] = 1;
      X.push(row);
      y.push(d.yLog[i] as number);
      groups.push(d.groups[i] as string);
      rowSteps.push(step);
      ids.push(d.ids[i] as string);
    });
  });
  const names = [...defs.map((f) => f.name), ...steps.map((s) => `step=${s}`)];
  const stepSpecs: FeatureSpec[] = steps.map((s) => ({ name: `step=${s}`, unit: "1", transform: "identity" }));
  return { featureNames: names, specs: [...specs, ...stepSpecs], X, yLog: Float64Array.from(y), groups, steps: rowSteps, ids };
}
