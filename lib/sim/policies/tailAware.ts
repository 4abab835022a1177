/** Policy 5: tail-aware — tasks with a high predicted tail probability start first, or run on a reserved partition. Limits from `base`. */
import type { Policy } from "../types";

const isTail = (p: number | undefined, threshold: number): boolean => p !== undefined && p >= threshold;

/** Predicted-tail tasks (P(tail) >= threshold) jump the queue; the rest stay FIFO. */
export function tailFirst(base: Policy, threshold: number): Policy {
  return { ...base, name: `tail first, P>=${threshold} (${base.name})`, priority: (t) => (isTail(t.task.pred?.tailProb, threshold) ? -1 : 0) };
}

/** Predicted-tail tasks go to partition `reserved`, the rest to `general`, so long runs do not block short ones. */
export function tailPartition(base: Policy, threshold: number, reserved: string, general: string): Policy {
  return { ...base, name: `tail to reserved partition, P>=${threshold} (${base.name})`, partition: (t) => (isTail(t.task.pred?.tailProb, threshold) ? reserved : general) };
}
