/**
 * Typed records for every QC format gwtime reads. One record type per tool output; every record
 * keeps the file it came from and the sample name as written (`sampleRaw`) plus the cleaned one.
 * Units are in field names where the tool's own name does not carry them: `Pct` = percent 0..100,
 * `Rate`/`Fraction` = 0..1. Picard/GATK column names are kept verbatim (Picard `PCT_*` are fractions).
 */

/** A cell of a generic metrics table: numbers parsed, "?"/""/NaN → null, text kept. */
export type Cell = string | number | null;
/** One row of a generic metrics table, keyed by the tool's own column names. */
export type MetricsRow = Record<string, Cell>;

/** Fields every parsed record carries. */
export interface QcRecordBase {
  /** Which detection-table key produced this record (e.g. `picard/markdups`). */
  readonly kind: string;
  /** File the record came from (for zips: the zip path). */
  readonly file: string;
  /** Sample name as found in the file (or the file name when the file names none). */
  readonly sampleRaw: string;
  /** Sample name after `cleanSampleName`. */
  readonly sample: string;
  /** Values refused while parsing (left missing in the record), when there were any. */
  readonly issues?: readonly QcIssue[];
}

/** One refused value of a file that still parses: where it is, what it was, why it was left missing. */
export interface QcIssue {
  /** 1-based line, when the format has lines (JSON reports name the field path only). */
  readonly line?: number;
  /** Column, key or JSON path of the value. */
  readonly field: string;
  /** The value as written (cut to 60 characters). */
  readonly value: string;
  readonly reason: string;
}

/* ---------------- FastQC ---------------- */

/** FastQC module flag. */
export type FastqcStatus = "pass" | "warn" | "fail";

/** FastQC "Basic Statistics". */
export interface FastqcBasicStats {
  readonly filename: string;
  readonly fileType: string | null;
  readonly encoding: string | null;
  readonly totalSequences: number | null;
  /** "Sequences flagged as poor quality" (0.10+). */
  readonly sequencesFlaggedPoorQuality: number | null;
  readonly sequenceLengthMin: number | null;
  readonly sequenceLengthMax: number | null;
  /** Percent GC 0..100. */
  readonly percentGc: number | null;
  /** "Total Bases" (FastQC 0.12+), as written ("1.2 Gbp"). */
  readonly totalBases: string | null;
}

/** One row of "Per base sequence quality" (Phred). `base` is "1" or a bin "10-14". */
export interface FastqcPerBaseQualityRow {
  readonly base: string;
  readonly mean: number | null;
  readonly median: number | null;
  readonly lowerQuartile: number | null;
  readonly upperQuartile: number | null;
  readonly p10: number | null;
  readonly p90: number | null;
}

/** A FastQC table module kept generically: header and rows as numbers where numeric. */
export interface FastqcTable {
  readonly header: readonly string[];
  readonly rows: readonly Cell[][];
}

/** A whole `fastqc_data.txt` (from a plain file or a `*_fastqc.zip`). */
export interface FastqcReport extends QcRecordBase {
  readonly kind: "fastqc";
  readonly version: string | null;
  readonly basic: FastqcBasicStats;
  /** Module name → PASS/WARN/FAIL flag, in file order. */
  readonly modules: Readonly<Record<string, FastqcStatus>>;
  readonly perBaseQuality: readonly FastqcPerBaseQualityRow[];
  /** Per sequence quality scores: mean Phred → read count. */
  readonly perSequenceQuality: readonly { quality: number; count: number }[];
  /** Per sequence GC content: GC% → count. */
  readonly perSequenceGc: readonly { gcPct: number; count: number }[];
  /** Per base N content: base label → N percent. */
  readonly perBaseN: readonly { base: string; nPct: number | null }[];
  /** Sequence length distribution: length label ("35-39") → count. */
  readonly lengthDistribution: readonly { length: string; count: number }[];
  /** "#Total Deduplicated Percentage" (0.11+), percent. */
  readonly totalDeduplicatedPct: number | null;
  readonly duplicationLevels: FastqcTable | null;
  readonly perBaseContent: FastqcTable | null;
  readonly overrepresented: readonly { sequence: string; count: number; pct: number; source: string }[];
  /** Adapter content: per position, percent per adapter column. */
  readonly adapterContent: FastqcTable | null;
  /** Every other module kept as a table (Kmer Content, Per tile quality, ...). */
  readonly otherModules: Readonly<Record<string, FastqcTable>>;
}

/* ---------------- Picard (and Sentieon / Parabricks / GATK4 variants) ---------------- */

/** One `## METRICS CLASS` section (plus its `## HISTOGRAM`), from any Picard-format tool. */
export interface PicardMetricsFile extends QcRecordBase {
  readonly kind: string;
  /** Program from the command line (`CollectAlignmentSummaryMetrics`, `MarkDuplicates`, Sentieon `--algo X`). */
  readonly program: string | null;
  /** Metrics class without package (`AlignmentSummaryMetrics`, `DuplicationMetrics`, `WgsMetrics`). */
  readonly metricsClass: string;
  /** The full command line header, when present. */
  readonly commandLine: string | null;
  /** `picard` for `## METRICS CLASS` files, `sentieon` for `#SentieonCommandLine` files. */
  readonly flavour: "picard" | "sentieon";
  /** Column names of the metrics table. */
  readonly header: readonly string[];
  readonly rows: readonly MetricsRow[];
  /** `## HISTOGRAM` section, when present. */
  readonly histogram?: { readonly header: readonly string[]; readonly rows: readonly Cell[][] };
  /** 1-based line of the metrics header row (for error messages). */
  readonly line: number;
}

/** CollectAlignmentSummaryMetrics, one row per CATEGORY (FIRST_OF_PAIR, SECOND_OF_PAIR, PAIR, UNPAIRED). */
export interface AlignmentSummaryMetrics {
  readonly CATEGORY: string;
  readonly TOTAL_READS: number | null;
  readonly PF_READS: number | null;
  readonly PF_READS_ALIGNED: number | null;
  readonly PCT_PF_READS_ALIGNED: number | null;
  readonly PF_ALIGNED_BASES: number | null;
  readonly PF_MISMATCH_RATE: number | null;
  readonly PF_HQ_ERROR_RATE: number | null;
  readonly PF_INDEL_RATE: number | null;
  readonly MEAN_READ_LENGTH: number | null;
  readonly PCT_READS_ALIGNED_IN_PAIRS: number | null;
  readonly STRAND_BALANCE: number | null;
  readonly PCT_CHIMERAS: number | null;
  readonly PCT_ADAPTER: number | null;
  readonly SAMPLE: string | null;
  readonly LIBRARY: string | null;
  readonly READ_GROUP: string | null;
}

/** MarkDuplicates DuplicationMetrics, one row per LIBRARY. */
export interface DuplicationMetrics {
  readonly LIBRARY: string;
  readonly UNPAIRED_READS_EXAMINED: number | null;
  readonly READ_PAIRS_EXAMINED: number | null;
  readonly SECONDARY_OR_SUPPLEMENTARY_RDS: number | null;
  readonly UNMAPPED_READS: number | null;
  readonly UNPAIRED_READ_DUPLICATES: number | null;
  readonly READ_PAIR_DUPLICATES: number | null;
  readonly READ_PAIR_OPTICAL_DUPLICATES: number | null;
  /** Fraction 0..1. */
  readonly PERCENT_DUPLICATION: number | null;
  readonly ESTIMATED_LIBRARY_SIZE: number | null;
}

/** CollectInsertSizeMetrics, one row per PAIR_ORIENTATION (and accumulation level). */
export interface InsertSizeMetrics {
  readonly PAIR_ORIENTATION: string;
  readonly MEDIAN_INSERT_SIZE: number | null;
  readonly MEDIAN_ABSOLUTE_DEVIATION: number | null;
  readonly MIN_INSERT_SIZE: number | null;
  readonly MAX_INSERT_SIZE: number | null;
  readonly MEAN_INSERT_SIZE: number | null;
  readonly STANDARD_DEVIATION: number | null;
  readonly READ_PAIRS: number | null;
  readonly SAMPLE: string | null;
  readonly LIBRARY: string | null;
  readonly READ_GROUP: string | null;
}

/** CollectWgsMetrics (one row). `PCT_*` are fractions. */
export interface WgsMetrics {
  readonly GENOME_TERRITORY: number | null;
  readonly MEAN_COVERAGE: number | null;
  readonly SD_COVERAGE: number | null;
  readonly MEDIAN_COVERAGE: number | null;
  readonly MAD_COVERAGE: number | null;
  readonly PCT_EXC_MAPQ: number | null;
  readonly PCT_EXC_DUPE: number | null;
  readonly PCT_EXC_UNPAIRED: number | null;
  readonly PCT_EXC_BASEQ: number | null;
  readonly PCT_EXC_OVERLAP: number | null;
  readonly PCT_EXC_CAPPED: number | null;
  readonly PCT_EXC_TOTAL: number | null;
  readonly PCT_10X: number | null;
  readonly PCT_20X: number | null;
  readonly PCT_30X: number | null;
}

/** CollectHsMetrics, one row per BAIT_SET (and accumulation level). */
export interface HsMetrics {
  readonly BAIT_SET: string;
  readonly TOTAL_READS: number | null;
  readonly PF_UNIQUE_READS: number | null;
  readonly MEAN_TARGET_COVERAGE: number | null;
  readonly MEDIAN_TARGET_COVERAGE: number | null;
  readonly PCT_OFF_BAIT: number | null;
  readonly FOLD_ENRICHMENT: number | null;
  readonly ZERO_CVG_TARGETS_PCT: number | null;
  readonly PCT_TARGET_BASES_20X: number | null;
  readonly PCT_TARGET_BASES_30X: number | null;
  readonly AT_DROPOUT: number | null;
  readonly GC_DROPOUT: number | null;
}

/** CollectGcBiasMetrics summary (one row per accumulation level). */
export interface GcBiasSummaryMetrics {
  readonly ACCUMULATION_LEVEL: string | null;
  readonly WINDOW_SIZE: number | null;
  readonly TOTAL_CLUSTERS: number | null;
  readonly ALIGNED_READS: number | null;
  readonly AT_DROPOUT: number | null;
  readonly GC_DROPOUT: number | null;
  readonly GC_NC_0_19: number | null;
  readonly GC_NC_20_39: number | null;
  readonly GC_NC_40_59: number | null;
  readonly GC_NC_60_79: number | null;
  readonly GC_NC_80_100: number | null;
}

/** CollectGcBiasMetrics detail (one row per GC bin). */
export interface GcBiasDetailMetrics {
  readonly GC: number | null;
  readonly WINDOWS: number | null;
  readonly READ_STARTS: number | null;
  readonly MEAN_BASE_QUALITY: number | null;
  readonly NORMALIZED_COVERAGE: number | null;
}

/** CollectRnaSeqMetrics (one row). */
export interface RnaSeqMetrics {
  readonly PF_BASES: number | null;
  readonly PF_ALIGNED_BASES: number | null;
  readonly PCT_RIBOSOMAL_BASES: number | null;
  readonly PCT_CODING_BASES: number | null;
  readonly PCT_UTR_BASES: number | null;
  readonly PCT_INTRONIC_BASES: number | null;
  readonly PCT_INTERGENIC_BASES: number | null;
  readonly PCT_MRNA_BASES: number | null;
  readonly MEDIAN_CV_COVERAGE: number | null;
  readonly MEDIAN_5PRIME_TO_3PRIME_BIAS: number | null;
}

/** CollectQualityYieldMetrics (one row). */
export interface QualityYieldMetrics {
  readonly TOTAL_READS: number | null;
  readonly PF_READS: number | null;
  readonly READ_LENGTH: number | null;
  readonly TOTAL_BASES: number | null;
  readonly PF_BASES: number | null;
  readonly Q20_BASES: number | null;
  readonly PF_Q20_BASES: number | null;
  readonly Q30_BASES: number | null;
  readonly PF_Q30_BASES: number | null;
}

/* ---------------- GATK ---------------- */

/** One `#:GATKTable` of a GATKReport (BaseRecalibrator, VariantEval, ...) or Sentieon QCAL table. */
export interface GatkReportTable {
  readonly name: string;
  readonly description: string;
  readonly header: readonly string[];
  readonly rows: readonly MetricsRow[];
}

/** A whole GATKReport file. */
export interface GatkReport extends QcRecordBase {
  readonly version: string;
  readonly tables: readonly GatkReportTable[];
}

/** GATK DepthOfCoverage `.sample_summary` (one row per sample_id, "Total" dropped). */
export interface DepthOfCoverageSummary extends QcRecordBase {
  readonly kind: "gatk/depthofcoverage";
  readonly total: number | null;
  readonly mean: number | null;
  readonly granularMedian: number | null;
  /** `%_bases_above_N` columns: threshold N → percent. */
  readonly pctBasesAbove: Readonly<Record<string, number | null>>;
}

/** GATK AnalyzeSaturationMutagenesis `.readCounts`: label → count and percent. */
export interface SaturationMutagenesisCounts extends QcRecordBase {
  readonly kind: "gatk/analyze_saturation_mutagenesis";
  readonly counts: readonly { label: string; depth: number; count: number; pct: number | null }[];
}

/* ---------------- samtools ---------------- */

/** `samtools stats`: SN section (keys as written, trailing ':' dropped) + selected histograms. */
export interface SamtoolsStats extends QcRecordBase {
  readonly kind: "samtools/stats";
  readonly version: string | null;
  readonly sn: Readonly<Record<string, number>>;
  /** Insert size histogram `IS`: [insert size, pairs total]. */
  readonly insertSizes: readonly [number, number][];
  /** Coverage distribution `COV`: [depth, bases]. */
  readonly coverage: readonly [number, number][];
  /** Per-cycle mismatches and indels are not kept (not used by gwtime). */
}

/** `samtools flagstat` (text, both pre- and post-1.13 layouts, or `-O json`): QC-passed / QC-failed pairs. */
export interface SamtoolsFlagstat extends QcRecordBase {
  readonly kind: "samtools/flagstat";
  /** key (`in total`, `mapped`, `duplicates`, ...) → [passed, failed]. */
  readonly counts: Readonly<Record<string, readonly [number, number]>>;
}

/** `samtools idxstats`: one row per reference. */
export interface SamtoolsIdxstats extends QcRecordBase {
  readonly kind: "samtools/idxstats";
  readonly refs: readonly { name: string; lengthBp: number; mapped: number; unmapped: number }[];
}

/** `samtools markdup` report (text or `--json`), keys as written. */
export interface SamtoolsMarkdup extends QcRecordBase {
  readonly kind: "samtools/markdup";
  readonly command: string | null;
  readonly counts: Readonly<Record<string, number>>;
}

/** `samtools rmdup` log line(s): duplicates / total per library. */
export interface SamtoolsRmdup extends QcRecordBase {
  readonly kind: "samtools/rmdup";
  readonly duplicates: number;
  readonly total: number;
}

/** `samtools coverage` table: one row per reference. */
export interface SamtoolsCoverage extends QcRecordBase {
  readonly kind: "samtools/coverage";
  readonly rows: readonly MetricsRow[];
}

/** `samtools ampliconclip` stats (keys as written). */
export interface SamtoolsAmpliconclip extends QcRecordBase {
  readonly kind: "samtools/ampliconclip";
  readonly counts: Readonly<Record<string, number>>;
}

/* ---------------- fastp ---------------- */

/** fastp summary block (before or after filtering). Rates are fractions 0..1. */
export interface FastpSummary {
  readonly total_reads: number | null;
  readonly total_bases: number | null;
  readonly q20_bases: number | null;
  readonly q30_bases: number | null;
  readonly q20_rate: number | null;
  readonly q30_rate: number | null;
  readonly read1_mean_length: number | null;
  readonly read2_mean_length: number | null;
  readonly gc_content: number | null;
}

/** A fastp `--json` report. */
export interface FastpReport extends QcRecordBase {
  readonly kind: "fastp";
  readonly command: string | null;
  readonly before: FastpSummary;
  readonly after: FastpSummary;
  /** filtering_result counts as written (passed_filter_reads, low_quality_reads, ...). */
  readonly filtering: Readonly<Record<string, number>>;
  /** duplication.rate, fraction 0..1. */
  readonly duplicationRate: number | null;
  readonly insertSizePeak: number | null;
  readonly insertSizeUnknown: number | null;
  readonly adapterTrimmedReads: number | null;
  readonly adapterTrimmedBases: number | null;
}

/* ---------------- MultiQC ---------------- */

/** One sample of MultiQC general stats (`multiqc_general_stats.txt` or `multiqc_data.json`). */
export interface MultiqcGeneralStats extends QcRecordBase {
  readonly kind: "multiqc";
  /** Column → value, MultiQC's own column names (e.g. `FastQC_mqc-generalstats-fastqc-percent_gc`). */
  readonly values: Readonly<Record<string, Cell>>;
}

/** One row (read file) of MultiQC's FastQC table `multiqc_fastqc.txt` (lib/qc/multiqcTables). */
export interface MultiqcFastqcRow extends QcRecordBase {
  readonly kind: "multiqc/fastqc";
  readonly totalSequences: number | null;
  readonly sequencesFlaggedPoorQuality: number | null;
  readonly sequenceLengthMin: number | null;
  readonly sequenceLengthMax: number | null;
  readonly percentGc: number | null;
  readonly totalDeduplicatedPct: number | null;
  readonly avgSequenceLength: number | null;
  /** FastQC modules flagged fail / warn (of the module columns the table has; null when it has none). */
  readonly nModulesFail: number | null;
  readonly nModulesWarn: number | null;
}

/** Any record `collectQc` returns. */
export type QcRecord =
  | FastqcReport
  | PicardMetricsFile
  | GatkReport
  | DepthOfCoverageSummary
  | SaturationMutagenesisCounts
  | SamtoolsStats
  | SamtoolsFlagstat
  | SamtoolsIdxstats
  | SamtoolsMarkdup
  | SamtoolsRmdup
  | SamtoolsCoverage
  | SamtoolsAmpliconclip
  | FastpReport
  | MultiqcGeneralStats
  | MultiqcFastqcRow;
