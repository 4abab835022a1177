/**
 * MultiQC's per-module tables of FastQC and fastp (`multiqc_data/multiqc_fastqc.txt`,
 * `multiqc_data/multiqc_fastp.txt`), read into lib/qc's own columns so a MultiQC-only input gets the
 * FastQC (and fastp) features a FastQC zip or fastp JSON would give:
 * - `multiqc_fastqc.txt` holds FastQC's Basic Statistics, duplication and module flags per read file;
 *   it maps to `fastqc.total_sequences`, `sequences_flagged_poor_quality`, `sequence_length_min/max`,
 *   `percent_gc`, `total_deduplicated_pct`, `avg_sequence_length`, `n_modules_fail/warn`
 *   (`MULTIQC_FASTQC_COLUMNS`). FastQC's distributions (per-base quality quartiles, adapter, N and GC
 *   curves, overrepresented sequences) are not in it, so the columns derived from them stay absent.
 *   Mates: rows `X_1`/`X_2` (or `X_R1`/`X_R2`) whose partner is in the same table become sample `X`
 *   (the wide row averages them, as it does two FastQC zips of one run).
 * - `multiqc_fastp.txt` holds fastp's JSON sections as Python literals, one row per sample; each row
 *   becomes the same `FastpReport` fastp's JSON gives (`fastp.fromSections`), so `fastp.wide` applies
 *   unchanged (`adapter_cutting` is in the table only when fastp wrote it).
 * MultiQC's general statistics (`multiqc_general_stats.txt`) stay `multiqc.*` columns: they are rounded
 * and scaled by MultiQC's configuration (read counts in millions by default), so no feature is read
 * from them. Pure.
 */
import { GwtInputError } from "../util/errors";
import { fromSections } from "./fastp";
import type { ParseOptions } from "./picard/parse";
import { parsePythonLiteral } from "./pythonLiteral";
import { cleanSampleName, mateStems } from "./sampleName";
import { splitLines } from "./text";
import type { FastpReport, MultiqcFastqcRow } from "./types";
import type { ToolColumn, ToolColumns } from "./vocabulary";

/** FastQC module flag columns of MultiQC's FastQC table (those present are counted). */
const FASTQC_MODULE_FLAGS = [
  "basic_statistics", "per_base_sequence_quality", "per_tile_sequence_quality", "per_sequence_quality_scores", "per_base_sequence_content",
  "per_base_gc_content", "per_sequence_gc_content", "per_base_n_content", "sequence_length_distribution", "sequence_duplication_levels", "overrepresented_sequences",
  "adapter_content", "kmer_content",
] as const;

/** The lib/qc columns a row of MultiQC's FastQC table gives (`fastqcTableWide`). */
export const MULTIQC_FASTQC_COLUMNS = [
  "fastqc.total_sequences", "fastqc.sequences_flagged_poor_quality", "fastqc.sequence_length_min", "fastqc.sequence_length_max",
  "fastqc.percent_gc", "fastqc.total_deduplicated_pct", "fastqc.avg_sequence_length", "fastqc.n_modules_fail", "fastqc.n_modules_warn",
] as const satisfies readonly ToolColumn<"fastqc">[];

interface Table {
  readonly header: string[];
  readonly rows: Array<{ line: number; cells: string[] }>;
}

function table(text: string, file: string): Table {
  const lines = splitLines(text);
  const header = (lines[0] ?? "").split("\t");
  if (header[0] !== "Sample") throw new GwtInputError("expected a 'Sample' first column", { file, line: 1 });
  const rows: Table["rows"] = [];
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l === "") continue;
    rows.push({ line: i + 1, cells: l.split("\t") });
  }
  if (rows.length === 0) throw new GwtInputError("no sample rows", { file });
  return { header, rows };
}

/** A number cell (empty → null); anything else is an error naming file, line and column. */
function num(cell: string | undefined, file: string, line: number, field: string): number | null {
  const t = (cell ?? "").trim();
  if (t === "" || t === "NA" || t === "nan") return null;
  const v = Number(t);
  if (!Number.isFinite(v)) throw new GwtInputError(`'${t.slice(0, 40)}' is not a number`, { file, line, field });
  return v;
}

/**
 * `multiqc_fastqc.txt`: one record per read file (row). Mates whose partner is in the table are named
 * after their common stem.
 * @example parseFastqcTable(readFileSync("multiqc_data/multiqc_fastqc.txt", "utf8"), "multiqc_fastqc.txt")
 */
export function parseFastqcTable(text: string, file: string, options: ParseOptions = {}): MultiqcFastqcRow[] {
  const t = table(text, file);
  const col = (name: string): number => t.header.indexOf(name);
  for (const need of ["Total Sequences", "%GC"]) if (col(need) < 0) throw new GwtInputError(`no '${need}' column: not MultiQC's FastQC table`, { file, line: 1, field: need });
  const stems = mateStems(t.rows.map((r) => r.cells[0] as string));
  return t.rows.map(({ line, cells }) => {
    const sampleRaw = cells[0] as string;
    const get = (name: string): string | undefined => (col(name) >= 0 ? cells[col(name)] : undefined);
    const length = (get("Sequence length") ?? "").trim();
    const lm = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?$/.exec(length);
    if (length !== "" && !lm) throw new GwtInputError(`'${length.slice(0, 40)}' is not a length or a range`, { file, line, field: "Sequence length" });
    const flags = FASTQC_MODULE_FLAGS.filter((f) => col(f) >= 0).map((f) => (get(f) ?? "").trim());
    return {
      kind: "multiqc/fastqc",
      file,
      sampleRaw,
      sample: cleanSampleName(stems.get(sampleRaw) ?? sampleRaw, options),
      totalSequences: num(get("Total Sequences"), file, line, "Total Sequences"),
      // FastQC before 0.11 wrote "Filtered Sequences" (as lib/qc/fastqc reads it)
      sequencesFlaggedPoorQuality: num(get("Sequences flagged as poor quality"), file, line, "Sequences flagged as poor quality") ?? num(get("Filtered Sequences"), file, line, "Filtered Sequences"),
      sequenceLengthMin: lm ? Number(lm[1]) : null,
      sequenceLengthMax: lm ? Number(lm[2] ?? lm[1]) : null,
      percentGc: num(get("%GC"), file, line, "%GC"),
      totalDeduplicatedPct: num(get("total_deduplicated_percentage"), file, line, "total_deduplicated_percentage"),
      avgSequenceLength: num(get("avg_sequence_length"), file, line, "avg_sequence_length"),
      nModulesFail: flags.length ? flags.filter((f) => f === "fail").length : null,
      nModulesWarn: flags.length ? flags.filter((f) => f === "warn").length : null,
    };
  });
}

/** lib/qc's FastQC columns of one MultiQC FastQC row (the ones the table carries). */
export function fastqcTableWide(r: MultiqcFastqcRow): ToolColumns<"fastqc"> {
  return {
    "fastqc.total_sequences": r.totalSequences,
    "fastqc.sequences_flagged_poor_quality": r.sequencesFlaggedPoorQuality,
    "fastqc.sequence_length_min": r.sequenceLengthMin,
    "fastqc.sequence_length_max": r.sequenceLengthMax,
    "fastqc.percent_gc": r.percentGc,
    "fastqc.total_deduplicated_pct": r.totalDeduplicatedPct,
    "fastqc.avg_sequence_length": r.avgSequenceLength,
    "fastqc.n_modules_fail": r.nModulesFail,
    "fastqc.n_modules_warn": r.nModulesWarn,
  } satisfies Record<(typeof MULTIQC_FASTQC_COLUMNS)[number], number | null>;
}

/** The fastp JSON sections MultiQC's fastp table holds as Python literals. */
const FASTP_SECTIONS = ["summary", "filtering_result", "duplication", "insert_size", "adapter_cutting"] as const;

/**
 * `multiqc_fastp.txt`: one `FastpReport` per row, named by MultiQC's sample name (its `Sample` column).
 * @example parseFastpTable(readFileSync("multiqc_data/multiqc_fastp.txt", "utf8"), "multiqc_fastp.txt")
 */
export function parseFastpTable(text: string, file: string, options: ParseOptions = {}): FastpReport[] {
  const t = table(text, file);
  if (!t.header.includes("summary")) throw new GwtInputError("no 'summary' column: not MultiQC's fastp table", { file, line: 1, field: "summary" });
  return t.rows.map(({ line, cells }) => {
    const j: Record<string, unknown> = {};
    for (const s of FASTP_SECTIONS) {
      const k = t.header.indexOf(s);
      const cell = k >= 0 ? (cells[k] ?? "").trim() : "";
      if (cell === "") continue;
      try {
        j[s] = parsePythonLiteral(cell);
      } catch (e) {
        throw new GwtInputError(`cannot read the '${s}' cell: ${(e as Error).message}`, { file, line, field: s });
      }
    }
    const c = t.header.indexOf("command");
    if (c >= 0 && (cells[c] ?? "") !== "") j["command"] = cells[c];
    const summary = j["summary"];
    if (typeof summary !== "object" || summary === null || !("before_filtering" in summary)) throw new GwtInputError("no before_filtering in the 'summary' cell: not a fastp row", { file, line, field: "summary" });
    return fromSections(j, file, cells[0] as string, options);
  });
}
