import type { FeatureDef } from "../../features/types";
import type { HarnessRun } from "../../data/harness";
import { DEFAULT_MEASURE, stepRows, type TimeMeasure } from "../../data/stepRows";

export { DEFAULT_MEASURE, type TimeMeasure } from "../../data/stepRows";

/** One step's observations as columns, ready for statistics and models. */
export interface StepTable {
  readonly step: string;
  readonly runIds: string[];
  /** Rows with identical input share a group (never split them in CV or bootstrap). */
  readonly groups: string[];
  readonly time: number[];
  /** Feature name → transformed values (NaN where missing). */
  readonly features: Record<string, number[]>;
  /** Load average when the step started (machine contention). */
  readonly load1: number[];
  readonly loadLabel: string[];
}

/** Apply a feature's declared transform. */
export function transformValue(def: FeatureDef, v: number | undefined): number {
  if (v === undefined || !Number.isFinite(v)) return NaN;
  switch (def.transform) {
    case "identity":
      return v;
    case "log10":
      return v > 0 ? Math.log10(v) : NaN;
    case "log1p":
      return Math.log1p(v);
    case "logit": {
      const p = Math.min(1 - 1e-6, Math.max(1e-6, v));
      return Math.log(p / (1 - p));
    }
  }
}

/**
 * The completed runs of one step as a column table: time (wall or CPU seconds), transformed
 * features, group (config id), load. Failed steps and steps without the time measure are left out.
 */
export function stepTable(runs: readonly HarnessRun[], step: string, defs: readonly FeatureDef[], measure: TimeMeasure = DEFAULT_MEASURE): StepTable {
  const t: StepTable = { step, runIds: [], groups: [], time: [], features: Object.fromEntries(defs.map((d) => [d.name, [] as number[]])), load1: [], loadLabel: [] };
  for (const { run: r, task: s, time } of stepRows(runs, step, { measure })) {
    t.runIds.push(r.runId);
    t.groups.push(r.configId);
    t.time.push(time);
    for (const d of defs) (t.features[d.name] as number[]).push(transformValue(d, r.metrics[d.column]));
    t.load1.push(Number(s.raw["load1_start"] ?? NaN));
    t.loadLabel.push(r.loadLabel);
  }
  return t;
}
