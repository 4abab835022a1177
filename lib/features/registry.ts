import type { FeatureDef } from "./types";

const ALIGN = ["bwa_mem", "samtools_view", "sortsam", "markduplicates"];
const CALL = ["bcftools_call", "freebayes"];
const ALL_ALIGNED = [...ALIGN, "alignment_summary", "insert_size", "gc_bias", "wgs_metrics", ...CALL];

/**
 * The proposed features (03-features). Each names its source metric, unit, transform, the steps it
 * should affect and why. Columns are QC wide-row columns (lib/qc) or derived ones (./derive.ts).
 */
export const FEATURES: readonly FeatureDef[] = [
  // --- size: how much work there is
  { name: "input_bytes", kind: "size", source: "trace", column: "trace.input_bytes", unit: "bytes", transform: "log10", stage: "input", affects: ["fastqc", "fastp", "bwa_mem"], rationale: "Every step streams its input; bytes are what a scheduler sees first." },
  { name: "reads", kind: "size", source: "fastqc", column: "fastqc.total_sequences", unit: "reads per mate", transform: "log10", stage: "reads", affects: ["fastqc", "bwa_mem", ...ALL_ALIGNED], rationale: "Aligners and sorters do work per read; read count is size without compression noise." },
  { name: "bases", kind: "size", source: "derived", column: "derived.total_bases", unit: "bases per mate", transform: "log10", stage: "reads", affects: ["bwa_mem", "freebayes", "bcftools_call"], rationale: "Seed extension and pileups scale with bases, not reads." },
  { name: "read_length", kind: "quality", source: "fastqc", column: "fastqc.avg_sequence_length", unit: "bp", transform: "identity", stage: "reads", affects: ["bwa_mem"], rationale: "Longer reads mean more seeds and longer Smith-Waterman extensions per read." },
  // --- base quality and errors
  { name: "mean_base_quality", kind: "quality", source: "fastqc", column: "fastqc.mean_quality", unit: "Phred", transform: "identity", stage: "reads", affects: ["bwa_mem", "freebayes", "bcftools_call"], rationale: "Low quality means sequencing errors: fewer exact seeds, more extension work, more candidate alleles." },
  { name: "low_quartile_base_quality", kind: "quality", source: "derived", column: "derived.lowq_base_quality", unit: "Phred", transform: "identity", stage: "reads", affects: ["bwa_mem", "freebayes"], rationale: "The error-rich tail of the reads drives re-seeding, not the mean." },
  { name: "pct_q30", kind: "quality", source: "fastp", column: "fastp.before_q30_rate", unit: "fraction", transform: "identity", stage: "reads", affects: ["bwa_mem", "freebayes", "bcftools_call"], rationale: "Share of bases at Q30+: the standard run-level quality figure." },
  { name: "n_content", kind: "quality", source: "fastqc", column: "fastqc.n_content_max_pct", unit: "%", transform: "identity", stage: "reads", affects: ["bwa_mem"], rationale: "N bases break seeds." },
  { name: "mismatch_rate", kind: "quality", source: "picard", column: "picard.aln.pf_mismatch_rate", unit: "fraction", transform: "identity", stage: "alignment", affects: ["bwa_mem", ...CALL], rationale: "Mismatches lengthen BWA-MEM seed extension and create candidate variants for callers." },
  { name: "error_rate", kind: "quality", source: "samtools", column: "samtools.error_rate", unit: "fraction", transform: "identity", stage: "alignment", affects: ["bwa_mem", ...CALL], rationale: "samtools' mismatches per mapped base: the same signal measured independently." },
  // --- composition
  { name: "gc_percent", kind: "quality", source: "fastqc", column: "fastqc.percent_gc", unit: "%", transform: "identity", stage: "reads", affects: ["gc_bias", "wgs_metrics"], rationale: "GC-biased libraries change coverage evenness and so per-locus work." },
  { name: "gc_deviation", kind: "quality", source: "derived", column: "derived.gc_deviation_pct", unit: "%", transform: "identity", stage: "reads", affects: ["bwa_mem", ...CALL], rationale: "A per-read GC distribution far from one normal curve signals contamination or bias." },
  // --- duplicates
  { name: "fastqc_dup", kind: "quality", source: "fastqc", column: "derived.fastqc_dup_pct", unit: "%", transform: "identity", stage: "reads", affects: ["markduplicates", "sortsam", ...CALL], rationale: "Duplicates (100 - FastQC total deduplicated %) sit at identical positions: MarkDuplicates compares them, callers pile them up." },
  { name: "picard_dup", kind: "quality", source: "picard", column: "picard.dup.percent_duplication", unit: "fraction", transform: "identity", stage: "alignment", affects: ["markduplicates", ...CALL], rationale: "Picard's duplicate fraction measured on the alignments." },
  { name: "fastp_dup", kind: "quality", source: "fastp", column: "fastp.duplication_rate_pct", unit: "%", transform: "identity", stage: "reads", affects: ["markduplicates"], rationale: "fastp's duplicate estimate from the reads, available before alignment." },
  // --- adapters and clipping
  { name: "adapter_content", kind: "quality", source: "fastqc", column: "fastqc.adapter_max_pct", unit: "%", transform: "identity", stage: "reads", affects: ["bwa_mem", "insert_size"], rationale: "Adapter read-through adds unalignable tails: more soft-clipping and failed extensions." },
  { name: "fastp_adapter_reads", kind: "quality", source: "fastp", column: "fastp.adapter_trimmed_reads_pct", unit: "%", transform: "identity", stage: "reads", affects: ["bwa_mem"], rationale: "Share of reads in which fastp found adapter." },
  { name: "overrepresented", kind: "quality", source: "fastqc", column: "fastqc.overrepresented_pct", unit: "%", transform: "identity", stage: "reads", affects: ["bwa_mem", "markduplicates"], rationale: "Overrepresented sequences are adapters, dimers or duplicates." },
  { name: "soft_clip_rate", kind: "quality", source: "samtools", column: "samtools.soft_clipped_bases_pct", unit: "%", transform: "identity", stage: "alignment", affects: ["bwa_mem", ...CALL], rationale: "Soft-clipped bases are work BWA did without a result; callers realign around clips." },
  // --- mapping and fragments
  { name: "mapping_rate", kind: "quality", source: "picard", column: "picard.aln.pct_pf_reads_aligned", unit: "fraction", transform: "identity", stage: "alignment", affects: ["bwa_mem", "sortsam", "markduplicates", ...CALL], rationale: "Unmapped reads (contamination, divergence) cost BWA a full search and nothing downstream." },
  { name: "contamination_proxy", kind: "quality", source: "derived", column: "derived.unmapped_fraction", unit: "fraction", transform: "identity", stage: "alignment", affects: ["bwa_mem", ...CALL], rationale: "1 - mapped fraction: reads from another genome search the whole index and fail." },
  { name: "chimeric_rate", kind: "quality", source: "picard", column: "picard.aln.pct_chimeras", unit: "fraction", transform: "identity", stage: "alignment", affects: ["bwa_mem", "markduplicates"], rationale: "Chimeric pairs trigger supplementary alignments and mate rescue." },
  { name: "insert_mean", kind: "quality", source: "picard", column: "picard.insert.mean_insert_size", unit: "bp", transform: "identity", stage: "alignment", affects: ["bwa_mem", "insert_size"], rationale: "Short inserts mean overlapping mates and adapter read-through; long ones change mate rescue." },
  { name: "insert_sd", kind: "quality", source: "picard", column: "picard.insert.standard_deviation", unit: "bp", transform: "identity", stage: "alignment", affects: ["bwa_mem"], rationale: "A wide insert distribution weakens BWA's pairing statistics and raises mate-rescue work." },
  { name: "coverage_sd_ratio", kind: "quality", source: "derived", column: "derived.coverage_cv", unit: "ratio", transform: "identity", stage: "alignment", affects: [...CALL, "wgs_metrics"], rationale: "Uneven coverage (sd / mean) concentrates pileup work in deep regions." },
  { name: "at_dropout", kind: "quality", source: "picard", column: "picard.gcbias.at_dropout", unit: "%", transform: "identity", stage: "alignment", affects: [...CALL, "wgs_metrics"], rationale: "GC-biased sampling leaves AT-rich regions thin and others deep." },
];

/** A feature by name (throws on an unknown name: a typo must not silently drop a feature). */
export function feature(name: string): FeatureDef {
  const f = FEATURES.find((x) => x.name === name);
  if (!f) throw new Error(`unknown feature '${name}'; known: ${FEATURES.map((x) => x.name).join(", ")}`);
  return f;
}
