/**
 * Steps of the DNA-seq harness workflow in execution order (process names in data/harness/trace.tsv).
 * Which features a model of a step may use comes from the workflow's dependency graph
 * (lib/workflow/harnessDag.ts, through lib/features/tiers.ts), not from this list.
 */
export const HARNESS_STEPS = [
  "fastqc", "fastp", "bwa_mem", "samtools_view", "sortsam", "markduplicates", "flagstat_stats",
  "alignment_summary", "insert_size", "gc_bias", "wgs_metrics", "bcftools_call", "freebayes",
] as const;

export type HarnessStep = (typeof HARNESS_STEPS)[number];
