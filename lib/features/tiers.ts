/**
 * Feature tiers: which features a model of a harness step may use, read from the workflow's DAG
 * (lib/workflow: `columnAvailability`) instead of a hand-kept list of stages.
 * - `fastqc-basic` (submission): what MultiQC's FastQC table holds (`MULTIQC_FASTQC_COLUMNS`: read count,
 *   read length, GC %, duplication; bases = reads x length): the tier a MultiQC-only input reaches.
 * - `fastqc` (submission): FastQC of the input reads (its distributions too: quality quartiles, N, GC
 *   curve, adapters, overrepresented sequences) and the input size; the QC nearly every pipeline has.
 * - `fastp` (submission): the above plus fastp's report of the reads.
 * - `in-flight`: when the step is about to start: the above plus what its completed ancestors produced
 *   (their QC outputs, observed CPU/wall time and output size). Never a sibling's or descendant's output.
 */
import { ancestorColumns, columnAvailability, producerOf, type Moment } from "../workflow/harnessDag";
import { FEATURES } from "./registry";
import { MULTIQC_FASTQC_COLUMNS } from "../qc/multiqcTables";
import type { FeatureDef } from "./types";

/** A model's feature tier, poorest first. */
export type Tier = "fastqc-basic" | "fastqc" | "fastp" | "in-flight";
export const TIERS: readonly Tier[] = ["fastqc-basic", "fastqc", "fastp", "in-flight"];

/** The prediction moment of each tier. */
export const TIER_MOMENT: Readonly<Record<Tier, Moment>> = { "fastqc-basic": "submission", fastqc: "submission", fastp: "submission", "in-flight": "in-flight" };

/** Columns of the `fastqc-basic` tier: MultiQC's FastQC table's columns and what derive.ts computes from them alone. */
export const FASTQC_BASIC_COLUMNS: ReadonlySet<string> = new Set<string>([...MULTIQC_FASTQC_COLUMNS, "derived.total_bases", "derived.fastqc_dup_pct"]);

/** Rank of a tier (higher = richer); unknown tiers rank below every known one. */
export function tierRank(tier: string): number {
  return TIERS.indexOf(tier as Tier);
}

/** Registry-style definitions of the observed ancestor columns of `step` (CPU s, wall s, output bytes). */
export function ancestorFeatureDefs(step: string): FeatureDef[] {
  return ancestorColumns(step).map((column) => {
    const [, anc, what] = column.split(".") as [string, string, string];
    const bytes = what === "output_bytes";
    return {
      name: `${anc}_${what}`,
      kind: bytes ? "size" : "quality",
      source: "trace",
      column,
      unit: bytes ? "bytes" : "s",
      transform: "log10",
      stage: "alignment",
      affects: [step],
      rationale: bytes
        ? `Output size of ${anc}, a completed ancestor of ${step}: how much work reaches it.`
        : `Observed ${what === "cpu_s" ? "CPU" : "wall"} time of ${anc}, a completed ancestor of ${step}: carries the input's size and how hard each unit was.`,
    } satisfies FeatureDef;
  });
}

const SUBMISSION_SOURCES: Readonly<Record<"fastqc-basic" | "fastqc" | "fastp", ReadonlySet<string>>> = {
  "fastqc-basic": new Set(["fastqc"]),
  fastqc: new Set(["fastqc"]),
  fastp: new Set(["fastqc", "fastp"]),
};

/**
 * Features of `step` at `tier`, size features first (the tail model's comparables use column 0).
 * QC-file features only at submission (the trace's input byte count is not in QC files; FastQC's read
 * and base counts are the input size); in flight, every registry feature `columnAvailability` allows
 * plus the ancestors' observed columns. Throws on an unknown tier.
 * @example tierFeatures("freebayes", "in-flight").map((f) => f.column)
 */
export function tierFeatures(step: string, tier: Tier, kinds: ReadonlyArray<"size" | "quality"> = ["size", "quality"]): FeatureDef[] {
  if (!TIERS.includes(tier)) throw new Error(`unknown tier '${tier}'; tiers: ${TIERS.join(", ")}`);
  const moment = TIER_MOMENT[tier];
  const pool = FEATURES.filter((f) => f.source !== "trace" && columnAvailability(f.column, step, moment).available);
  const picked = tier === "in-flight" ? [...pool, ...ancestorFeatureDefs(step)] : pool.filter((f) => SUBMISSION_SOURCES[tier].has(producerOf(f.column)) && (tier !== "fastqc-basic" || FASTQC_BASIC_COLUMNS.has(f.column)));
  const chosen = picked.filter((f) => kinds.includes(f.kind));
  return [...chosen.filter((f) => f.kind === "size"), ...chosen.filter((f) => f.kind !== "size")];
}
