import type { FeatureDef } from "../../features/types";
import { forward } from "../../util/transforms";
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

/** Apply a feature's declared (registry) transform, through lib/util/transforms. */
export function transformValue(def: FeatureDef, v: number | undefined): number {
  return v === undefined ? NaN : forward(def.transform, v);
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
