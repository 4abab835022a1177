import type { TaskRun } from "./schema";

/**
 * A trace's task runs grouped by sample (the task's `sample`, e.g. a Nextflow tag or a harness run id),
 * then by task name; a later row of the same task replaces an earlier one. Rows without a sample are left out.
 * @example stepsBySample(readTrace("trace.tsv").runs).get("r0001")?.get("bwa_mem")?.cpuS
 */
export function stepsBySample(runs: readonly TaskRun[]): Map<string, Map<string, TaskRun>> {
  const by = new Map<string, Map<string, TaskRun>>();
  for (const t of runs) {
    if (!t.sample) continue;
    const m = by.get(t.sample) ?? new Map<string, TaskRun>();
    m.set(t.task, t);
    by.set(t.sample, m);
  }
  return by;
}
