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

/** The four steps of the prior (OSRE 2023) analysis, with their labels there. */
export const OSRE_STEPS: ReadonlyArray<{ step: HarnessStep; label: string }> = [
  { step: "bwa_mem", label: "BWA-MEM" },
  { step: "samtools_view", label: "samtools view" },
  { step: "sortsam", label: "SortSam" },
  { step: "markduplicates", label: "MarkDuplicates" },
];

