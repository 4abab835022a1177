import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync, statSync } from "node:fs";
import { isUtf8 } from "node:buffer";
import { basename, dirname, join } from "node:path";
import { NOT_UTF8, isUtf8File } from "./encoding";
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

/** Row-per-line formats a large file of which is read a block at a time and parsed a chunk of rows at a time (`readTraceChunks`). */
const CHUNKED_FORMATS: ReadonlySet<string> = new Set(["nextflow"]);

/** Characters of rows parsed at once by `parseChunks` (~35k rows of a Nextflow trace; a 1M-task trace is ~120 MB). */
const CHUNK_CHARS = 4 * 1024 * 1024;

/**
 * End of the chunk at the start of `text`: the first line end at or after `size` outside a quoted field.
 * `complete`: `text` is the whole rest of the file; when it is not (a file read a block at a time) and
 * the end depends on text not read yet, undefined (read more, ask again).
 */
function chunkEnd(text: string, size: number, complete: boolean): number | undefined {
  let end = size;
  let quotes = 0;
  let counted = 0;
  for (;;) {
    if (end >= text.length) return complete ? text.length : undefined;
    const nl = text.indexOf("\n", end);
    if (nl < 0) return complete ? text.length : undefined;
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
  yield* parsePieces([text], file, parse, chunkChars);
}

/**
 * `parseChunks` of a text given as consecutive pieces (a file decoded a block at a time: `fileTextPieces`):
 * the same chunks, hence the same results, as of the pieces joined, while only about one chunk of the
 * text is held at once (a million-task trace is ~120 MB of text).
 */
export function* parsePieces(pieces: Iterable<string>, file: string, parse: (text: string) => TraceReadResult, chunkChars: number = CHUNK_CHARS): Generator<TraceReadResult> {
  const it = pieces[Symbol.iterator]();
  try {
    yield* chunksOf(it, file, parse, chunkChars);
  } finally {
    // stopped early (a consumer's error, a parse error): the pieces' source is closed (a file's descriptor)
    it.return?.();
  }
}

function* chunksOf(it: Iterator<string>, file: string, parse: (text: string) => TraceReadResult, chunkChars: number): Generator<TraceReadResult> {
  let rest = "";
  let eof = false;
  let newline = false;
  const more = (): void => {
    const n = it.next();
    if (n.done) eof = true;
    else {
      rest += n.value;
      newline ||= n.value.includes("\n");
    }
  };
  // one parse of the whole text when it fits one chunk or has no line end (as decided on the whole text)
  while (!eof && (rest.length <= chunkChars || !newline)) more();
  const headEnd = rest.indexOf("\n");
  if (rest.length <= chunkChars || headEnd < 0) {
    yield parse(rest);
    return;
  }
  const header = rest.slice(0, headEnd + 1);
  rest = rest.slice(headEnd + 1);
  const fileLevel = new Set<string>();
  let firstLine = 2;
  for (;;) {
    while (!eof && rest.length <= chunkChars) more();
    let end = chunkEnd(rest, chunkChars, eof);
    while (end === undefined) {
      more();
      end = chunkEnd(rest, chunkChars, eof);
    }
    if (rest.length === 0) return;
    const chunk = rest.slice(0, end);
    rest = rest.slice(end);
    const r = parse(header + chunk);
    const issues: TraceReadResult["issues"][number][] = [];
    for (const i of r.issues) {
      if (i.line === undefined) {
        if (!fileLevel.has(i.message)) issues.push(i);
        fileLevel.add(i.message);
      } else issues.push({ ...i, line: i.line + firstLine - 2 });
    }
    for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) firstLine++;
    yield { file, format: r.format, runs: r.runs, issues, rowsSeen: r.rowsSeen };
  }
}

/** Bytes read from a trace file at once by `fileTextPieces`. */
const BLOCK_BYTES = 1024 * 1024;

/**
 * Whole-line blocks of a file's bytes (each ends at its last `\n`; the last block is the rest), read
 * `blockBytes` at a time into one buffer: a block is valid until the next one is asked for. A `\n` byte
 * is never inside a UTF-8 sequence, so decoding or checking the blocks one by one gives what decoding or
 * checking the whole file gives.
 */
function* lineBlocks(path: string, blockBytes: number): Generator<Buffer> {
  const fd = openSync(path, "r");
  try {
    let buf = Buffer.allocUnsafe(blockBytes);
    // bytes at the start of `buf` not given yet: a line whose end is not read yet
    let have = 0;
    for (;;) {
      if (have === buf.length) {
        // a line longer than the buffer
        const bigger = Buffer.allocUnsafe(2 * buf.length);
        buf.copy(bigger);
        buf = bigger;
      }
      const n = readSync(fd, buf, have, buf.length - have, null);
      if (n === 0) break;
      const end = have + n;
      const cut = buf.lastIndexOf(10, end - 1) + 1;
      if (cut > 0) yield buf.subarray(0, cut);
      buf.copy(buf, 0, cut, end);
      have = end - cut;
    }
    if (have > 0) yield buf.subarray(0, have);
  } finally {
    closeSync(fd);
  }
}

/** A file's text as consecutive pieces (UTF-8, invalid bytes as U+FFFD: `readFileSync(path, "utf8")` cut at line ends). */
export function* fileTextPieces(path: string, blockBytes: number = BLOCK_BYTES): Generator<string> {
  for (const b of lineBlocks(path, blockBytes)) yield b.toString("utf8");
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
  const reader = readerFor(format);
  const ctx = contextFor(path, format, options);
  const parse = (t: string): TraceReadResult => reader.parse(t, path, ctx);
  // A chunked format is read from the file a block at a time: neither its bytes nor its whole text is
  // ever held (a million-task trace: ~120 MB each). Its UTF-8 check is a first pass over the blocks.
  const chunked = CHUNKED_FORMATS.has(format);
  const bytes = chunked ? undefined : readFileSync(path);
  const utf8 = bytes ? isUtf8(bytes) : isUtf8File(path);
  let first = true;
  for (const r of bytes ? [parse(bytes.toString("utf8"))] : parsePieces(fileTextPieces(path), path, parse)) {
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
