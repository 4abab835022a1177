/** Policy 6: LATE-style speculation — a task still running past its predicted upper bound gets one copy on another node; first to finish wins. */
import type { Policy } from "../types";
import type { UpperQuantile } from "./predictedQuantile";

/** Speculate past the predicted `q` bound (tasks without a prediction never get a copy). Limits from `base`. */
export function lateSpeculation(base: Policy, q: UpperQuantile): Policy {
  return { ...base, name: `speculate past predicted ${q} (${base.name})`, speculateAfterS: (t) => t.task.pred?.upperS[q] };
}
