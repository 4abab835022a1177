/**
 * GATKReport v1.x (BaseRecalibrator recal tables, VariantEval) and the Sentieon QCAL variant:
 * `#:GATKTable:` blocks of fixed-width or tab-separated columns. Pure.
 */
import { GwtInputError } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import { IssueSink } from "../issues";
import { cleanSampleName } from "../sampleName";
import { LineIndex, baseName, cell, defineLazy } from "../text";
import type { GatkReport, GatkReportTable, MetricsRow } from "../types";
import type { ToolColumns } from "../vocabulary";


/**
 * The cells the wide table reads, checked when the file is parsed (the other rows are built lazily):
 * counts and ratios, so a negative or non-finite value is left missing and reported with its line.
 */
const WIDE_CELLS: Readonly<Record<string, readonly string[]>> = {
  RecalTable0: ["Observations", "Errors"],
  TiTvVariantEvaluator: ["tiTvRatio"],
  CountVariants: ["nSNPs", "nInsertions", "nDeletions"],
};

/** Parse a GATKReport; kind is `gatk/base_recalibrator`, `gatk/varianteval` or `gatk/report`. */
export function parse(text: string, file: string, options: ParseOptions = {}): GatkReport {
  const lines = new LineIndex(text);
  const first = lines.length > 0 ? lines.line(0) : "";
  const m = /^#:(GATKReport|SENTIEON_QCAL_TABLE)\.?v?([\d.]+)?:(\d+)/i.exec(first);
  if (!m) throw new GwtInputError(`not a GATKReport: first line '${first.slice(0, 40)}'`, { file, line: 1 });
  const tag = m[1] === "GATKReport" ? "#:GATKTable:" : "#:SENTIEON_QCAL_TABLE:";
  const declared = Number(m[3]);
  const tables: GatkReportTable[] = [];
  const sink = new IssueSink();
  let i = 1;
  while (i < lines.length) {
    if (!lines.startsWith(i, tag)) {
      i++;
      continue;
    }
    const l = lines.line(i);
    // Format line (`#:GATKTable:cols:rows:fmt...`) then name line (`#:GATKTable:Name:Description`).
    const fmt = l.slice(tag.length).split(":");
    const nameLine = i + 1 < lines.length ? lines.line(i + 1) : "";
    if (!nameLine.startsWith(tag)) throw new GwtInputError("table format line not followed by a name line (truncated?)", { file, line: i + 2 });
    const [name, ...desc] = nameLine.slice(tag.length).split(":");
    const nrows = Number(fmt[1]);
    const headerLine = i + 2 < lines.length ? lines.line(i + 2) : undefined;
    if (headerLine === undefined) throw new GwtInputError(`table '${name}' has no header (truncated?)`, { file, line: i + 3 });
    const tabbed = headerLine.includes("\t");
    const split = (s: string) => (tabbed ? s.split("\t") : s.trim().split(/\s{1,}/));
    const header = split(headerLine).filter((h) => h !== "");
    // Find the rows in place; split and convert them when `rows` is first read (RecalTable2 of a
    // real BQSR run has 100k+ rows that the wide table never uses).
    const from = i + 3;
    let j = from;
    while (j < lines.length && !lines.blank(j) && !lines.startsWith(j, "#:")) j++;
    const nfound = j - from;
    if (Number.isFinite(nrows) && nfound !== nrows)
      throw new GwtInputError(`table '${name}' declares ${nrows} rows but has ${nfound} (truncated?)`, { file, line: j });
    const checked = new Set(WIDE_CELLS[name ?? ""] ?? []);
    const readRows = (check: boolean): MetricsRow[] => {
      const rows: MetricsRow[] = [];
      for (let k = from; k < j; k++) {
        const p = split(lines.line(k));
        const o: MetricsRow = {};
        header.forEach((h, c) => (o[h] = check && checked.has(h) ? sink.cell(p[c], `${name}.${h}`, k + 1, "count") : cell(p[c])));
        rows.push(o);
      }
      return rows;
    };
    const t: GatkReportTable = { name: name ?? "", description: desc.join(":"), header, rows: checked.size > 0 ? readRows(true) : [] };
    if (checked.size === 0) defineLazy(t, "rows", () => readRows(false));
    tables.push(t);
    i = j;
  }
  if (tables.length === 0) throw new GwtInputError("GATKReport without tables", { file });
  if (Number.isFinite(declared) && tables.length !== declared)
    throw new GwtInputError(`report declares ${declared} tables but has ${tables.length} (truncated?)`, { file });
  const names = new Set(tables.map((t) => t.name));
  const kind = names.has("RecalTable0") || names.has("Arguments") && names.has("Quantized") ? "gatk/base_recalibrator" : names.has("TiTvVariantEvaluator") || names.has("CountVariants") ? "gatk/varianteval" : "gatk/report";
  const sampleRaw = baseName(file);
  return { kind, file, sampleRaw, sample: cleanSampleName(sampleRaw, options), version: `${m[1]}${m[2] ? ` ${m[2]}` : ""}`, tables, ...sink.field() };
}

/** A table by name. */
export function table(r: GatkReport, name: string): GatkReportTable | undefined {
  return r.tables.find((t) => t.name === name);
}

/**
 * Wide columns. BaseRecalibrator: `gatk.bqsr.observations` and `gatk.bqsr.empirical_error_rate`
 * (sum Errors / sum Observations over RecalTable0, read-group level; mismatches only — EventType M).
 * VariantEval: Ti/Tv, SNP and indel counts for Novelty=all (first eval row).
 */
export function wide(r: GatkReport): ToolColumns<"gatk"> {
  if (r.kind === "gatk/base_recalibrator") {
    const t = table(r, "RecalTable0");
    if (!t) return {};
    let obs = 0;
    let err = 0;
    for (const row of t.rows) {
      if (row["EventType"] !== undefined && row["EventType"] !== "M") continue;
      obs += typeof row["Observations"] === "number" ? row["Observations"] : 0;
      err += typeof row["Errors"] === "number" ? row["Errors"] : 0;
    }
    return { "gatk.bqsr.observations": obs, "gatk.bqsr.empirical_error_rate": obs > 0 ? err / obs : null };
  }
  if (r.kind === "gatk/varianteval") {
    const all = (name: string) => table(r, name)?.rows.find((x) => x["Novelty"] === "all");
    const titv = all("TiTvVariantEvaluator");
    const cv = all("CountVariants");
    const n = (v: unknown) => (typeof v === "number" ? v : null);
    return {
      "gatk.varianteval.titv_ratio": n(titv?.["tiTvRatio"]),
      "gatk.varianteval.n_snps": n(cv?.["nSNPs"]),
      "gatk.varianteval.n_insertions": n(cv?.["nInsertions"]),
      "gatk.varianteval.n_deletions": n(cv?.["nDeletions"]),
    };
  }
  return {};
}
