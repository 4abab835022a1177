/**
 * `collectQc`: walk files/directories, detect each file with the search-pattern table, parse it,
 * and fold the records into one wide per-sample table. One bad file never aborts the batch: every
 * file ends up in the report as parsed, skipped (why) or failed (file, line, reason).
 */
import { type Stats, closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type * as aq from "arquero";
import { GwtInputError, GwtLimitError, NoInputFoundError, errorMessage } from "../util/errors";
import { detect } from "./detect";
import { QC_MODULES, wideOf } from "./modules";
import type { ParseOptions } from "./picard/parse";
import { cellOf, type QcSampleRow, TOOL_ORDER } from "./row";
import { DEFAULT_NUM_LINES, DEFAULT_SEARCH_PATTERNS, type SearchPattern } from "./searchPatterns";
import { autoWorkers, collectParallel } from "./parallel";
import { sampleDirName } from "./sampleName";
import { baseName, looksBinary, normalizeText } from "./text";
import type { Cell, QcIssue, QcRecord } from "./types";
import type { WideColumns } from "./vocabulary";

/** Options of `collectQc`; defaults in `DEFAULT_COLLECT_OPTIONS` (shared with the CLI). */
export interface CollectOptions extends ParseOptions {
  /** Detection table (default `DEFAULT_SEARCH_PATTERNS`); prepend entries to override. */
  readonly searchPatterns?: readonly SearchPattern[];
  /** Files larger than this are skipped (default 100 MB). */
  readonly maxFileBytes?: number;
  /** Called after each file (for progress bars). */
  readonly onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Keep the typed records in the result (default true). `false` folds each file into the wide
   * rows as soon as it is parsed and drops its records: flat memory for platform-scale trees.
   */
  readonly keepRecords?: boolean;
  /** Throw NoInputFoundError when no file parsed (default true). */
  readonly requireSamples?: boolean;
  /**
   * Worker threads that parse alongside the calling thread (only with `keepRecords: false`: typed
   * records stay in the thread that parsed them): a count, or `"auto"` (one per extra CPU, at most
   * 3, for trees of `PARALLEL_MIN_FILES` files or more). Default 0. Output is identical either way.
   */
  readonly workers?: number | "auto";
  /**
   * One sample per folder (`sampleDirName`: `runs/<id>/qc/*` → `<id>`), for trees where every file
   * of a folder describes one input and file names repeat across folders (default false).
   */
  readonly sampleFromDir?: boolean;
}

/** Defaults shared by library and CLI. */
export const DEFAULT_COLLECT_OPTIONS = { maxFileBytes: 100 * 1024 * 1024, requireSamples: true } as const;

/** One file's fate. */
export interface QcFileReport {
  readonly file: string;
  readonly status: "parsed" | "skipped" | "failed";
  readonly bytes: number;
  /** Detection key (`picard`, `samtools/stats`, `skip/...`) when a pattern matched. */
  readonly key?: string;
  /** Record kinds and samples produced (parsed files). */
  readonly kinds?: readonly string[];
  readonly samples?: readonly string[];
  /** Why skipped / failed. */
  readonly reason?: string;
  /** Line of the failure, when known. */
  readonly line?: number;
  /** Notes: which row of a multi-row class the wide table took, empty sections, ... */
  readonly notes?: readonly string[];
  /** Values refused in a parsed file (negative counts, numbers beyond the double range): left missing, with line and field. */
  readonly issues?: readonly QcIssue[];
}

/** Two or more records gave one (sample, column): the wide table holds their mean (numbers) or first value (text). */
export interface QcMerge {
  readonly sample: string;
  readonly column: string;
  readonly files: readonly string[];
  readonly values: readonly Cell[];
}

/** The whole batch's report. */
export interface QcReport {
  readonly files: readonly QcFileReport[];
  readonly parsed: number;
  readonly skipped: number;
  readonly failed: number;
  /** Refused values over all parsed files (each listed under its file's `issues`). */
  readonly issues: number;
  readonly bytes: number;
  readonly merges: readonly QcMerge[];
}

/** What `collectQc` returns. */
export interface QcCollection {
  /** arquero table: one row per sample, columns as in `QcSampleRow`. */
  readonly table: aq.ColumnTable;
  /** The same rows as plain objects. */
  readonly rows: readonly QcSampleRow[];
  /** Every typed record, grouped by cleaned sample name (empty when `keepRecords: false`). */
  readonly records: ReadonlyMap<string, readonly QcRecord[]>;
  readonly report: QcReport;
}

/**
 * Every non-directory entry under the given paths (directories walked recursively, symlinks followed),
 * sorted. Devices, FIFOs and sockets are listed too (never opened): `collectFile` reports them as skipped.
 */
export function listFiles(pathsOrDir: string | readonly string[]): string[] {
  const roots = typeof pathsOrDir === "string" ? [pathsOrDir] : pathsOrDir;
  const out: string[] = [];
  const seenDirs = new Set<string>();
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) {
      const id = `${st.dev}:${st.ino}`;
      if (seenDirs.has(id)) return;
      seenDirs.add(id);
      for (const e of readdirSync(p, { withFileTypes: true })) {
        const child = join(p, e.name);
        if (e.isDirectory()) walk(child);
        else if (e.isSymbolicLink()) {
          try {
            walk(child);
          } catch {
            out.push(child); // dangling link: reported as failed when read
          }
        } else out.push(child); // regular file, or a device/FIFO/socket reported as skipped
      }
    } else out.push(p);
  };
  for (const r of roots) walk(r);
  return out.sort();
}

/** Bytes read first for detection; the rest of a file is read only when it is parsed. */
const HEAD_BYTES = 64 * 1024;

/**
 * An open file read in two steps (one open + fstat, no separate stat): the head for detection,
 * then the rest only when a parser wants it — skipped files (FastQC/fastp HTML, ...) cost a 64 KB
 * read and no full decode. Only regular files get here (`collectFile` checks before opening).
 */
class FileRead {
  readonly size: number;
  private readonly buf: Buffer;
  private got = 0;
  private eof = false;

  constructor(private readonly fd: number, file: string, maxBytes: number) {
    const st = fstatSync(fd);
    // The path was a regular file when stat-ed; this catches a swap between stat and open.
    if (!st.isFile()) throw new GwtLimitError(`not a regular file (${fileKind(st)}): not read`, { file });
    this.size = st.size;
    // Allocated only within the size limit (the caller skips larger files without reading them).
    this.buf = Buffer.allocUnsafe(st.size > maxBytes ? 0 : st.size);
  }

  /** The first `n` bytes (fewer at end of file). */
  head(n: number): Buffer {
    this.fill(Math.min(n, this.size));
    return this.buf.subarray(0, Math.min(n, this.got));
  }

  /** The whole file. */
  all(): Buffer {
    this.fill(this.size);
    return this.got === this.size ? this.buf : this.buf.subarray(0, this.got);
  }

  private fill(n: number): void {
    while (this.got < n && !this.eof) {
      const k = readSync(this.fd, this.buf, this.got, n - this.got, null);
      if (k === 0) this.eof = true;
      this.got += k;
    }
  }
}

/** Largest `numLines` of a detection table (how many lines detection may look at). */
const maxLinesOf = new WeakMap<readonly SearchPattern[], number>();
function detectionLines(patterns: readonly SearchPattern[]): number {
  let n = maxLinesOf.get(patterns);
  if (n === undefined) maxLinesOf.set(patterns, (n = patterns.reduce((m, p) => Math.max(m, p.numLines ?? DEFAULT_NUM_LINES), DEFAULT_NUM_LINES)));
  return n;
}

/** True when `text` holds at least `n` line feeds. */
function hasLines(text: string, n: number): boolean {
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const j = text.indexOf("\n", pos);
    if (j < 0) return false;
    pos = j + 1;
  }
  return true;
}

/** What a non-regular file is, for the skip reason. */
function fileKind(st: Stats): string {
  return st.isCharacterDevice() ? "character device" : st.isBlockDevice() ? "block device" : st.isFIFO() ? "FIFO" : st.isSocket() ? "socket" : st.isDirectory() ? "directory" : "special file";
}

/**
 * Detect and parse one file (never throws): its report entry and records. Anything that is not a
 * regular file (a device such as /dev/zero, a FIFO, a socket, or a symlink to one) is skipped
 * without being opened; regular files are opened non-blocking and re-checked.
 */
export function collectFile(file: string, options: CollectOptions = {}): { report: QcFileReport; records: QcRecord[] } {
  let fd = -1;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { report: { file, status: "skipped", bytes: 0, reason: `not a regular file (${fileKind(st)}): not opened` }, records: [] };
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { report: { file, status: "failed", bytes: 0, reason: `cannot read: ${errorMessage(e)}` }, records: [] };
  }
  try {
    return collectOpen(file, fd, options);
  } finally {
    closeSync(fd);
  }
}

function collectOpen(file: string, fd: number, options: CollectOptions): { report: QcFileReport; records: QcRecord[] } {
  const patterns = options.searchPatterns ?? DEFAULT_SEARCH_PATTERNS;
  const cannotRead = (e: unknown) =>
    e instanceof GwtLimitError
      ? { report: { file, status: "skipped" as const, bytes: 0, reason: e.message }, records: [] }
      : { report: { file, status: "failed" as const, bytes: 0, reason: `cannot read: ${errorMessage(e)}` }, records: [] };
  let src: FileRead;
  let head: Buffer;
  const maxBytes = options.maxFileBytes ?? DEFAULT_COLLECT_OPTIONS.maxFileBytes;
  try {
    src = new FileRead(fd, file, maxBytes);
    if (src.size > maxBytes)
      return { report: { file, status: "skipped", bytes: src.size, reason: `larger than maxFileBytes (${src.size} bytes)` }, records: [] };
    head = src.head(HEAD_BYTES);
  } catch (e) {
    return cannotRead(e);
  }
  const name = baseName(file);
  const binary = looksBinary(head); // looks at the first 8 KiB only
  // Detection reads at most `detectionLines` lines: decode the head, or the whole file when the
  // head is shorter than that (then the decoded text is reused for parsing).
  let text = "";
  let whole = head.length === src.size;
  if (!binary) {
    // A BOM or old-Mac CR-only line ends would hide the content from detection and parsers: normalised here.
    text = normalizeText(head.toString("utf8"));
    if (!whole && !hasLines(text, detectionLines(patterns))) {
      try {
        text = normalizeText(src.all().toString("utf8"));
      } catch (e) {
        return cannotRead(e);
      }
      whole = true;
    }
  }
  const p = detect(name, text, patterns);
  if (!p) {
    const reason = src.size === 0 ? "empty file (0 bytes), no filename pattern matches" : binary ? "binary file, no filename pattern matches" : "no search pattern matches (not a recognised QC output)";
    return { report: { file, status: "skipped", bytes: src.size, reason }, records: [] };
  }
  if (p.key.startsWith("skip/")) return { report: { file, status: "skipped", bytes: src.size, key: p.key, reason: p.reason ?? p.key }, records: [] };
  let bytes: Buffer;
  try {
    bytes = src.all();
  } catch (e) {
    return cannotRead(e);
  }
  if (!binary && !whole) text = normalizeText(bytes.toString("utf8"));
  const mod = QC_MODULES[p.key];
  if (!mod) return { report: { file, status: "failed", bytes: bytes.length, key: p.key, reason: `search pattern key '${p.key}' has no parser` }, records: [] };
  // A text format holding a NUL byte is not what its name says (binary, compressed, or corrupt): say so, not "empty file".
  if (!mod.binary?.(file)) {
    const nul = binary ? bytes.indexOf(0) : text.indexOf("\0");
    if (nul >= 0) {
      const line = binary ? lineOfByte(bytes, nul) : text.slice(0, nul).split("\n").length;
      const b0 = bytes[0];
      const b1 = bytes[1];
      const kind = b0 === 0x1f && b1 === 0x8b ? " (gzip-compressed?)" : b0 === 0x50 && b1 === 0x4b ? " (a zip?)" : (b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) ? " (UTF-16 text? gwtime reads UTF-8)" : "";
      return { report: { file, status: "failed", bytes: bytes.length, key: p.key, line, reason: `${file}, line ${line}: binary content (NUL byte) in a file named like a text ${p.key} report${kind}: not parsed` }, records: [] };
    }
  }
  try {
    const records = mod.parse({ bytes, text }, file, options);
    const notes: string[] = [];
    const issues = records.flatMap((r) => r.issues ?? []);
    for (const r of records) {
      // Picard records carry a `histogram` key only when the section has one (read lazily: test the key).
      if ("rows" in r && Array.isArray(r.rows) && r.rows.length === 0 && r.kind.startsWith("picard/") && !("histogram" in r)) notes.push(`${r.kind}: header but no data rows (zero reads?)`);
    }
    return {
      report: { file, status: "parsed", bytes: bytes.length, key: p.key, kinds: [...new Set(records.map((r) => r.kind))], samples: [...new Set(records.map((r) => r.sample))], ...(notes.length ? { notes } : {}), ...(issues.length ? { issues } : {}) },
      records,
    };
  } catch (e) {
    if (e instanceof GwtLimitError) return { report: { file, status: "skipped", bytes: bytes.length, key: p.key, reason: e.message }, records: [] };
    const line = e instanceof GwtInputError ? e.line : undefined;
    const reason = e instanceof GwtInputError ? e.message : `internal error (please report): ${errorMessage(e)}`;
    return { report: { file, status: "failed", bytes: bytes.length, key: p.key, reason, ...(line !== undefined ? { line } : {}) }, records: [] };
  }
}

/** 1-based line of byte `at` (LF count before it + 1). */
function lineOfByte(bytes: Uint8Array, at: number): number {
  let n = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Fold records into wide rows: one per cleaned sample name. Several values for one (sample,
 * column) — e.g. R1 and R2 FastQC reports of one sample, or lanes — become their mean (text: the
 * first) and are listed in `merges`. Pure; does not mutate `records`.
 */
export function toWideRows(records: readonly QcRecord[]): { rows: QcSampleRow[]; merges: QcMerge[]; notes: Map<string, string[]> } {
  const fold = new WideFold();
  for (const r of records) fold.add(r);
  return fold.finish();
}

/** What the wide fold needs of one record: its sample names, file, wide columns and note. */
export interface WideRecord {
  readonly sample: string;
  readonly sampleRaw: string;
  readonly file: string;
  readonly columns: WideColumns;
  readonly note?: string;
}

/** A record reduced to its wide columns (plain data: can cross a worker-thread boundary). */
export function wideRecord(r: QcRecord): WideRecord {
  const w = wideOf(r);
  return { sample: r.sample, sampleRaw: r.sampleRaw, file: r.file, columns: w.columns, ...(w.note ? { note: w.note } : {}) };
}

/** Incremental form of `toWideRows`: `add` records one at a time (they can be dropped after), then `finish`. */
export class WideFold {
  private readonly acc = new Map<string, { raw: Set<string>; n: number; cols: Map<string, { v: Cell; file: string }[]> }>();
  private readonly notes = new Map<string, string[]>();

  /** Fold one record's wide columns in. */
  add(r: QcRecord): void {
    this.addWide(wideRecord(r));
  }

  /** Fold in a record already reduced to its wide columns (`wideRecord`; e.g. from a worker thread). */
  addWide(r: WideRecord): void {
    const acc = this.acc;
    const notes = this.notes;
    let a = acc.get(r.sample);
    if (!a) acc.set(r.sample, (a = { raw: new Set(), n: 0, cols: new Map() }));
    a.raw.add(r.sampleRaw);
    a.n++;
    if (r.note) notes.set(r.file, [...(notes.get(r.file) ?? []), r.note]);
    for (const [k, v] of Object.entries(r.columns)) {
      if (v === null || v === undefined) continue;
      const list = a.cols.get(k) ?? [];
      list.push({ v, file: r.file });
      a.cols.set(k, list);
    }
  }

  /** The wide rows, the merges and the per-file notes. */
  finish(): { rows: QcSampleRow[]; merges: QcMerge[]; notes: Map<string, string[]> } {
  const acc = this.acc;
  const notes = this.notes;
  const rows: QcSampleRow[] = [];
  const merges: QcMerge[] = [];
  for (const [sample, a] of acc) {
    const row: Record<string, Cell> = { sample, sample_raw: [...a.raw].join("; "), n_records: a.n };
    for (const [k, list] of a.cols) {
      if (list.length === 1) row[k] = (list[0] as { v: Cell }).v;
      else {
        const nums = list.map((x) => x.v).filter((x): x is number => typeof x === "number");
        row[k] = nums.length === list.length ? nums.reduce((s, x) => s + x, 0) / nums.length : (list[0] as { v: Cell }).v;
        merges.push({ sample, column: k, files: list.map((x) => x.file), values: list.map((x) => x.v) });
      }
    }
    rows.push(row as QcSampleRow);
  }
  rows.sort((x, y) => (x.sample < y.sample ? -1 : x.sample > y.sample ? 1 : 0));
  return { rows, merges, notes };
  }
}

/** Column order: sample, sample_raw, n_records, then tool groups in `TOOL_ORDER`, first-seen within a tool. */
export function columnOrder(rows: readonly QcSampleRow[]): string[] {
  const seen: string[] = [];
  const set = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) if (!set.has(k)) set.add(k), seen.push(k);
  const rank = (k: string) => {
    if (k === "sample") return -3;
    if (k === "sample_raw") return -2;
    if (k === "n_records") return -1;
    const i = TOOL_ORDER.indexOf(k.split(".")[0] as (typeof TOOL_ORDER)[number]);
    return i < 0 ? TOOL_ORDER.length : i;
  };
  return seen.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i).map((x) => x.k);
}

/** Wide rows → arquero table (missing cells null). */
export function rowsToTable(rows: readonly QcSampleRow[]): aq.ColumnTable {
  // arquero is loaded on first use: it costs ~0.35 s of start-up the CLI never needs.
  const aqm = require("arquero") as typeof aq;
  const cols: Record<string, Cell[]> = {};
  for (const c of columnOrder(rows)) cols[c] = rows.map((r) => cellOf(r, c) ?? null);
  return aqm.table(cols);
}

/**
 * Collect QC metrics from files and/or directory trees.
 * @param pathsOrDir a directory, a file, or a list of them
 * @param options detection table, sample-name rules, size limit, progress callback
 * @returns `{ table, rows, records, report }`; throws NoInputFoundError when nothing parsed (unless `requireSamples: false`)
 * @example const { table, report } = collectQc("results/", { onProgress: (i, n) => {} });
 */
export function collectQc(pathsOrDir: string | readonly string[], options: CollectOptions = {}): QcCollection {
  const files = listFiles(pathsOrDir);
  const reports: QcFileReport[] = [];
  const all: QcRecord[] = [];
  const keep = options.keepRecords ?? true;
  const fold = new WideFold();
  const nWorkers = keep ? 0 : options.workers === "auto" ? autoWorkers(files.length) : (options.workers ?? 0);
  if (nWorkers > 0) {
    // Worker threads parse; results are folded here in file order, so output is the same as below.
    const parseHere = (f: string): { report: QcFileReport; wides: WideRecord[] } => {
      const { report, records } = collectFile(f, options);
      return { report, wides: records.map(wideRecord) };
    };
    collectParallel<QcFileReport, WideRecord>(files, options, nWorkers, (i, report, wides) => {
      reports.push(report);
      for (const w of wides) fold.addWide(options.sampleFromDir ? { ...w, sample: sampleDirName(w.file) } : w);
      options.onProgress?.(i + 1, files.length, files[i] as string);
    }, parseHere);
  } else
    files.forEach((f, i) => {
      const { report, records: parsed } = collectFile(f, options);
      reports.push(report);
      const records = options.sampleFromDir ? parsed.map((r) => ({ ...r, sample: sampleDirName(r.file) })) : parsed;
      for (const r of records) {
        fold.add(r);
        if (keep) all.push(r);
      }
      options.onProgress?.(i + 1, files.length, f);
    });
  const { rows, merges, notes } = fold.finish();
  const withNotes = reports.map((r) => {
    const n = notes.get(r.file);
    return n ? { ...r, notes: [...(r.notes ?? []), ...n] } : r;
  });
  const count = (s: QcFileReport["status"]) => withNotes.filter((r) => r.status === s).length;
  const report: QcReport = { files: withNotes, parsed: count("parsed"), skipped: count("skipped"), failed: count("failed"), issues: withNotes.reduce((s, r) => s + (r.issues?.length ?? 0), 0), bytes: withNotes.reduce((s, r) => s + r.bytes, 0), merges };
  if (rows.length === 0 && (options.requireSamples ?? DEFAULT_COLLECT_OPTIONS.requireSamples))
  {
    const why = withNotes.filter((f) => f.status !== "parsed").slice(0, 3).map((f) => `\n  ${f.status}: ${f.status === "failed" ? f.reason : `${f.file}: ${f.reason}`}`).join("");
    throw new NoInputFoundError(`no QC output parsed under ${typeof pathsOrDir === "string" ? pathsOrDir : pathsOrDir.join(", ")} (${files.length} files: ${report.skipped} skipped, ${report.failed} failed)${why}`);
  }
  const records = new Map<string, QcRecord[]>();
  for (const r of all) {
    const list = records.get(r.sample);
    if (list) list.push(r);
    else records.set(r.sample, [r]);
  }
  let table: aq.ColumnTable | undefined;
  return {
    /** Built lazily on first access. */
    get table() {
      return (table ??= rowsToTable(rows));
    },
    rows,
    records,
    report,
  };
}
