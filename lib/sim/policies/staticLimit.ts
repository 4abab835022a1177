/** Policy 1: a static per-process time limit (the step's p90 from history), doubled on every retry (nf-core's `time * task.attempt` after a walltime kill). */
import { quantile } from "../../util/stats";
import type { Policy, SimTask, TaskView } from "../types";

/** Per-step limits from past run times: the `q` quantile of each step's run times (s). */
export function stepLimitsFromHistory(tasks: Iterable<Pick<SimTask, "step" | "trueS">>, q = 0.9): Map<string, number> {
  const by = new Map<string, number[]>();
  for (const t of tasks) {
    const a = by.get(t.step);
    if (a) a.push(t.trueS);
    else by.set(t.step, [t.trueS]);
  }
  return new Map([...by].map(([s, xs]) => [s, quantile(xs, q)]));
}

/** The limit a step gets from a table, with a clear error when the table lacks it. */
export function limitOf(limits: ReadonlyMap<string, number>, t: TaskView): number {
  const l = limits.get(t.task.step);
  if (l === undefined) throw new RangeError(`no history limit for step '${t.task.step}'`);
  return l;
}

/** Attempt k gets limit x 2^(k-1): the escalation every limit policy here uses after a walltime kill. */
export function escalate(t: TaskView, first: number): number {
  return t.previousLimitS === undefined ? first : 2 * t.previousLimitS;
}

/** Static per-step limit + retry with the limit doubled. */
export function staticLimit(limits: ReadonlyMap<string, number>, name = "static p90 + doubling"): Policy {
  return { name, limitS: (t) => escalate(t, limitOf(limits, t)) };
}
