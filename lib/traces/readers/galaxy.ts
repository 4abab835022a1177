import { mibToBytes, parseNumber, parseTimestamp } from "../../util/units";
import { FieldReader, makeRun, recordsToRows } from "../build";
import { parseDelimited } from "../csv";
import type { TaskRun, TraceIssue, TraceReadResult } from "../schema";
import { type DetectPattern, type ReadOptions, type TraceReader, matchesPattern, rawOf } from "./types";

/**
 * Galaxy job-dump CSVs (usegalaxy.org `csv_dump/`, one file per tool version, e.g.
 * `devteam_bwa_bwa_mem_0.4.2.csv`). Columns: job fields (`runtime` seconds, `galaxy_slots`,
 * `galaxy_memory_mb` when set, `memtotal`/`swaptotal` in kB of the node, `destination_id`, `handler`,
 * `create_time`, `start_epoch`/`end_epoch` in s), one column per dataset parameter holding its size in
 * bytes — recognisable because it has a `<name>_filetype` twin (names may be nested with `|`, e.g.
 * `input_bams_0|input_bam`) — and `parameters.*` tool settings. Sizes print as floats ("69415268.0");
 * quoted fields (`info`, `traceback`) may span lines.
 */
const pattern: DetectPattern = {
  format: "galaxy",
  contents: [/^[^\n]*(^|,)destination_id([,\r\n]|$)/, /^[^\n]*(^|,)runtime([,\r\n]|$)/, /^[^\n]*(^|,)galaxy_slots([,\r\n]|$)/],
};

function detect(head: string, fileName: string): boolean {
  return matchesPattern(pattern, head, fileName);
}

interface GalaxyToolName {
  /** `owner/repo/tool`, e.g. "devteam/bwa/bwa_mem". */
  readonly tool: string;
  readonly version: string;
}

/**
 * Tool id and version from a dump file name `<owner>_<repo>_<tool>_<version>.csv`. Owner, repo and
 * tool may themselves contain `_`, so the repo is the longest run of words that all appear in the tool
 * name (case-insensitive: `picard_PicardASMetrics`, `samtools_sort_samtools_sort`,
 * `variants_validate_gatk_validate_variants`); otherwise the repo is the second segment.
 * `hint` (a row's `tool_id`, "toolshed.../repos/owner/repo/tool/version") settles it when given.
 * @example galaxyToolFromFileName("devteam_bwa_bwa_mem_0.4.2.csv") // { tool: "devteam/bwa/bwa_mem", version: "0.4.2" }
 */
export function galaxyToolFromFileName(fileName: string, hint?: string): GalaxyToolName | undefined {
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.csv$/i, "");
  const m = /^(.+)_([0-9][^_]*)$/.exec(base);
  if (!m) return undefined;
  const version = m[2] as string;
  const stem = m[1] as string;
  if (hint) {
    const h = /repos\/([^/]+)\/([^/]+)\/([^/]+)\/[^/]+$/.exec(hint);
    if (h && `${h[1]}_${h[2]}_${h[3]}` === stem) return { tool: `${h[1]}/${h[2]}/${h[3]}`, version };
  }
  const parts = stem.split("_");
  if (parts.length < 3) return undefined;
  const owner = parts[0] as string;
  const rest = parts.slice(1);
  let best: GalaxyToolName | undefined;
  for (let k = 1; k < rest.length; k++) {
    const repo = rest.slice(0, k);
    const tool = rest.slice(k).join("_").toLowerCase();
    // the longest repo whose every word appears in the tool name
    if (repo.every((w) => tool.includes(w.toLowerCase()))) best = { tool: `${owner}/${repo.join("_")}/${rest.slice(k).join("_")}`, version };
  }
  return best ?? { tool: `${owner}/${rest[0]}/${rest.slice(1).join("_")}`, version };
}

/** Input-size columns: every `X` that has an `X_filetype` twin. */
export function galaxyInputColumns(header: readonly string[]): string[] {
  const set = new Set(header);
  return header.filter((h) => !h.startsWith("parameters.") && set.has(`${h}_filetype`));
}

function parse(text: string, file: string, options: ReadOptions = {}): TraceReadResult {
  const issues: TraceIssue[] = [];
  const { header, rows, rejected } = recordsToRows(file, parseDelimited(text, ","), issues);
  const inputs = galaxyInputColumns(header);
  const firstToolId = rows.find((r) => r.row["tool_id"])?.row["tool_id"];
  const name = galaxyToolFromFileName(file, firstToolId);
  if (!name) issues.push({ file, line: undefined, message: "file name is not <owner>_<repo>_<tool>_<version>.csv; task taken from tool_id" });
  const f = new FieldReader(file, issues);
  const runs: TaskRun[] = [];
  let bad = rejected;
  for (const { line, row } of rows) {
    f.line = line;
    const task = name?.tool ?? f.str(row["tool_id"])?.replace(/^.*\/repos\//, "").replace(/\/[^/]+$/, "");
    if (!task) {
      issues.push({ file, line, message: "no tool id in file name or row; row skipped" });
      bad++;
      continue;
    }
    let total: number | undefined;
    let byName: Record<string, number> | undefined;
    for (const col of inputs) {
      const v = f.num(col, row[col], parseNumber);
      if (v === undefined) continue;
      total = (total ?? 0) + v;
      (byName ??= {})[col] = v;
    }
    const memMb = f.num("galaxy_memory_mb", row["galaxy_memory_mb"], parseNumber);
    runs.push(
      makeRun("galaxy", task, {
        workflow: options.workflow ?? "galaxy",
        workflowRunId: options.workflowRunId,
        toolVersion: name?.version ?? f.str(row["tool_version"]),
        status: f.str(row["state"]),
        exitCode: f.num("exit_code", row["exit_code"], parseNumber, false),
        submitTime: f.date("create_time", row["create_time"], (s) => parseTimestamp(s)),
        startTime: f.date("start_epoch", row["start_epoch"], (s) => parseTimestamp(s, "s")),
        completeTime: f.date("end_epoch", row["end_epoch"], (s) => parseTimestamp(s, "s")),
        wallS: f.num("runtime", row["runtime"], parseNumber),
        cpusRequested: f.num("galaxy_slots", row["galaxy_slots"], parseNumber),
        memoryRequestedBytes: memMb === undefined ? undefined : mibToBytes(memMb),
        inputBytes: total,
        inputBytesByName: byName,
        machine: f.str(row["destination_id"]),
      }, rawOf(row, options.keepRaw ?? true)),
    );
  }
  return { file, format: "galaxy", runs, issues, rowsSeen: runs.length + bad };
}

export const reader: TraceReader = { format: "galaxy", description: "Galaxy job-dump CSV (one file per tool version)", pattern, detect, parse };
