import { parseDurationS, parseNumber, parsePercent } from "../../util/units";
import { FieldReader, makeRun, recordsToRows } from "../build";
import { parseDelimited } from "../csv";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { type DetectPattern, type ReadOptions, type TraceReader, matchesPattern, rawOf } from "./types";

/**
 * Lotaru execution reports (`execution_reports/<machine>/results_<wf>/execution_report_<machine>.csv`):
 * Label (train-1/train-2/test), Machine, Workflow, NumberSequences, Task, WorkflowInputSize,
 * Realtime (ms), %cpu, rss, rchar, wchar, cpus, read_bytes, write_bytes, vmem, memory, peak_rss (bytes),
 * TaskInputSize, TaskInputSizeUncompressed, WorkflowInputUncompressed (bytes). Label and the sizes stay in `raw`.
 */
const pattern: DetectPattern = {
  format: "lotaru",
  contents: [/^[^\n]*(^|,)Realtime([,\r\n]|$)/, /^[^\n]*(^|,)TaskInputSize([,\r\n]|$)/, /^[^\n]*(^|,)Machine([,\r\n]|$)/],
};

function detect(head: string, fileName: string): boolean {
  return matchesPattern(pattern, head, fileName);
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const issues: TraceIssue[] = [];
  const { rows, rejected } = recordsToRows(file, parseDelimited(text, ","), issues);
  const f = new FieldReader(file, issues);
  const runs: TaskRun[] = [];
  let bad = rejected;
  for (const { line, row } of rows) {
    f.line = line;
    const task = f.str(row["Task"]);
    if (!task) {
      issues.push({ file, line, message: "no Task; row skipped" });
      bad++;
      continue;
    }
    const wf = f.str(row["Workflow"]);
    const taskInput = f.num("TaskInputSize", row["TaskInputSize"], parseNumber);
    runs.push(
      makeRun("lotaru", task, {
        workflow: options.workflow ?? (wf ? `nf-core/${wf}` : undefined),
        workflowRunId: options.workflowRunId,
        wallS: f.num("Realtime", row["Realtime"], (s) => parseDurationS(s, "ms")),
        cpuPercent: f.num("%cpu", row["%cpu"], parsePercent),
        cpusRequested: f.num("cpus", row["cpus"], parseNumber),
        memoryRequestedBytes: f.num("memory", row["memory"], parseNumber),
        peakRssBytes: f.num("peak_rss", row["peak_rss"], parseNumber),
        readBytes: f.num("rchar", row["rchar"], parseNumber),
        writeBytes: f.num("wchar", row["wchar"], parseNumber),
        inputBytes: taskInput,
        inputBytesByName: taskInput === undefined ? undefined : { TaskInputSize: taskInput },
        machine: f.str(row["Machine"]),
      }, rawOf(row, options.keepRaw ?? true)),
    );
  }
  return { file, format: "lotaru", runs, issues, rowsSeen: runs.length + bad };
}

export const reader: TraceReader = { format: "lotaru", description: "Lotaru execution report CSV", pattern, detect, parse };
