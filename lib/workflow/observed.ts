import type { TaskRun } from "../traces/schema";

/** A trace row's output size: the `output_bytes` column when the trace has it (the harness does), else undefined. */
export function outputBytesOf(task: TaskRun): number | undefined {
  const raw = task.raw["output_bytes"];
  const v = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  return Number.isFinite(v) && v >= 0 ? v : undefined;
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
    if (t.cpuS !== undefined && Number.isFinite(t.cpuS) && t.cpuS >= 0) out[`ancestor.${step}.cpu_s`] = t.cpuS;
    if (t.wallS !== undefined && Number.isFinite(t.wallS) && t.wallS >= 0) out[`ancestor.${step}.wall_s`] = t.wallS;
    const ob = outputBytesOf(t);
    if (ob !== undefined) out[`ancestor.${step}.output_bytes`] = ob;
  }
  return out;
}
