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

/** Row-per-line formats a large file of which is parsed a chunk of rows at a time (`parseInChunks`). */
export const CHUNKED_FORMATS: ReadonlySet<string> = new Set(["nextflow"]);

/** Characters of rows parsed at once by `parseInChunks` (~35k rows of a Nextflow trace; a 1M-task trace is ~120 MB). */
export const CHUNK_CHARS = 4 * 1024 * 1024;

/** End of the chunk that starts at `start`: the first line end at or after `start + size` outside a quoted field. */
function chunkEnd(text: string, start: number, size: number): number {
  let end = start + size;
  let quotes = 0;
  let counted = start;
  for (;;) {
    if (end >= text.length) return text.length;
    const nl = text.indexOf("\n", end);
    if (nl < 0) return text.length;
    for (let q = text.indexOf('"', counted); q >= 0 && q <= nl; q = text.indexOf('"', q + 1)) quotes++;
    counted = nl + 1;
    // an even number of quote characters so far: the line end is not inside a quoted field
    if (quotes % 2 === 0) return nl + 1;
    end = nl + 1;
  }
}

/**
 * Parse a header-and-rows text a chunk of rows at a time (each chunk = the header line + whole rows,
 * never cut inside a quoted field), yielding one result per chunk: the parser's per-row intermediates
 * (cells, row records) exist for one chunk at once, and a consumer that keeps only what it needs of
 * each run never holds the whole file's runs. Issues carry the file's line numbers; file-level issues
 * (no line) come once.
 */
export function* parseChunks(text: string, file: string, parse: (text: string) => TraceReadResult, chunkChars: number = CHUNK_CHARS): Generator<TraceReadResult> {
  const headEnd = text.indexOf("\n");
  if (text.length <= chunkChars || headEnd < 0) {
    yield parse(text);
    return;
  }
  const header = text.slice(0, headEnd + 1);
  const fileLevel = new Set<string>();
  let firstLine = 2;
  for (let start = headEnd + 1; start < text.length; ) {
    const end = chunkEnd(text, start, chunkChars);
    const r = parse(header + text.slice(start, end));
    const issues: TraceReadResult["issues"][number][] = [];
    for (const i of r.issues) {
      if (i.line === undefined) {
        if (!fileLevel.has(i.message)) issues.push(i);
        fileLevel.add(i.message);
      } else issues.push({ ...i, line: i.line + firstLine - 2 });
    }
    for (let k = text.indexOf("\n", start); k >= 0 && k < end; k = text.indexOf("\n", k + 1)) firstLine++;
    start = end;
    yield { file, format: r.format, runs: r.runs, issues, rowsSeen: r.rowsSeen };
  }
}

/** `parseChunks` collected into one result: the same runs and issues as one `parse(text)`, with a fraction of the peak memory. */
export function parseInChunks(text: string, file: string, parse: (text: string) => TraceReadResult, chunkChars: number = CHUNK_CHARS): TraceReadResult {
  const runs: TraceReadResult["runs"][number][] = [];
  const issues: TraceReadResult["issues"][number][] = [];
  let rowsSeen = 0;
  let format = "";
  for (const r of parseChunks(text, file, parse, chunkChars)) {
    format = r.format;
    for (const run of r.runs) runs.push(run);
    for (const i of r.issues) issues.push(i);
    rowsSeen += r.rowsSeen;
  }
  return { file, format, runs, issues, rowsSeen };
}

/**
 * One trace file as a stream of results, one per chunk of rows (`parseChunks`; formats outside
 * `CHUNKED_FORMATS` in one result): together, the runs and issues `readTrace` returns. Throws as it does.
 */
export function* readTraceChunks(path: string, options: ReadTraceOptions = {}): Generator<TraceReadResult> {
  const format = options.format ?? detectFormat(readHead(path), basename(path), options.detection);
  if (!format) throw new NoInputFoundError(`${path}: not a known trace format (use --format to force one)`);
  const bytes = readFileSync(path);
  const reader = readerFor(format);
  const ctx = contextFor(path, format, options);
  const utf8 = isUtf8(bytes);
  const text = bytes.toString("utf8");
  let first = true;
  for (const r of CHUNKED_FORMATS.has(format) ? parseChunks(text, path, (t) => reader.parse(t, path, ctx)) : [reader.parse(text, path, ctx)]) {
    // Not UTF-8 (Latin-1): invalid bytes were read as U+FFFD; said once, as the DuckDB path says it.
    yield first && !utf8 ? { ...r, issues: [{ file: path, line: undefined, message: NOT_UTF8 }, ...r.issues] } : r;
    first = false;
  }
}

/**
 * Read one trace file: detect its format (unless `options.format`), parse it. Throws on an unreadable
 * or unrecognised file (use `readTraces` for batches, which turns that into a file-level issue).
 */
export function readTrace(path: string, options: ReadTraceOptions = {}): TraceReadResult {
  const runs: TraceReadResult["runs"][number][] = [];
  const issues: TraceReadResult["issues"][number][] = [];
  let rowsSeen = 0;
  let format = "";
  for (const r of readTraceChunks(path, options)) {
    format = r.format;
    for (const run of r.runs) runs.push(run);
    for (const i of r.issues) issues.push(i);
    rowsSeen += r.rowsSeen;
  }
  return { file: path, format, runs, issues, rowsSeen };
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
