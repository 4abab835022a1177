/**
 * QC of the samples as rows of numbers, from the two layouts operators have:
 * - MultiQC's `multiqc_data/` folder (nf-core pipelines leave it): `multiqc_general_stats.txt` (through
 *   lib/qc/multiqc's parser) plus the per-module tables `multiqc_<module>.txt` (numeric columns), or
 *   `multiqc_data.json` when the general-stats table is absent;
 * - QC tool outputs (FastQC, fastp, Picard, samtools, ...) through lib/qc, one sample per folder
 *   (`runs/<id>/qc/`, the harness layout) or named from the files.
 * Column names keep their origin: MultiQC general stats as MultiQC writes them (`fastqc-percent_gc`),
 * module tables as `multiqc_<module>.<column>` (the table's file name), QC tool outputs as lib/qc's wide columns (`fastqc.total_sequences`).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { qcFeatureRecords } from "../features/qcRecords";
import { parseDataJson, parseGeneralStats } from "../qc/multiqc";
import { GwtInputError, NoInputFoundError } from "../util/errors";

/** One QC row: a sample name as the QC tool wrote it, the file it came from, its numbers. */
export interface QcRow {
  readonly name: string;
  readonly file: string;
  readonly values: Readonly<Record<string, number>>;
}

/** Rows plus every file read (for provenance) and the problems met (never silently dropped). */
export interface QcSource {
  readonly rows: QcRow[];
  readonly files: string[];
  readonly issues: Array<{ file: string; message: string }>;
  readonly layout: "multiqc_data" | "qc-files";
}

/** MultiQC tables that are not per-sample metrics. */
const NOT_METRICS = new Set(["multiqc_sources.txt", "multiqc_citations.txt", "multiqc_software_versions.txt", "multiqc_general_stats.txt"]);

/** A folder is MultiQC data when it holds `multiqc_general_stats.txt` or `multiqc_data.json`. */
export function isMultiqcDataDir(dir: string): boolean {
  return existsSync(join(dir, "multiqc_general_stats.txt")) || existsSync(join(dir, "multiqc_data.json"));
}

const num = (s: string | undefined): number | undefined => {
  if (s === undefined) return undefined;
  const t = s.trim();
  if (t === "" || t === "NA" || t === "-" || t === "None" || t === "nan") return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
};

/**
 * One `multiqc_<module>.txt` table: `Sample` column then metrics; numeric cells only (text, nested
 * dicts and empty cells are not numbers). Pure.
 */
export function parseModuleTable(text: string, file: string): QcRow[] {
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  const header = (lines[0] ?? "").split("\t");
  if (header[0] !== "Sample") throw new GwtInputError("expected a 'Sample' first column", { file, line: 1 });
  const module = basename(file).replace(/\.txt$/, "");
  const cols = header.map((h) => `${module}.${h.trim().replace(/\s+/g, "_")}`);
  const seen = new Map<string, number>();
  return lines.slice(1).map((l, i) => {
    const cells = l.split("\t");
    const name = (cells[0] ?? "").trim();
    if (name === "") throw new GwtInputError("empty sample name", { file, line: i + 2 });
    const before = seen.get(name);
    if (before !== undefined) throw new GwtInputError(`sample '${name}' appears twice (lines ${before} and ${i + 2})`, { file, line: i + 2 });
    seen.set(name, i + 2);
    const values: Record<string, number> = {};
    for (let c = 1; c < header.length; c++) {
      const v = num(cells[c]);
      if (v !== undefined) values[cols[c] as string] = v;
    }
    return { name, file, values };
  });
}

function multiqcRows(dir: string): QcSource {
  const files: string[] = [];
  const rows: QcRow[] = [];
  const issues: Array<{ file: string; message: string }> = [];
  const gs = join(dir, "multiqc_general_stats.txt");
  const toRows = (recs: ReturnType<typeof parseGeneralStats>, prefix: (k: string) => string): void => {
    for (const r of recs) {
      const values: Record<string, number> = {};
      for (const [k, v] of Object.entries(r.values)) if (typeof v === "number" && Number.isFinite(v)) values[prefix(k)] = v;
      rows.push({ name: r.sampleRaw, file: r.file, values });
    }
  };
  if (existsSync(gs)) {
    files.push(gs);
    toRows(parseGeneralStats(readFileSync(gs, "utf8"), gs), (k) => k);
  } else {
    const js = join(dir, "multiqc_data.json");
    files.push(js);
    toRows(parseDataJson(readFileSync(js, "utf8"), js), (k) => `general_stats.${k}`);
  }
  for (const f of readdirSync(dir).sort()) {
    if (!/^multiqc_.+\.txt$/.test(f) || NOT_METRICS.has(f)) continue;
    const p = join(dir, f);
    files.push(p);
    try {
      rows.push(...parseModuleTable(readFileSync(p, "utf8"), p));
    } catch (e) {
      // A module table we cannot read is reported; the general-stats table still carries its headline numbers.
      issues.push({ file: p, message: (e as Error).message });
    }
  }
  return { rows, files, issues, layout: "multiqc_data" };
}

function walkFiles(p: string, out: string[]): void {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walkFiles(join(p, e), out);
  else out.push(p);
}

/**
 * Read QC from `paths`: each MultiQC data folder (or a folder holding `multiqc_data/`) as MultiQC
 * tables; the other paths through lib/qc (`folderPerSample`: every folder one sample, as in
 * `runs/<id>/qc/`). Throws when a path does not exist or no QC is found.
 */
export function readQcSources(paths: readonly string[], opts: { folderPerSample?: boolean } = {}): QcSource[] {
  const out: QcSource[] = [];
  const plain: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new NoInputFoundError(`${p}: no such QC file or folder`);
    const inner = join(p, "multiqc_data");
    if (statSync(p).isDirectory() && isMultiqcDataDir(p)) out.push(multiqcRows(p));
    else if (existsSync(inner) && isMultiqcDataDir(inner)) out.push(multiqcRows(inner));
    else plain.push(p);
  }
  if (plain.length > 0) {
    const got = qcFeatureRecords(plain, { groupByDir: opts.folderPerSample ?? true });
    const files: string[] = [];
    for (const p of plain) walkFiles(p, files);
    const rows = got.ids.map((id, i) => ({ name: id, file: folderOf(plain, id), values: got.records[i] ?? {} }));
    out.push({ rows, files, issues: got.failed.map((f) => ({ file: f.file, message: `QC file failed to parse: ${f.reason}` })), layout: "qc-files" });
  }
  return out;
}

/** The QC path a folder-per-sample sample came from (for messages naming files). */
function folderOf(paths: readonly string[], id: string): string {
  for (const p of paths) {
    for (const c of [join(p, id, "qc"), join(p, id), p]) if (existsSync(c) && (c === p ? basename(p) === id || basename(join(p, "..")) === id : true)) return c;
  }
  return `${paths.join(", ")} (sample ${id})`;
}
