import { parseBytes, parseDurationS, parseNumber, parsePercent, parseTimestamp } from "../../util/units";
import { FieldReader, makeRun, recordsToRows } from "../build";
import { parseDelimited, sniffDelimiter } from "../csv";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { type DetectPattern, type ReadOptions, type TraceReader, matchesPattern, nfcoreWorkflowFromProcess, rawOf, shortProcessName } from "./types";

/**
 * Nextflow trace files (`-with-trace`), TSV or CSV, raw (`trace.raw = true`: ms, bytes, epoch ms) or
 * human-readable ("1h 2m 3s", "1.2 GB", "180.5%", "2023-01-23 10:08:25.123"); "-" is missing.
 * Also the project harness trace (`data/harness/trace.tsv`): Nextflow columns plus extras
 * (user_s, sys_s, tool_version, threads, input_bytes, ...), kept in `raw`.
 */
const pattern: DetectPattern = {
  format: "nextflow",
  contents: [/^[^\n]*(^|[,\t])(process|name)([,\t\r\n]|$)/, /^[^\n]*(^|[,\t])(realtime|duration)([,\t\r\n]|$)/, /^[^\n]*(^|[,\t])(task_id|hash|status)([,\t\r\n]|$)/],
};

function detect(head: string, fileName: string): boolean {
  return matchesPattern(pattern, head, fileName);
}

/** Workflow from an explicit option, an nf-core process prefix, or a `trace_<name>.csv` file name. */
function workflowFor(process: string, file: string, options: ReadOptions): string | undefined {
  if (options.workflow) return options.workflow;
  const fromProcess = nfcoreWorkflowFromProcess(process);
  if (fromProcess) return fromProcess;
  const m = /(?:^|[\\/])trace_([A-Za-z][A-Za-z0-9-]*)\.(?:csv|tsv|txt)$/.exec(file);
  return m ? m[1] : undefined;
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const issues: TraceIssue[] = [];
  const { rows, rejected } = recordsToRows(file, parseDelimited(text, sniffDelimiter(text)), issues);
  const f = new FieldReader(file, issues);
  const runs: TaskRun[] = [];
  let bad = rejected;
  for (const { line, row } of rows) {
    f.line = line;
    const process = f.str(row["process"]) ?? f.str(row["name"])?.replace(/\s*\(.*\)$/, "");
    if (!process) {
      issues.push({ file, line, message: "no process/name; row skipped" });
      bad++;
      continue;
    }
    const user = f.num("user_s", row["user_s"], parseNumber);
    const sys = f.num("sys_s", row["sys_s"], parseNumber);
    f.num("duration", row["duration"], (s) => parseDurationS(s, "ms")); // validated only (not in the schema)
    // both read (and reported when bad), as the DuckDB path does
    const cpuTotal = f.num("cpu_s", row["cpu_s"], parseNumber);
    const cpus = f.num("cpus", row["cpus"], parseNumber);
    const threads = f.num("threads", row["threads"], parseNumber);
    runs.push(
      makeRun("nextflow", shortProcessName(process), {
        workflow: workflowFor(process, file, options),
        workflowRunId: options.workflowRunId ?? f.str(row["run_id"]) ?? f.str(row["run_name"]),
        toolVersion: f.str(row["tool_version"]),
        sample: f.str(row["tag"]),
        status: f.str(row["status"]),
        exitCode: f.num("exit", row["exit"], parseNumber, false),
        attempt: f.num("attempt", row["attempt"], parseNumber),
        submitTime: f.date("submit", row["submit"], (s) => parseTimestamp(s, "ms")),
        startTime: f.date("start", row["start"], (s) => parseTimestamp(s, "ms")),
        completeTime: f.date("complete", row["complete"], (s) => parseTimestamp(s, "ms")),
        wallS: f.num("realtime", row["realtime"], (s) => parseDurationS(s, "ms")),
        cpuS: user !== undefined && sys !== undefined ? user + sys : cpuTotal,
        cpuPercent: f.num("%cpu", row["%cpu"], parsePercent),
        cpusRequested: cpus ?? threads,
        memoryRequestedBytes: f.num("memory", row["memory"], parseBytes),
        peakRssBytes: f.num("peak_rss", row["peak_rss"], parseBytes),
        readBytes: f.num("rchar", row["rchar"], parseBytes),
        writeBytes: f.num("wchar", row["wchar"], parseBytes),
        inputBytes: f.num("input_bytes", row["input_bytes"], parseBytes),
        machine: f.str(row["hostname"]) ?? f.str(row["host"]) ?? f.str(row["machine"]) ?? f.str(row["machineType"]),
      }, rawOf(row, options.keepRaw ?? true)),
    );
  }
  return { file, format: "nextflow", runs, issues, rowsSeen: runs.length + bad };
}

export const reader: TraceReader = { format: "nextflow", description: "Nextflow trace file (TSV/CSV, raw or human-readable units)", pattern, detect, parse };
