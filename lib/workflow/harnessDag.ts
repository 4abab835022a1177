import { ancestors, makeDag, type WorkflowDag } from "./dag";

/**
 * The harness workflow's dependency graph (harness/Snakefile), declared here and checked against
 * `snakemake --rulegraph` in harnessDag.test.ts, so a change to the Snakefile that this file does not
 * follow fails a test. Bookkeeping rules (`all`, `collect`) are left out.
 */
export const HARNESS_DAG: WorkflowDag = makeDag("harness/Snakefile", [
  ["simulate", "fastqc"], ["simulate", "fastp"], ["simulate", "bwa_mem"],
  ["bwa_mem", "samtools_view"], ["samtools_view", "sortsam"], ["sortsam", "markduplicates"],
  ["simulate", "flagstat_stats"], ["markduplicates", "flagstat_stats"],
  ["markduplicates", "alignment_summary"], ["markduplicates", "insert_size"], ["markduplicates", "gc_bias"],
  ["markduplicates", "wgs_metrics"], ["markduplicates", "bcftools_call"], ["markduplicates", "freebayes"],
]);

/** Rules of harness/Snakefile that are bookkeeping, not workflow steps. */
export const HARNESS_BOOKKEEPING_RULES: ReadonlySet<string> = new Set(["all", "collect"]);

/**
 * When a prediction is made.
 * - `submission`: before the workflow runs. Known: the input's size and the QC of the input reads
 *   (FastQC, fastp: what a sequencing core or MultiQC hands over with the FASTQ).
 * - `in-flight`: when the step is about to start. Known in addition: what the step's completed
 *   ancestors produced: their QC outputs and their own observed run time and output size.
 */
export type Moment = "submission" | "in-flight";
export const MOMENTS: readonly Moment[] = ["submission", "in-flight"];

/** QC tools that describe the input reads themselves (known at submission). */
export const INPUT_QC_TOOLS: ReadonlySet<string> = new Set(["fastqc", "fastp"]);

/**
 * The harness rule whose output a wide QC column is computed from ("input" for the input's size,
 * known at submission). Derived columns name the rule of the metrics they are computed from
 * (lib/features/derive.ts). Throws on a column it does not know: a new column must say where it comes from.
 */
export function producerOf(column: string): string {
  if (column === "trace.input_bytes") return "input";
  if (column.startsWith("ancestor.")) return column.split(".")[1]!;
  const derived: Record<string, string> = {
    "derived.total_bases": "fastqc", "derived.lowq_base_quality": "fastqc", "derived.gc_deviation_pct": "fastqc",
    "derived.fastqc_dup_pct": "fastqc", "derived.unmapped_fraction": "alignment_summary", "derived.coverage_cv": "wgs_metrics",
  };
  if (column in derived) return derived[column]!;
  const prefixes: Array<[string, string]> = [
    ["fastqc.", "fastqc"], ["fastp.", "fastp"], ["picard.dup.", "markduplicates"], ["samtools.", "flagstat_stats"],
    ["picard.aln.", "alignment_summary"], ["picard.insert.", "insert_size"], ["picard.gcbias.", "gc_bias"],
    ["picard.wgs.", "wgs_metrics"],
  ];
  for (const [p, rule] of prefixes) if (column.startsWith(p)) return rule;
  throw new Error(`harness DAG: no producing rule known for column '${column}' (add it to producerOf in lib/workflow/harnessDag.ts)`);
}

/** Why a column is or is not known when `step` starts at `moment`. */
export interface Availability { readonly available: boolean; readonly producer: string; readonly reason: string }

/** Is `column` known when `step` starts, at `moment`? Never from a sibling's or descendant's output. */
export function columnAvailability(column: string, step: string, moment: Moment, dag: WorkflowDag = HARNESS_DAG): Availability {
  const producer = producerOf(column);
  if (producer === "input") return { available: true, producer, reason: "input size, known at submission" };
  if (INPUT_QC_TOOLS.has(producer) && !column.startsWith("ancestor.")) return { available: true, producer, reason: `QC of the input reads (${producer}), known at submission` };
  if (moment === "submission") return { available: false, producer, reason: `output of the workflow step ${producer}: not known at submission` };
  if (producer === step) return { available: false, producer, reason: `output of ${step} itself` };
  if (ancestors(dag, step).has(producer)) return { available: true, producer, reason: `output of ${producer}, a completed ancestor of ${step}` };
  return { available: false, producer, reason: `output of ${producer}, not an ancestor of ${step} in ${dag.name} (sibling or descendant)` };
}

/**
 * In-flight columns observed on a step's completed ancestors: their CPU time, wall time and output bytes
 * (`ancestor.<step>.cpu_s` ...), e.g. BWA-MEM's CPU time and SAM size when SortSam is about to start.
 * `simulate` is the input generator, not a workflow step of a real pipeline, and is left out.
 */
export function ancestorColumns(step: string, dag: WorkflowDag = HARNESS_DAG): Array<`ancestor.${string}`> {
  return [...ancestors(dag, step)].filter((a) => a !== "simulate")
    .sort((a, b) => dag.steps.indexOf(a) - dag.steps.indexOf(b))
    .flatMap((a): Array<`ancestor.${string}`> => [`ancestor.${a}.cpu_s`, `ancestor.${a}.wall_s`, `ancestor.${a}.output_bytes`]);
}
