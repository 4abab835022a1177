import type { TaskRun } from "../traces/schema";

/** A trace row's output size: the `output_bytes` column when the trace has it (the harness does), else undefined. */
export function outputBytesOf(task: TaskRun): number | undefined {
  const raw = task.raw["output_bytes"];
  const v = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(v) && v >= 0 ? v : undefined;
}

/**
 * A trace row's CPU seconds: user + sys when recorded, else Nextflow's `%cpu` x realtime (a trace
 * without user/sys columns, as nf-core's default); undefined when neither is there. The one definition of
 * an observed step's CPU time (`gwtime predict --trace` and `gwtime train` alike).
 */
export function observedCpuS(task: TaskRun): number | undefined {
  const ok = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v >= 0;
  if (ok(task.cpuS)) return task.cpuS;
  return ok(task.cpuPercent) && ok(task.wallS) ? (task.cpuPercent / 100) * task.wallS : undefined;
}

/**
 * What each completed step of one workflow run was observed to cost and produce, as in-flight columns
 * (`ancestor.<step>.cpu_s`, `ancestor.<step>.wall_s`, `ancestor.<step>.output_bytes`), from the run's own
 * trace rows. Every step of the run gets its columns; `columnAvailability` decides which of them a model
 * of a given step may use (only its completed ancestors', and only in flight). Failed steps give none.
 * @example observedStepColumns(run.steps)["ancestor.bwa_mem.cpu_s"]
 */
export function observedStepColumns(steps: ReadonlyMap<string, TaskRun>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [step, t] of steps) {
    if (t.status !== undefined && t.status !== "COMPLETED") continue;
    const cpu = observedCpuS(t);
    if (cpu !== undefined) out[`ancestor.${step}.cpu_s`] = cpu;
    if (t.wallS !== undefined && Number.isFinite(t.wallS) && t.wallS >= 0) out[`ancestor.${step}.wall_s`] = t.wallS;
    const ob = outputBytesOf(t);
    if (ob !== undefined) out[`ancestor.${step}.output_bytes`] = ob;
  }
  return out;
}
