import type { TransformName } from "../util/transforms";
import type { WideColumn } from "../qc/vocabulary";
import type { DerivedMetrics } from "./derive";

/**
 * A feature's source column: a wide QC column (lib/qc/vocabulary), a derived one (./derive.ts), a
 * trace column (`trace.*`) or an ancestor's observed column (`ancestor.<step>.*`). A column no module
 * declares fails to compile.
 */
export type FeatureColumn = WideColumn | keyof DerivedMetrics | `trace.${string}` | `ancestor.${string}`;

/** How a raw metric becomes a screening feature (lib/util/transforms; models: `modelFeatureTransform`). */
export type Transform = Extract<TransformName, "identity" | "log10" | "log1p" | "logit">;

/** When a metric exists in a workflow: from the reads alone, or only after alignment. */
export type Stage = "input" | "reads" | "alignment";

/** One proposed feature: what it is, where it comes from, why it should matter. */
export interface FeatureDef {
  /** Stable feature name used in models and figures, e.g. "mismatch_rate". */
  readonly name: string;
  /** "size" features say how much work there is; "quality" features say how hard each unit is. */
  readonly kind: "size" | "quality";
  /** Tool that measures it (fastqc, fastp, picard, samtools, trace). */
  readonly source: string;
  /** Column in the per-run metrics row (QC wide row or derived column). */
  readonly column: FeatureColumn;
  readonly unit: string;
  readonly transform: Transform;
  readonly stage: Stage;
  /** Harness steps this feature is expected to affect (the hypothesis, tested in 03-features). */
  readonly affects: readonly string[];
  readonly rationale: string;
}
