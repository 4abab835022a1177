/** Policy 3: limit = gwtime's predicted upper quantile of the task's run time (out-of-fold, conformal); doubling on retry. */
import type { Policy, Prediction, TaskView } from "../types";
import { escalate, limitOf } from "./staticLimit";

export type UpperQuantile = keyof Prediction["upperS"];

/** The task's predicted upper bound, or the static limit of its step when it has no prediction. */
export function predictedUpper(t: TaskView, q: UpperQuantile, fallback: ReadonlyMap<string, number>): number {
  return t.task.pred ? t.task.pred.upperS[q] : limitOf(fallback, t);
}

export function predictedQuantile(q: UpperQuantile, fallback: ReadonlyMap<string, number>): Policy {
  return { name: `predicted ${q} + doubling`, limitS: (t) => escalate(t, predictedUpper(t, q, fallback)) };
}
