import { quantileSorted } from "../util/stats";
import type { TaskRun } from "./schema";

/** Run-time distribution of one task (runs without wallS are counted in `nMissing`, not in the stats). */
export interface TaskRuntimeSummary {
  readonly source: string;
  readonly workflow: string | undefined;
  readonly task: string;
  /** Runs with a wall time. */
  readonly n: number;
  readonly nMissing: number;
  readonly medianS: number;
  readonly p90S: number;
  readonly p99S: number;
  readonly maxS: number;
}

/**
 * n, median, p90, p99 and max of `wallS` per (source, workflow, task), sorted by source, workflow,
 * then task. Quantiles interpolate linearly (numpy default). Does not mutate `runs`.
 * @example runtimeSummaryByTask(readTrace("trace.tsv").runs)
 */
export function runtimeSummaryByTask(runs: readonly TaskRun[]): TaskRuntimeSummary[] {
  const groups = new Map<string, { source: string; workflow: string | undefined; task: string; walls: number[]; missing: number }>();
  for (const r of runs) {
    const key = `${r.source}\u0000${r.workflow ?? ""}\u0000${r.task}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { source: r.source, workflow: r.workflow, task: r.task, walls: [], missing: 0 }));
    if (r.wallS === undefined) g.missing++;
    else g.walls.push(r.wallS);
  }
  const out: TaskRuntimeSummary[] = [];
  for (const g of groups.values()) {
    const s = Float64Array.from(g.walls).sort();
    out.push({
      source: g.source, workflow: g.workflow, task: g.task, n: s.length, nMissing: g.missing,
      medianS: quantileSorted(s, 0.5), p90S: quantileSorted(s, 0.9), p99S: quantileSorted(s, 0.99), maxS: s.length ? (s[s.length - 1] as number) : NaN,
    });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.source, b.source) || cmp(a.workflow ?? "", b.workflow ?? "") || cmp(a.task, b.task));
}
