/** Policy 2: limit = the longest successful run of the process seen so far (Seqera Platform's optimisation); doubling on retry. */
import type { Policy } from "../types";
import { escalate, limitOf } from "./staticLimit";

/** Learns online; until a step has completed once it uses `fallback` (the static limit). */
export function maxPrevious(fallback: ReadonlyMap<string, number>): Policy {
  const seen = new Map<string, number>();
  return {
    name: "max of previous runs",
    limitS: (t) => escalate(t, seen.get(t.task.step) ?? limitOf(fallback, t)),
    observe: (task, runS) => seen.set(task.step, Math.max(seen.get(task.step) ?? 0, runS)),
    reset: () => seen.clear(),
  };
}
