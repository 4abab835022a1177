import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { basename, dirname, join } from "node:path";
import { NOT_UTF8 } from "./encoding";
import { NoInputFoundError, errorMessage } from "../util/errors";
import { DETECTION_TABLE, readerFor } from "./readers";
import { type DetectPattern, type ReadOptions, matchesPattern } from "./readers/types";
import type { TraceReadResult } from "./schema";

/** Options for reading files: reader options plus a forced format and a detection table. */
export interface ReadTraceOptions extends ReadOptions {
  /** Force a format (skips detection), e.g. "nextflow". */
  readonly format?: string;
  /** Detection table to use instead of `DETECTION_TABLE`. */
  readonly detection?: readonly DetectPattern[];
  /** Called after each file with (done, total, result). */
  readonly onProgress?: (done: number, total: number, result: TraceReadResult) => void;
}

/**
 * The format whose pattern matches `head` and `fileName` first in `table`, or undefined.
 * @example detectFormat("s\th:m:s\tmax_rss\t...", "bwa.tsv") // "snakemake"
 */
export function detectFormat(head: string, fileName: string, table: readonly DetectPattern[] = DETECTION_TABLE): string | undefined {
  return table.find((p) => matchesPattern(p, head, fileName))?.format;
}

/** The first `bytes` of a file as UTF-8 text. */
export function readHead(path: string, bytes = 65536): string {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString("utf8");
  } finally {
    closeSync(fd);
  }
}

/** Context a file's path or neighbours give (Seqera: sibling workflow.json; Snakemake: harness run folder). */
function contextFor(path: string, format: string, options: ReadOptions): ReadOptions {
  if (format === "snakemake") {
    // gwtime harness layout: runs/<run_id>/benchmarks/<rule>.tsv → sample / run id = <run_id>
    const m = /(?:^|[\\/])runs[\\/]([^\\/]+)[\\/]benchmarks[\\/]/.exec(path);
    return m ? { ...options, sample: options.sample ?? m[1], workflowRunId: options.workflowRunId ?? m[1] } : options;
  }
  if (format !== "seqera" || (options.workflow && options.workflowRunId)) return options;
  const wfJson = join(dirname(path), "workflow.json");
  if (!existsSync(wfJson)) return options;
  try {
    const w = JSON.parse(readFileSync(wfJson, "utf8")) as Record<string, unknown>;
    const wf = (w["workflow"] as Record<string, unknown> | undefined) ?? w;
    const name = typeof wf["projectName"] === "string" ? wf["projectName"] : undefined;
    const id = typeof wf["id"] === "string" ? wf["id"] : undefined;
    return { ...options, workflow: options.workflow ?? name, workflowRunId: options.workflowRunId ?? id };
  } catch {
    return options;
  }
}

/**
 * Read one trace file: detect its format (unless `options.format`), parse it. Throws on an unreadable
 * or unrecognised file (use `readTraces` for batches, which turns that into a file-level issue).
 */
export function readTrace(path: string, options: ReadTraceOptions = {}): TraceReadResult {
  const format = options.format ?? detectFormat(readHead(path), basename(path), options.detection);
  if (!format) throw new NoInputFoundError(`${path}: not a known trace format (use --format to force one)`);
  const bytes = readFileSync(path);
  const r = readerFor(format).parse(bytes.toString("utf8"), path, contextFor(path, format, options));
  // Not UTF-8 (Latin-1): invalid bytes were read as U+FFFD; said once, as the DuckDB path says it.
  return isUtf8(bytes) ? r : { ...r, issues: [{ file: path, line: undefined, message: NOT_UTF8 }, ...r.issues] };
}

/**
 * Read many trace files. A bad file never stops the batch: it yields a result with no runs and a
 * file-level issue. Results are in input order.
 */
export function readTraces(paths: readonly string[], options: ReadTraceOptions = {}): TraceReadResult[] {
  const out: TraceReadResult[] = [];
  paths.forEach((p, i) => {
    let r: TraceReadResult;
    try {
      r = readTrace(p, options);
    } catch (e) {
      r = { file: p, format: options.format ?? "unknown", runs: [], issues: [{ file: p, line: undefined, message: errorMessage(e) }], rowsSeen: 0 };
    }
    out.push(r);
    options.onProgress?.(i + 1, paths.length, r);
  });
  return out;
}

/** Files under the given paths (folders walked recursively; only .csv/.tsv/.txt/.json), sorted. */
export function expandTracePaths(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) walk(join(p, e));
    } else if (/\.(csv|tsv|txt|json)$/i.test(p)) out.push(p);
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new NoInputFoundError(`${p}: no such file or folder`);
    if (statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  if (out.length === 0) throw new NoInputFoundError(`no trace files under ${paths.join(", ")}`);
  return out;
}
