import { parseHmsS, parseNumber, parsePercent, snakemakeMbToBytes } from "../../util/units";
import { FieldReader, makeRun, recordsToRows } from "../build";
import { parseDelimited } from "../csv";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { type DetectPattern, type ReadOptions, type TraceReader, matchesPattern, rawOf } from "./types";

/**
 * Snakemake `benchmark:` files: TSV `s  h:m:s  max_rss  max_vms  max_uss  max_pss  io_in  io_out
 * mean_load  cpu_time`, one row per `repeat()`; memory and I/O in MB (MiB, psutil bytes / 2^20),
 * mean_load in percent, cpu_time in s. Newer Snakemake adds `jobid rule wildcards params threads
 * cpu_usage resources input_size_mb`. Missing values are "NA" or "-".
 * Task: the `rule` column, else `options.task`, else the file's base name; the repeat index goes to `raw.repeat`.
 */
const pattern: DetectPattern = { format: "snakemake", contents: [/^s\th:m:s\tmax_rss\t/] };

function detect(head: string, fileName: string): boolean {
  return matchesPattern(pattern, head, fileName);
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const issues: TraceIssue[] = [];
  const { rows, rejected } = recordsToRows(file, parseDelimited(text, "\t"), issues);
  const f = new FieldReader(file, issues);
  const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.(tsv|txt|benchmark)$/i, "");
  const runs: TaskRun[] = [];
  rows.forEach(({ line, row }, i) => {
    f.line = line;
    const mb = (k: string) => {
      const v = f.num(k, row[k], parseNumber);
      return v === undefined ? undefined : snakemakeMbToBytes(v);
    };
    const inMb = mb("input_size_mb");
    const raw = { ...rawOf(row, options.keepRaw ?? true), repeat: String(i + 1) };
    runs.push(
      makeRun("snakemake", f.str(row["rule"]) ?? options.task ?? base, {
        workflow: options.workflow,
        workflowRunId: options.workflowRunId,
        sample: f.str(row["wildcards"]) ?? options.sample,
        wallS: f.num("s", row["s"], parseNumber) ?? f.num("h:m:s", row["h:m:s"], parseHmsS),
        cpuS: f.num("cpu_time", row["cpu_time"], parseNumber),
        cpuPercent: f.num("mean_load", row["mean_load"], parsePercent) ?? f.num("cpu_usage", row["cpu_usage"], parsePercent),
        cpusRequested: f.num("threads", row["threads"], parseNumber),
        peakRssBytes: mb("max_rss"),
        readBytes: mb("io_in"),
        writeBytes: mb("io_out"),
        inputBytes: inMb,
      }, raw),
    );
  });
  return { file, format: "snakemake", runs, issues, rowsSeen: runs.length + rejected };
}

export const reader: TraceReader = { format: "snakemake", description: "Snakemake benchmark TSV", pattern, detect, parse };
