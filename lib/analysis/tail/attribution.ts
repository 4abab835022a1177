import type { HarnessRun } from "../../data/harness";
import { completedTime, stepRows } from "../../data/stepRows";
import { comparableMedians, median } from "../../util/stats";
import { quantileBins } from "./tailTable";

/** One slow run and what made it slow. */
export interface TailAttribution {
  readonly runId: string;
  readonly step: string;
  readonly wallS: number;
  readonly cpuS: number;
  /** wall / median wall of runs with comparable read count. */
  readonly slowdown: number;
  /** (wall / CPU) of this run over the step's median (wall / CPU): > 1 means it waited, not worked. */
  readonly waitRatio: number;
  readonly cause: "machine" | "input";
  readonly loadLabel: string;
  readonly load1: number;
}

/**
 * Tail runs of a step (wall time > k x the median of runs with comparable read count, by quartile),
 * each attributed to the machine when it spent much more wall time per CPU second than the step
 * usually does (contention: it waited) and to the input otherwise (it did more work).
 */
export function attributeTail(runs: readonly HarnessRun[], step: string, k = 1.5, waitThreshold = 1.5): TailAttribution[] {
  // Wall time is the measure here (the question is whether the wait came from the machine); CPU time must exist too.
  const rows = stepRows(runs, step, { measure: "wallS" }).filter((x) => completedTime(x.task, "cpuS") !== undefined && x.run.metrics["fastqc.total_sequences"] !== undefined);
  if (rows.length < 4) return [];
  const bins = quantileBins(rows.map((x) => x.run.metrics["fastqc.total_sequences"] as number), 4);
  const med = comparableMedians(rows.map((x) => x.time), bins);
  const typicalWait = median(rows.map((x) => x.time / (x.task.cpuS as number)));
  const out: TailAttribution[] = [];
  rows.forEach((x, i) => {
    const wall = x.time;
    const cpu = x.task.cpuS as number;
    const slowdown = wall / (med.get(bins[i] as number) as number);
    if (slowdown <= k) return;
    const waitRatio = wall / cpu / typicalWait;
    out.push({ runId: x.run.runId, step, wallS: wall, cpuS: cpu, slowdown, waitRatio, cause: waitRatio > waitThreshold ? "machine" : "input", loadLabel: x.run.loadLabel, load1: Number(x.task.raw["load1_start"] ?? NaN) });
  });
  return out.sort((a, b) => b.slowdown - a.slowdown);
}
