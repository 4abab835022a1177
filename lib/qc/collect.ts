/**
 * `collectQc`: walk files/directories, detect each file with the search-pattern table, parse it,
 * and fold the records into one wide per-sample table. One bad file never aborts the batch: every
 * file ends up in the report as parsed, skipped (why) or failed (file, line, reason).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type * as aq from "arquero";
import { GwtInputError, NoInputFoundError, errorMessage } from "../util/errors";
import { detect } from "./detect";
import { QC_MODULES, wideOf } from "./modules";
import type { ParseOptions } from "./picard/parse";
import { type QcSampleRow, TOOL_ORDER } from "./row";
import { DEFAULT_SEARCH_PATTERNS, type SearchPattern } from "./searchPatterns";
import { baseName, looksBinary } from "./text";
import type { Cell, QcRecord } from "./types";

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

/** All regular files under the given paths (directories walked recursively, symlinks followed), sorted. */
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
        else if (e.isFile()) out.push(child);
        else if (e.isSymbolicLink()) {
          try {
            walk(child);
          } catch {
            out.push(child); // dangling link: reported as failed when read
          }
        }
      }
    } else out.push(p);
  };
  for (const r of roots) walk(r);
  return out.sort();
}

/**
 * A file's bytes with one open + fstat + read (no separate stat), or its size when larger than
 * `maxBytes`. Throws like `readFileSync` (ENOENT, EISDIR, ...).
 */
function readWhole(file: string, maxBytes: number): Buffer | number {
  const fd = openSync(file, "r");
  try {
    const st = fstatSync(fd);
    if (st.size > maxBytes) return st.size;
    if (!st.isFile()) return readFileSync(file); // devices, FIFOs: as before
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const k = readSync(fd, buf, got, st.size - got, null);
      if (k === 0) break;
      got += k;
    }
    return got === st.size ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Detect and parse one file (never throws): its report entry and records. */
export function collectFile(file: string, options: CollectOptions = {}): { report: QcFileReport; records: QcRecord[] } {
  const patterns = options.searchPatterns ?? DEFAULT_SEARCH_PATTERNS;
  let bytes: Buffer;
  try {
    const read = readWhole(file, options.maxFileBytes ?? DEFAULT_COLLECT_OPTIONS.maxFileBytes);
    if (typeof read === "number")
      return { report: { file, status: "skipped", bytes: read, reason: `larger than maxFileBytes (${read} bytes)` }, records: [] };
    bytes = read;
  } catch (e) {
    return { report: { file, status: "failed", bytes: 0, reason: `cannot read: ${errorMessage(e)}` }, records: [] };
  }
  const name = baseName(file);
  const binary = looksBinary(bytes);
  const text = binary ? "" : bytes.toString("utf8");
  const p = detect(name, text, patterns);
  if (!p) {
    const reason = bytes.length === 0 ? "empty file (0 bytes), no filename pattern matches" : binary ? "binary file, no filename pattern matches" : "no search pattern matches (not a recognised QC output)";
    return { report: { file, status: "skipped", bytes: bytes.length, reason }, records: [] };
  }
  if (p.key.startsWith("skip/")) return { report: { file, status: "skipped", bytes: bytes.length, key: p.key, reason: p.reason ?? p.key }, records: [] };
  const mod = QC_MODULES[p.key];
  if (!mod) return { report: { file, status: "failed", bytes: bytes.length, key: p.key, reason: `search pattern key '${p.key}' has no parser` }, records: [] };
  try {
    const records = mod.parse({ bytes, text }, file, options);
    const notes: string[] = [];
    for (const r of records) {
      if ("rows" in r && Array.isArray(r.rows) && r.rows.length === 0 && r.kind.startsWith("picard/") && !("histogram" in r && r.histogram)) notes.push(`${r.kind}: header but no data rows (zero reads?)`);
    }
    return {
      report: { file, status: "parsed", bytes: bytes.length, key: p.key, kinds: [...new Set(records.map((r) => r.kind))], samples: [...new Set(records.map((r) => r.sample))], ...(notes.length ? { notes } : {}) },
      records,
    };
  } catch (e) {
    const line = e instanceof GwtInputError ? e.line : undefined;
    const reason = e instanceof GwtInputError ? e.message : `internal error (please report): ${errorMessage(e)}`;
    return { report: { file, status: "failed", bytes: bytes.length, key: p.key, reason, ...(line !== undefined ? { line } : {}) }, records: [] };
  }
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

/** Incremental form of `toWideRows`: `add` records one at a time (they can be dropped after), then `finish`. */
export class WideFold {
  private readonly acc = new Map<string, { raw: Set<string>; n: number; cols: Map<string, { v: Cell; file: string }[]> }>();
  private readonly notes = new Map<string, string[]>();

  /** Fold one record's wide columns in. */
  add(r: QcRecord): void {
    const acc = this.acc;
    const notes = this.notes;
    let a = acc.get(r.sample);
    if (!a) acc.set(r.sample, (a = { raw: new Set(), n: 0, cols: new Map() }));
    a.raw.add(r.sampleRaw);
    a.n++;
    const w = wideOf(r);
    if (w.note) notes.set(r.file, [...(notes.get(r.file) ?? []), w.note]);
    for (const [k, v] of Object.entries(w.columns)) {
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
    const row: QcSampleRow = { sample, sample_raw: [...a.raw].join("; "), n_records: a.n };
    for (const [k, list] of a.cols) {
      if (list.length === 1) row[k] = (list[0] as { v: Cell }).v;
      else {
        const nums = list.map((x) => x.v).filter((x): x is number => typeof x === "number");
        row[k] = nums.length === list.length ? nums.reduce((s, x) => s + x, 0) / nums.length : (list[0] as { v: Cell }).v;
        merges.push({ sample, column: k, files: list.map((x) => x.file), values: list.map((x) => x.v) });
      }
    }
    rows.push(row);
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
  for (const c of columnOrder(rows)) cols[c] = rows.map((r) => (r[c] === undefined ? null : (r[c] as Cell)));
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
  files.forEach((f, i) => {
    const { report, records } = collectFile(f, options);
    reports.push(report);
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
  const report: QcReport = { files: withNotes, parsed: count("parsed"), skipped: count("skipped"), failed: count("failed"), bytes: withNotes.reduce((s, r) => s + r.bytes, 0), merges };
  if (rows.length === 0 && (options.requireSamples ?? DEFAULT_COLLECT_OPTIONS.requireSamples))
    throw new NoInputFoundError(`no QC output parsed under ${typeof pathsOrDir === "string" ? pathsOrDir : pathsOrDir.join(", ")} (${files.length} files: ${report.skipped} skipped, ${report.failed} failed)`);
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
