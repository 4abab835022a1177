import { GwtInputError } from "../../util/errors";
import { gibToBytes, kibToBytes, mibToBytes, parseBytes, parseDurationS, parseHmsS, parseNumber, parsePercent, parseTimestamp } from "../../util/units";
import { FieldReader, makeRun, recordsToRows } from "../build";
import { parseDelimited, sniffDelimiter } from "../csv";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { type ColumnMapping, type ColumnSpec, type DetectPattern, type ReadOptions, type TraceReader, rawOf } from "./types";

/**
 * Generic CSV/TSV with a declared column mapping: the escape hatch for any platform's own export.
 * Never auto-detected; use `--format generic --mapping map.json` or `readTrace(path, { format:
 * "generic", mapping })`. Mapping keys are TaskRun fields; values a column name or `{column, unit}`.
 * @example parse(text, "jobs.csv", { mapping: { task: "job", wallS: { column: "elapsed_ms", unit: "ms" }, peakRssBytes: { column: "maxrss", unit: "KiB" } } })
 */
const pattern: DetectPattern = { format: "generic", contents: [/(?!)/] };

function detect(): boolean {
  return false;
}

const NUMERIC_FIELDS = ["exitCode", "attempt", "wallS", "cpuS", "cpuPercent", "cpusRequested", "memoryRequestedBytes", "peakRssBytes", "readBytes", "writeBytes", "inputBytes"] as const;
const STRING_FIELDS = ["workflow", "workflowRunId", "toolVersion", "sample", "status", "machine"] as const;
const DATE_FIELDS = ["submitTime", "startTime", "completeTime"] as const;

/** The converter for one field's declared unit (durations → s, sizes → bytes, times → Date). */
export function converterFor(field: string, unit: string | undefined): (s: string) => number | undefined {
  const u = unit ?? "";
  if (field === "cpuPercent") return parsePercent;
  if (field.endsWith("S")) {
    if (u === "ms") return (s) => parseDurationS(s, "ms");
    if (u === "min") return (s) => { const v = parseNumber(s); return v === undefined ? undefined : v * 60; };
    if (u === "h") return (s) => { const v = parseNumber(s); return v === undefined ? undefined : v * 3600; };
    if (u === "nextflow") return (s) => parseDurationS(s, "ms");
    if (u === "hms") return (s) => parseHmsS(s);
    return (s) => parseDurationS(s, "s");
  }
  if (field.endsWith("Bytes")) {
    const scale = (fn: (n: number) => number) => (s: string) => { const v = parseNumber(s); return v === undefined ? undefined : fn(v); };
    if (u === "KiB" || u === "KB" || u === "kB") return scale(kibToBytes);
    if (u === "MiB" || u === "MB") return scale(mibToBytes);
    if (u === "GiB" || u === "GB") return scale(gibToBytes);
    if (u === "nextflow") return parseBytes;
    return parseNumber;
  }
  return parseNumber;
}

function spec(m: string | ColumnSpec | undefined): ColumnSpec | undefined {
  return m === undefined ? undefined : typeof m === "string" ? { column: m } : m;
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const mapping: ColumnMapping | undefined = options.mapping;
  if (!mapping || !mapping["task"]) throw new GwtInputError("the generic reader needs a column mapping with at least 'task'", { file });
  const issues: TraceIssue[] = [];
  const { header, rows, rejected } = recordsToRows(file, parseDelimited(text, options.delimiter ?? sniffDelimiter(text)), issues);
  for (const [field, m] of Object.entries(mapping)) {
    const s = spec(m);
    if (s && !header.includes(s.column)) issues.push({ file, line: 1, message: `mapped column '${s.column}' (for ${field}) is not in the header` });
  }
  const f = new FieldReader(file, issues);
  const runs: TaskRun[] = [];
  let bad = rejected;
  const taskCol = spec(mapping["task"])?.column as string;
  for (const { line, row } of rows) {
    f.line = line;
    const task = f.str(row[taskCol]);
    if (!task) {
      issues.push({ file, line, message: `no task in column '${taskCol}'; row skipped` });
      bad++;
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (const k of NUMERIC_FIELDS) {
      const s = spec(mapping[k]);
      if (s) fields[k] = f.num(s.column, row[s.column], converterFor(k, s.unit), k !== "exitCode");
    }
    for (const k of STRING_FIELDS) {
      const s = spec(mapping[k]);
      if (s) fields[k] = f.str(row[s.column]);
    }
    for (const k of DATE_FIELDS) {
      const s = spec(mapping[k]);
      if (s) fields[k] = f.date(s.column, row[s.column], (v) => parseTimestamp(v, s.unit === "epoch_s" ? "s" : "ms"));
    }
    if (options.workflow && fields["workflow"] === undefined) fields["workflow"] = options.workflow;
    runs.push(makeRun("generic", task, fields, rawOf(row, options.keepRaw ?? true)));
  }
  return { file, format: "generic", runs, issues, rowsSeen: runs.length + bad };
}

export const reader: TraceReader = { format: "generic", description: "CSV/TSV with a declared column mapping", pattern, detect, parse };
