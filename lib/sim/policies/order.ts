/** Policy 4: order the queue by predicted run time — shortest first (turnaround) or longest first (batch makespan). Limits from `base`. */
import type { Policy } from "../types";

export function shortestPredictedFirst(base: Policy): Policy {
  return { ...base, name: `shortest predicted first (${base.name})`, priority: (t) => t.task.pred?.pointS ?? t.task.trueS };
}

export function longestPredictedFirst(base: Policy): Policy {
  return { ...base, name: `longest predicted first (${base.name})`, priority: (t) => -(t.task.pred?.pointS ?? t.task.trueS) };
}
