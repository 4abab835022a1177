/** Policy 7 (the bound): every attempt's limit is its true run time — no kill, no waste — and FIFO order. Also `noLimit`, what a cluster without walltime limits does. */
import type { Policy } from "../types";

export function oracle(): Policy {
  return { name: "oracle (true run times)", limitS: (t) => (t.attempt > 1 ? (t.task.rerunS ?? t.task.trueS) : t.task.trueS) };
}

export function noLimit(): Policy {
  return { name: "no limit (FIFO)", limitS: () => Infinity };
}
