/**
 * The parser registry: detection key → pure parse function, and record kind → wide columns.
 * Adding a tool = one module file + one entry here + its rows in `searchPatterns.ts`.
 */
import { fastqcWide, parseFastqc, parseFastqcZip } from "./fastqc";
import * as fastp from "./fastp";
import { depthOfCoverageWide, gatkReportWide, parseDepthOfCoverageSummary, parseGatkReport, parseSaturationMutagenesis } from "./gatk";
import * as multiqc from "./multiqc";
import { fastqcTableWide, parseFastpTable, parseFastqcTable } from "./multiqcTables";
import { parsePicard, picardWide, type ParseOptions } from "./picard";
import {
  flagstatWide, idxstatsWide, parseAmpliconclip, parseFlagstat, parseIdxstats, parseSamtoolsCoverage, parseSamtoolsMarkdup,
  parseSamtoolsRmdup, parseSamtoolsStats, samtoolsCoverageWide, samtoolsMarkdupWide, samtoolsStatsWide,
} from "./samtools";
import type * as T from "./types";
import type { Cell, QcRecord } from "./types";
import type { WideColumns } from "./vocabulary";

/** What a parser receives: the raw bytes and (for text formats) the decoded text. */
export interface QcInput {
  readonly bytes: Uint8Array;
  readonly text: string;
}

/** One registry entry. */
export interface QcModule {
  /** Tool namespace (`fastqc`, `picard`, ...). */
  readonly tool: string;
  /** Parse one file into records (pure; throws GwtInputError on malformed input). */
  parse(input: QcInput, file: string, options: ParseOptions): QcRecord[];
  /** True when this file is read as bytes (a FastQC zip); every other input is text, where a NUL byte means the file is not what its name says. */
  readonly binary?: (file: string) => boolean;
}

/** Detection key → parser. Keys match `SearchPattern.key`. */
export const QC_MODULES: Readonly<Record<string, QcModule>> = {
  fastqc: {
    tool: "fastqc",
    parse: (x, f, o) => [f.toLowerCase().endsWith(".zip") ? parseFastqcZip(x.bytes, f, o) : parseFastqc(x.text, f, o)],
    binary: (f) => f.toLowerCase().endsWith(".zip"),
  },
  fastp: { tool: "fastp", parse: (x, f, o) => [fastp.parse(x.text, f, o)] },
  picard: { tool: "picard", parse: (x, f, o) => parsePicard(x.text, f, o) },
  "samtools/stats": { tool: "samtools", parse: (x, f, o) => [parseSamtoolsStats(x.text, f, o)] },
  "samtools/flagstat": { tool: "samtools", parse: (x, f, o) => [parseFlagstat(x.text, f, o)] },
  "samtools/idxstats": { tool: "samtools", parse: (x, f, o) => [parseIdxstats(x.text, f, o)] },
  "samtools/markdup": { tool: "samtools", parse: (x, f, o) => [parseSamtoolsMarkdup(x.text, f, o)] },
  "samtools/rmdup": { tool: "samtools", parse: (x, f, o) => [parseSamtoolsRmdup(x.text, f, o)] },
  "samtools/coverage": { tool: "samtools", parse: (x, f, o) => [parseSamtoolsCoverage(x.text, f, o)] },
  "samtools/ampliconclip": { tool: "samtools", parse: (x, f, o) => [parseAmpliconclip(x.text, f, o)] },
  "gatk/report": { tool: "gatk", parse: (x, f, o) => [parseGatkReport(x.text, f, o)] },
  "gatk/depthofcoverage": { tool: "gatk", parse: (x, f, o) => parseDepthOfCoverageSummary(x.text, f, o) },
  "gatk/analyze_saturation_mutagenesis": { tool: "gatk", parse: (x, f, o) => [parseSaturationMutagenesis(x.text, f, o)] },
  "multiqc/general_stats": { tool: "multiqc", parse: (x, f, o) => multiqc.parseGeneralStats(x.text, f, o) },
  "multiqc/data_json": { tool: "multiqc", parse: (x, f, o) => multiqc.parseDataJson(x.text, f, o) },
  "multiqc/fastqc": { tool: "multiqc", parse: (x, f, o) => parseFastqcTable(x.text, f, o) },
  "multiqc/fastp": { tool: "multiqc", parse: (x, f, o) => parseFastpTable(x.text, f, o) },
};

/**
 * Wide-table columns of one record (+ a note on which row of a multi-row class was used). Never a
 * non-finite number: a column computed as NaN/Infinity from finite file values (sums past the double
 * range) is left empty and named in the note.
 */
export function wideOf(r: QcRecord): { columns: WideColumns; note?: string } {
  const w = wideColumns(r);
  let bad: string[] | undefined;
  for (const [k, v] of Object.entries(w.columns))
    if (typeof v === "number" && !Number.isFinite(v)) {
      (w.columns as Record<string, Cell>)[k] = null;
      (bad ??= []).push(k);
    }
  if (!bad) return w;
  const note = `${bad.join(", ")}: computed as a non-finite number from the file's values, left empty`;
  return { columns: w.columns, note: w.note ? `${w.note}; ${note}` : note };
}

function wideColumns(r: QcRecord): { columns: WideColumns; note?: string } {
  switch (r.kind) {
    case "fastqc": return { columns: fastqcWide(r as T.FastqcReport) };
    case "fastp": return { columns: fastp.wide(r as T.FastpReport) };
    case "samtools/stats": return { columns: samtoolsStatsWide(r as T.SamtoolsStats) };
    case "samtools/flagstat": return { columns: flagstatWide(r as T.SamtoolsFlagstat) };
    case "samtools/idxstats": return { columns: idxstatsWide(r as T.SamtoolsIdxstats) };
    case "samtools/markdup": return { columns: samtoolsMarkdupWide(r as T.SamtoolsMarkdup) };
    case "samtools/rmdup": {
      const x = r as T.SamtoolsRmdup;
      return { columns: { "samtools.rmdup.duplicate_pct": x.total > 0 ? (100 * x.duplicates) / x.total : null } };
    }
    case "samtools/coverage": return { columns: samtoolsCoverageWide(r as T.SamtoolsCoverage) };
    case "samtools/ampliconclip": return { columns: {} };
    case "gatk/depthofcoverage": return { columns: depthOfCoverageWide(r as T.DepthOfCoverageSummary) };
    case "gatk/analyze_saturation_mutagenesis": return { columns: {} };
    case "multiqc": return { columns: multiqc.wide(r as T.MultiqcGeneralStats) };
    case "multiqc/fastqc": return { columns: fastqcTableWide(r as T.MultiqcFastqcRow) };
    default:
      if (r.kind.startsWith("gatk/")) return { columns: gatkReportWide(r as Parameters<typeof gatkReportWide>[0]) };
      if (r.kind.startsWith("picard/")) {
        const w = picardWide(r as Parameters<typeof picardWide>[0]);
        return w ? { columns: w.columns, ...(w.note ? { note: w.note } : {}) } : { columns: {} };
      }
      return { columns: {} };
  }
}
