/**
 * Steps of the DNA-seq harness workflow in execution order (process names in data/harness/trace.tsv),
 * with the stage after which each step's inputs exist. A feature of stage "alignment" is only known
 * after bwa_mem has run, so a model predicting bwa_mem may not use it.
 */
export const HARNESS_STEPS = [
  "fastqc", "fastp", "bwa_mem", "samtools_view", "sortsam", "markduplicates", "flagstat_stats",
  "alignment_summary", "insert_size", "gc_bias", "wgs_metrics", "bcftools_call", "freebayes",
] as const;

export type HarnessStep = (typeof HARNESS_STEPS)[number];

const READS_ONLY = new Set<string>(["fastqc", "fastp", "bwa_mem"]);

/** Which feature stages are available before `step` runs (no leakage from its own outputs). */
export function stagesAvailableBefore(step: string): ReadonlyArray<"input" | "reads" | "alignment"> {
  return READS_ONLY.has(step) ? ["input", "reads"] : ["input", "reads", "alignment"];
}
