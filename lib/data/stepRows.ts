/**
 * One step table: the completed runs of one harness step, with the time measure every analysis and
 * model of a step works over. `DEFAULT_MEASURE` is the one default for all of them.
 */
import type { TaskRun } from "../traces/schema";
import type { HarnessRun } from "./harness";

/** Which measurement of a step to analyse: wall time, or CPU time (user+sys; robust to a busy machine). */
export type TimeMeasure = "wallS" | "cpuS";

/**
 * CPU time (user + sys seconds): the primary measure. Wall time on a shared machine carries other
 * jobs' load that no input feature can explain; analyses that study wall time pass `"wallS"`.
 */
export const DEFAULT_MEASURE: TimeMeasure = "cpuS";

/** Time of a completed step (> 0), or undefined when the step is missing, failed or lacks the measure. */
export function completedTime(task: TaskRun | undefined, measure: TimeMeasure = DEFAULT_MEASURE): number | undefined {
  if (!task || (task.status !== undefined && task.status !== "COMPLETED")) return undefined;
  const v = task[measure];
  return v !== undefined && v > 0 ? v : undefined;
}

/**
 * The CPU cap a step was killed at, seconds, when its trace row is right-censored (the harness's
 * `limit_hit` column, `cpu>=N`, written by `measure.py --cpu-limit-s`); undefined otherwise.
 */
export function censoredAt(task: TaskRun | undefined): number | undefined {
  const m = /^cpu>=(\d+(?:\.\d+)?)$/.exec(task?.raw["limit_hit"] ?? "");
  return m ? Number(m[1]) : undefined;
}

/** A step's time, or a lower bound of it when the step was killed at a cap (`censored`). */
export interface BoundedTime {
  readonly value: number;
  readonly censored: boolean;
}

/**
 * Time of one step in one run, keeping right-censored steps as lower bounds: a completed step gives its
 * time; a step killed at a CPU cap gives its recorded time (≥ the cap in CPU seconds; its wall time is
 * also a lower bound) flagged `censored`; anything else (missing, failed for another reason) undefined.
 */
export function boundedStepTime(r: HarnessRun, step: string, measure: TimeMeasure = DEFAULT_MEASURE): BoundedTime | undefined {
  const task = r.steps.get(step);
  const done = completedTime(task, measure);
  if (done !== undefined) return { value: done, censored: false };
  if (censoredAt(task) === undefined) return undefined;
  const v = task![measure];
  return v !== undefined && v > 0 ? { value: v, censored: true } : undefined;
}

/** Time of one step in one run (see `completedTime`). */
export function stepTime(r: HarnessRun, step: string, measure: TimeMeasure = DEFAULT_MEASURE): number | undefined {
  return completedTime(r.steps.get(step), measure);
}

/** One completed run of one step. */
export interface StepRow {
  readonly run: HarnessRun;
  readonly task: TaskRun;
  /** The chosen measure, seconds (> 0). */
  readonly time: number;
}

/** Options of `stepRows`. */
export interface StepRowOptions {
  /** Default `DEFAULT_MEASURE` ("cpuS"). */
  readonly measure?: TimeMeasure;
  /** Keep runs made under a co-located load (default true; models and screening pass false). */
  readonly includeLoaded?: boolean;
}

/**
 * The completed runs of `step`, in run order: failed steps and steps without the measure are left out.
 * @example stepRows(loadHarness().runs, "bwa_mem", { includeLoaded: false }).map((r) => r.time)
 */
export function stepRows(runs: readonly HarnessRun[], step: string, opts: StepRowOptions = {}): StepRow[] {
  const measure = opts.measure ?? DEFAULT_MEASURE;
  const out: StepRow[] = [];
  for (const run of runs) {
    if (opts.includeLoaded === false && run.loadLabel !== "none") continue;
    const task = run.steps.get(step);
    const time = completedTime(task, measure);
    if (task && time !== undefined) out.push({ run, task, time });
  }
  return out;
}
