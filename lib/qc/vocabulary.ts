/**
 * The wide QC row's one vocabulary: every column a QC module's `wide()` emits, declared per tool.
 * Column names are `tool.[class.]metric`; units in the name: `_pct` = percent 0..100, `_rate` = fraction
 * 0..1 (fastp, samtools), Picard `pct_*` = fraction 0..1 exactly as Picard writes it; FastQC's
 * `pct_q30_bases` is the percent of reads with mean quality >= 30 (a proxy: FastQC has no per-base Q30
 * count); `picard.aln.category` is the AlignmentSummaryMetrics category the aln columns come from.
 * Two families are open-ended: MultiQC general statistics pass through as `multiqc.<column>`, and GATK
 * DepthOfCoverage writes one `gatk.doc.pct_bases_above_<N>` per threshold it was run with.
 *
 * The wide() functions are typed against these lists, so a renamed or new column fails to compile until
 * it is declared here; `vocabulary.test.ts` runs every module on real outputs and fails when a module
 * emits an undeclared column or a declared column is emitted by no module.
 */
import type { Cell } from "./types";

/** Declared wide columns per tool. */
export const WIDE_COLUMNS = {
  fastqc: [
    "fastqc.adapter_max_pct",
    "fastqc.avg_sequence_length",
    "fastqc.mean_quality",
    "fastqc.n_content_max_pct",
    "fastqc.n_modules_fail",
    "fastqc.n_modules_warn",
    "fastqc.overrepresented_pct",
    "fastqc.pct_q30_bases",
    "fastqc.percent_gc",
    "fastqc.sequence_length_max",
    "fastqc.sequence_length_min",
    "fastqc.sequences_flagged_poor_quality",
    "fastqc.total_deduplicated_pct",
    "fastqc.total_sequences",
  ],
  fastp: [
    "fastp.adapter_trimmed_reads_pct",
    "fastp.after_q30_rate",
    "fastp.after_total_reads",
    "fastp.before_gc_content",
    "fastp.before_q30_rate",
    "fastp.before_read1_mean_length",
    "fastp.before_total_bases",
    "fastp.before_total_reads",
    "fastp.duplication_rate_pct",
    "fastp.insert_size_peak",
    "fastp.low_quality_pct",
    "fastp.passed_filter_pct",
    "fastp.too_many_n_pct",
    "fastp.too_short_pct",
  ],
  picard: [
    "picard.aln.category",
    "picard.aln.mean_read_length",
    "picard.aln.pct_adapter",
    "picard.aln.pct_chimeras",
    "picard.aln.pct_pf_reads_aligned",
    "picard.aln.pf_aligned_bases",
    "picard.aln.pf_hq_error_rate",
    "picard.aln.pf_indel_rate",
    "picard.aln.pf_mismatch_rate",
    "picard.aln.pf_reads_aligned",
    "picard.aln.strand_balance",
    "picard.aln.total_reads",
    "picard.dup.estimated_library_size",
    "picard.dup.percent_duplication",
    "picard.dup.read_pair_optical_duplicates",
    "picard.dup.read_pairs_examined",
    "picard.dup.unpaired_reads_examined",
    "picard.gcbias.aligned_reads",
    "picard.gcbias.at_dropout",
    "picard.gcbias.gc_dropout",
    "picard.gcbias.normalized_coverage_range_20_80",
    "picard.hs.at_dropout",
    "picard.hs.fold_enrichment",
    "picard.hs.gc_dropout",
    "picard.hs.mean_target_coverage",
    "picard.hs.median_target_coverage",
    "picard.hs.pct_off_bait",
    "picard.hs.pct_target_bases_20x",
    "picard.hs.pct_target_bases_30x",
    "picard.hs.pf_unique_reads",
    "picard.hs.total_reads",
    "picard.hs.zero_cvg_targets_pct",
    "picard.insert.mean_insert_size",
    "picard.insert.median_insert_size",
    "picard.insert.pair_orientation",
    "picard.insert.read_pairs",
    "picard.insert.standard_deviation",
    "picard.qy.pct_q30_bases",
    "picard.qy.read_length",
    "picard.qy.total_bases",
    "picard.qy.total_reads",
    "picard.rnaseq.median_5prime_to_3prime_bias",
    "picard.rnaseq.median_cv_coverage",
    "picard.rnaseq.pct_coding_bases",
    "picard.rnaseq.pct_intergenic_bases",
    "picard.rnaseq.pct_intronic_bases",
    "picard.rnaseq.pct_mrna_bases",
    "picard.rnaseq.pct_ribosomal_bases",
    "picard.rnaseq.pct_utr_bases",
    "picard.rnaseq.pf_aligned_bases",
    "picard.rnaseq.pf_bases",
    "picard.wgs.genome_territory",
    "picard.wgs.mad_coverage",
    "picard.wgs.mean_coverage",
    "picard.wgs.median_coverage",
    "picard.wgs.pct_10x",
    "picard.wgs.pct_20x",
    "picard.wgs.pct_30x",
    "picard.wgs.pct_exc_baseq",
    "picard.wgs.pct_exc_capped",
    "picard.wgs.pct_exc_dupe",
    "picard.wgs.pct_exc_mapq",
    "picard.wgs.pct_exc_overlap",
    "picard.wgs.pct_exc_total",
    "picard.wgs.pct_exc_unpaired",
    "picard.wgs.sd_coverage",
  ],
  samtools: [
    "samtools.average_length",
    "samtools.average_quality",
    "samtools.bases_mapped_cigar",
    "samtools.coverage.mean_depth",
    "samtools.error_rate",
    "samtools.flagstat.duplicates_pct",
    "samtools.flagstat.mapped_pct",
    "samtools.flagstat.properly_paired_pct",
    "samtools.flagstat.secondary",
    "samtools.flagstat.singletons_pct",
    "samtools.flagstat.supplementary",
    "samtools.flagstat.total",
    "samtools.idxstats.chrM_mapped_pct",
    "samtools.idxstats.mapped",
    "samtools.idxstats.n_refs",
    "samtools.idxstats.unmapped",
    "samtools.insert_size_average",
    "samtools.insert_size_standard_deviation",
    "samtools.markdup.duplicate_pct",
    "samtools.markdup.estimated_library_size",
    "samtools.markdup.optical_duplicates",
    "samtools.raw_total_sequences",
    "samtools.reads_duplicated_pct",
    "samtools.reads_mapped",
    "samtools.reads_mapped_pct",
    "samtools.reads_mq0_pct",
    "samtools.reads_properly_paired_pct",
    "samtools.rmdup.duplicate_pct",
    "samtools.soft_clipped_bases_pct",
  ],
  gatk: [
    "gatk.bqsr.empirical_error_rate",
    "gatk.bqsr.observations",
    "gatk.doc.granular_median",
    "gatk.doc.mean_coverage",
    "gatk.doc.total_bases",
    "gatk.varianteval.n_deletions",
    "gatk.varianteval.n_insertions",
    "gatk.varianteval.n_snps",
    "gatk.varianteval.titv_ratio",
  ],
} as const;

/** Tools with a declared column list. */
export type WideTool = keyof typeof WIDE_COLUMNS;

/** A declared column of one tool. */
export type ToolColumn<T extends WideTool> = (typeof WIDE_COLUMNS)[T][number];

/** Every declared (fixed) wide column. */
export type WideColumn = ToolColumn<WideTool>;

/** Open-ended column families (prefix → the tool emitting them). */
export const WIDE_COLUMN_FAMILIES: Readonly<Record<string, string>> = { "multiqc.": "multiqc", "gatk.doc.pct_bases_above_": "gatk" };

/** Column names of the open-ended families. */
export type WideColumnFamily = `multiqc.${string}` | `gatk.doc.pct_bases_above_${string}`;

/** Wide columns of one record or row: any declared column or family member, each possibly absent. */
export type WideColumns = { [K in WideColumn]?: Cell } & { [k: `multiqc.${string}`]: Cell | undefined; [k: `gatk.doc.pct_bases_above_${string}`]: Cell | undefined };

/** A tool's own columns, each possibly absent (a wide() that emits a subset of its tool's list). */
export type ToolColumns<T extends WideTool, V = number | null> = { [K in ToolColumn<T>]?: V };

const FIXED: ReadonlySet<string> = new Set(Object.values(WIDE_COLUMNS).flat());

/** Is `column` in the vocabulary (a declared column or a member of an open family)? */
export function isWideColumn(column: string): boolean {
  return FIXED.has(column) || Object.keys(WIDE_COLUMN_FAMILIES).some((p) => column.startsWith(p) && column.length > p.length);
}
