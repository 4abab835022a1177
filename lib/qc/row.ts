/**
 * The wide per-sample row, as a plain object type, so features/models can use it without arquero.
 * Column names are `tool.[class.]metric`; units in the name: `_pct` = percent 0..100, `_rate` =
 * fraction 0..1 (fastp, samtools), Picard `pct_*` = fraction 0..1 exactly as Picard writes it.
 * Numbers are `number | null`; every column may be absent when no file gave it.
 */
export interface QcSampleRow {
  /** Cleaned sample name (join key). */
  sample: string;
  /** Raw names this sample was seen under, "; "-joined. */
  sample_raw: string;
  /** How many records (files / sections) contributed. */
  n_records: number;
  "fastqc.total_sequences"?: number | null;
  "fastqc.sequences_flagged_poor_quality"?: number | null;
  "fastqc.percent_gc"?: number | null;
  "fastqc.sequence_length_min"?: number | null;
  "fastqc.sequence_length_max"?: number | null;
  "fastqc.avg_sequence_length"?: number | null;
  "fastqc.mean_quality"?: number | null;
  /** Percent of reads with mean quality ≥ 30 (FastQC per-sequence quality), proxy for % Q30 bases. */
  "fastqc.pct_q30_bases"?: number | null;
  "fastqc.adapter_max_pct"?: number | null;
  "fastqc.total_deduplicated_pct"?: number | null;
  "fastqc.overrepresented_pct"?: number | null;
  "fastqc.n_content_max_pct"?: number | null;
  "fastqc.n_modules_fail"?: number | null;
  "fastqc.n_modules_warn"?: number | null;
  "fastp.before_total_reads"?: number | null;
  "fastp.before_total_bases"?: number | null;
  "fastp.before_q30_rate"?: number | null;
  "fastp.before_gc_content"?: number | null;
  "fastp.after_total_reads"?: number | null;
  "fastp.after_q30_rate"?: number | null;
  "fastp.passed_filter_pct"?: number | null;
  "fastp.low_quality_pct"?: number | null;
  "fastp.duplication_rate_pct"?: number | null;
  "fastp.adapter_trimmed_reads_pct"?: number | null;
  "fastp.insert_size_peak"?: number | null;
  /** AlignmentSummaryMetrics category the aln columns come from (PAIR, else UNPAIRED, else FIRST_OF_PAIR). */
  "picard.aln.category"?: string | null;
  "picard.aln.total_reads"?: number | null;
  "picard.aln.pct_pf_reads_aligned"?: number | null;
  "picard.aln.pf_mismatch_rate"?: number | null;
  "picard.aln.pf_hq_error_rate"?: number | null;
  "picard.aln.pct_chimeras"?: number | null;
  "picard.aln.pct_adapter"?: number | null;
  "picard.aln.mean_read_length"?: number | null;
  "picard.dup.percent_duplication"?: number | null;
  "picard.dup.estimated_library_size"?: number | null;
  "picard.insert.mean_insert_size"?: number | null;
  "picard.insert.median_insert_size"?: number | null;
  "picard.insert.standard_deviation"?: number | null;
  "picard.wgs.mean_coverage"?: number | null;
  "picard.wgs.sd_coverage"?: number | null;
  "picard.wgs.pct_exc_mapq"?: number | null;
  "picard.wgs.pct_exc_dupe"?: number | null;
  "picard.wgs.pct_exc_unpaired"?: number | null;
  "picard.wgs.pct_exc_baseq"?: number | null;
  "picard.wgs.pct_exc_overlap"?: number | null;
  "picard.wgs.pct_exc_capped"?: number | null;
  "picard.wgs.pct_exc_total"?: number | null;
  "picard.wgs.pct_30x"?: number | null;
  "picard.hs.mean_target_coverage"?: number | null;
  "picard.hs.fold_enrichment"?: number | null;
  "picard.gcbias.at_dropout"?: number | null;
  "picard.gcbias.gc_dropout"?: number | null;
  "picard.rnaseq.pct_mrna_bases"?: number | null;
  "picard.qy.pct_q30_bases"?: number | null;
  "samtools.raw_total_sequences"?: number | null;
  "samtools.reads_mapped_pct"?: number | null;
  "samtools.error_rate"?: number | null;
  "samtools.average_quality"?: number | null;
  "samtools.insert_size_average"?: number | null;
  "samtools.soft_clipped_bases_pct"?: number | null;
  "samtools.flagstat.total"?: number | null;
  "samtools.flagstat.mapped_pct"?: number | null;
  "samtools.markdup.duplicate_pct"?: number | null;
  "gatk.bqsr.empirical_error_rate"?: number | null;
  "gatk.varianteval.titv_ratio"?: number | null;
  "gatk.doc.mean_coverage"?: number | null;
  /** Any other column (`picard.*`, `samtools.*`, `multiqc.*`, ...). */
  [column: string]: string | number | null | undefined;
}

/** Tool order of column groups in the table. */
export const TOOL_ORDER = ["fastqc", "fastp", "picard", "samtools", "gatk", "multiqc"] as const;
