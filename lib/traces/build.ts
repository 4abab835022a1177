import type { TaskRun, TraceIssue } from "./schema";

/** Every TaskRun field except the required ones, all optional: what readers fill in. */
export type TaskRunFields = Partial<Omit<TaskRun, "source" | "task" | "raw">>;

/** The full set of TaskRun keys, in schema order (column order for tables and files). */
export const TASK_RUN_COLUMNS = [
  "source", "workflow", "workflowRunId", "task", "toolVersion", "sample", "status", "exitCode", "attempt",
  "submitTime", "startTime", "completeTime", "wallS", "cpuS", "cpuPercent", "cpusRequested",
  "memoryRequestedBytes", "peakRssBytes", "readBytes", "writeBytes", "inputBytes", "inputBytesByName", "machine", "raw",
] as const satisfies readonly (keyof TaskRun)[];

/** Build a TaskRun with every unset field explicitly `undefined` (missing stays missing). */
export function makeRun(source: string, task: string, fields: TaskRunFields, raw: Readonly<Record<string, string>>): TaskRun {
  return {
    source,
    workflow: fields.workflow,
    workflowRunId: fields.workflowRunId,
    task,
    toolVersion: fields.toolVersion,
    sample: fields.sample,
    status: fields.status,
    exitCode: fields.exitCode,
    attempt: fields.attempt,
    submitTime: fields.submitTime,
    startTime: fields.startTime,
    completeTime: fields.completeTime,
    wallS: fields.wallS,
    cpuS: fields.cpuS,
    cpuPercent: fields.cpuPercent,
    cpusRequested: fields.cpusRequested,
    memoryRequestedBytes: fields.memoryRequestedBytes,
    peakRssBytes: fields.peakRssBytes,
    readBytes: fields.readBytes,
    writeBytes: fields.writeBytes,
    inputBytes: fields.inputBytes,
    inputBytesByName: fields.inputBytesByName,
    machine: fields.machine,
    raw,
  };
}

/** Cell texts (after trimming) that mean "not recorded" (the SQL macros' `gwt_miss_t` list is the same). */
export const MISSING_MARKERS: readonly string[] = ["", "-", "NA", "NaN", "nan", "null", "None"];

/** Is this source text a "not recorded" marker? */
export function isMissing(v: string | undefined | null): boolean {
  if (v === undefined || v === null) return true;
  return MISSING_MARKERS.includes(v.trim());
}

/**
 * Field converter bound to one file and line: converts with `fn`, and when a present value does not
 * convert (or is negative where `nonNegative`), records an issue and returns undefined.
 */
export class FieldReader {
  constructor(
    private readonly file: string,
    private readonly issues: TraceIssue[],
  ) {}
  line: number | undefined = undefined;

  /** Convert `value` of `field` with `fn`; unparseable or negative values become undefined + an issue. */
  num(field: string, value: string | undefined, fn: (s: string) => number | undefined, nonNegative = true): number | undefined {
    if (isMissing(value)) return undefined;
    const v = fn(value as string);
    if (v === undefined || !Number.isFinite(v)) {
      this.issues.push({ file: this.file, line: this.line, message: `field '${field}': cannot read '${value}'; left missing` });
      return undefined;
    }
    if (nonNegative && v < 0) {
      this.issues.push({ file: this.file, line: this.line, message: `field '${field}': negative value '${value}'; left missing` });
      return undefined;
    }
    return v;
  }

  /** Trimmed string, or undefined when missing. */
  str(value: string | undefined): string | undefined {
    return isMissing(value) ? undefined : (value as string).trim();
  }

  /** Date from epoch ms / epoch s / ISO text, via `fn`; bad values become undefined + an issue. */
  date(field: string, value: string | undefined, fn: (s: string) => Date | undefined): Date | undefined {
    if (isMissing(value)) return undefined;
    const d = fn(value as string);
    if (!d || Number.isNaN(d.getTime())) {
      this.issues.push({ file: this.file, line: this.line, message: `field '${field}': cannot read date '${value}'; left missing` });
      return undefined;
    }
    return d;
  }
}

/** Rows as objects keyed by header, with line numbers; short/long rows are reported and skipped. */
export function recordsToRows(
  file: string,
  records: readonly { line: number; fields: string[] }[],
  issues: TraceIssue[],
): { header: string[]; rows: { line: number; row: Record<string, string> }[]; rejected: number } {
  const [head, ...body] = records;
  if (!head) return { header: [], rows: [], rejected: 0 };
  const header = head.fields.map((h) => h.trim());
  const rows: { line: number; row: Record<string, string> }[] = [];
  let rejected = 0;
  for (const r of body) {
    if (r.fields.length !== header.length) {
      issues.push({ file, line: r.line, message: `expected ${header.length} fields, found ${r.fields.length}; row skipped` });
      rejected++;
      continue;
    }
    const row: Record<string, string> = {};
    for (let k = 0; k < header.length; k++) row[header[k] as string] = r.fields[k] as string;
    rows.push({ line: r.line, row });
  }
  return { header, rows, rejected };
}
