import type { DesignEffectRow } from "./designEffects";
import type { FactorEffectRow } from "./factorEffects";
import type { FeatureEffect } from "./featureEffects";

/** A mechanism we expect from how the tool works, with the factor and feature that test it. */
export interface Mechanism {
  readonly id: string;
  readonly step: string;
  /** Controlled factor (design column) that should move the step's time. */
  readonly factor: string;
  /** QC feature an operator would see for the same cause. */
  readonly feature: string;
  /** Expected direction: +1 = time rises with the factor's extreme level / the feature. */
  readonly sign: 1 | -1;
  readonly claim: string;
}

/** The mechanisms 04-analysis tests (each tied to what the tool does per read or per locus). */
export const MECHANISMS: readonly Mechanism[] = [
  { id: "errors-bwa", step: "bwa_mem", factor: "qual_shift", feature: "mismatch_rate", sign: 1, claim: "Sequencing errors break exact seeds, so BWA-MEM re-seeds and extends more per read." },
  { id: "errors-freebayes", step: "freebayes", factor: "qual_shift", feature: "mismatch_rate", sign: 1, claim: "Errors create candidate alleles at many loci, and freebayes evaluates haplotypes for each." },
  { id: "errors-bcftools", step: "bcftools_call", factor: "qual_shift", feature: "mismatch_rate", sign: 1, claim: "bcftools mpileup computes genotype likelihoods at every site with non-reference bases." },
  { id: "dups-markdup", step: "markduplicates", factor: "dup_rate", feature: "picard_dup", sign: 1, claim: "Duplicates share start positions; MarkDuplicates compares and sorts more read ends per position." },
  { id: "adapter-bwa", step: "bwa_mem", factor: "adapter_frac", feature: "soft_clip_rate", sign: 1, claim: "Adapter read-through leaves unalignable tails that BWA-MEM tries to extend, then soft-clips." },
  { id: "contam-bwa", step: "bwa_mem", factor: "contam_frac", feature: "contamination_proxy", sign: 1, claim: "Reads from another genome search the whole index and fail, costing a full seed search each." },
  { id: "divergent-bwa", step: "bwa_mem", factor: "divergent_frac", feature: "mismatch_rate", sign: 1, claim: "A divergent strain looks like errors to the aligner: more mismatches, more extension." },
  { id: "divergent-freebayes", step: "freebayes", factor: "divergent_frac", feature: "mismatch_rate", sign: 1, claim: "True variants from a divergent strain are real candidate alleles for the caller." },
  { id: "length-bwa", step: "bwa_mem", factor: "read_len", feature: "read_length", sign: 1, claim: "Longer reads carry more seeds and longer extensions per read (at equal read count, more bases)." },
  { id: "insert-bwa", step: "bwa_mem", factor: "insert_sd", feature: "insert_sd", sign: 1, claim: "A wide insert distribution weakens pairing and triggers more mate rescue (Smith-Waterman in a window)." },
  { id: "gcbias-callers", step: "freebayes", factor: "gc_bias", feature: "coverage_sd_ratio", sign: 1, claim: "GC-biased sampling makes coverage uneven; deep regions cost the caller more than thin ones save." },
];

export type Verdict = "supported (design and screening)" | "supported by the controlled design" | "supported by screening only" | "not distinguishable from noise here" | "contradicted";

export interface MechanismEvidence {
  readonly mechanism: Mechanism;
  readonly factorRatio: number | undefined;
  readonly factorLevel: number | string | undefined;
  readonly noiseCv: number | undefined;
  /**
   * Joint design effect (all factors varying, `designEffects`), oriented from the baseline level
   * towards the extreme level (e.g. qual_shift 0 → -15), with its CI.
   */
  readonly jointRatio: number | undefined;
  readonly jointLo: number | undefined;
  readonly jointHi: number | undefined;
  readonly partial: number | undefined;
  readonly partialLo: number | undefined;
  readonly partialHi: number | undefined;
  readonly n: number | undefined;
  readonly verdict: Verdict;
}

/** When no repeated runs exist yet, noise is taken as this CV (stated in the report). */
export const DEFAULT_NOISE_CV = 0.1;

/**
 * Evidence for each mechanism. The controlled design counts as support when the one-factor effect
 * exceeds 2x noise in the expected direction, or when the joint design effect's CI (all factors
 * varying; optional `joint` rows) lies entirely on the expected side of 1 — and neither points the
 * other way. Screening counts when the partial correlation's CI excludes 0 with the expected sign.
 * A factor's direction is from its baseline towards its extreme level (qual_shift -15 = more errors).
 */
export function mechanismEvidence(mechanisms: readonly Mechanism[], factors: readonly FactorEffectRow[], effects: readonly FeatureEffect[], joint: readonly DesignEffectRow[] = []): MechanismEvidence[] {
  return mechanisms.map((m) => {
    const f = factors.find((r) => r.factor === m.factor && r.step === m.step);
    const e = effects.find((r) => r.feature === m.feature && r.step === m.step);
    const j = joint.find((r) => r.factor === m.factor && r.step === m.step);
    const cv = f && Number.isFinite(f.noiseCv) ? f.noiseCv : DEFAULT_NOISE_CV;
    const ofatUp = f ? Math.sign(Math.log(f.ratio)) === m.sign && Math.abs(f.ratio - 1) > 2 * cv : false;
    const ofatDown = f ? Math.sign(Math.log(f.ratio)) === -m.sign && Math.abs(f.ratio - 1) > 2 * cv : false;
    // Orient the joint multiplier (upper / lower end of the range) from baseline towards the extreme level.
    const towardsLow = f && typeof f.extremeLevel === "number" && typeof f.baselineLevel === "number" ? f.extremeLevel < f.baselineLevel : false;
    const orient = (v: number | undefined): number | undefined => (v === undefined || !Number.isFinite(v) ? undefined : towardsLow ? 1 / v : v);
    const jr = orient(j?.multiplier);
    const [jlo, jhi] = towardsLow ? [orient(j?.ciHi), orient(j?.ciLo)] : [orient(j?.ciLo), orient(j?.ciHi)];
    const jointUp = jlo !== undefined && jhi !== undefined && (m.sign > 0 ? jlo > 1 : jhi < 1);
    const jointDown = jlo !== undefined && jhi !== undefined && (m.sign > 0 ? jhi < 1 : jlo > 1);
    const designUp = (ofatUp || jointUp) && !(ofatDown || jointDown);
    const designDown = (ofatDown || jointDown) && !(ofatUp || jointUp);
    const screenUp = e ? (m.sign > 0 ? e.partialLo > 0 : e.partialHi < 0) : false;
    const screenDown = e ? (m.sign > 0 ? e.partialHi < 0 : e.partialLo > 0) : false;
    let verdict: Verdict;
    if (designUp && screenUp) verdict = "supported (design and screening)";
    else if (designUp && !screenDown) verdict = "supported by the controlled design";
    else if (screenUp && !designDown) verdict = "supported by screening only";
    else if (designDown || screenDown) verdict = "contradicted";
    else verdict = "not distinguishable from noise here";
    return {
      mechanism: m,
      factorRatio: f?.ratio,
      factorLevel: f?.extremeLevel,
      noiseCv: f ? f.noiseCv : undefined,
      jointRatio: jr,
      jointLo: jlo,
      jointHi: jhi,
      partial: e?.partial,
      partialLo: e?.partialLo,
      partialHi: e?.partialHi,
      n: e?.n,
      verdict,
    };
  });
}

/** One markdown sentence stating a mechanism's verdict and the numbers behind it. */
export function describeEvidence(e: MechanismEvidence): string {
  const f = (v: number | undefined, d = 2): string => (v === undefined || !Number.isFinite(v) ? "n/a" : v.toFixed(d));
  const m = e.mechanism;
  const joint = e.jointRatio === undefined ? "" : `; with all factors varying, ${f(e.jointRatio)}x [${f(e.jointLo)}, ${f(e.jointHi)}] towards that level`;
  return `**${e.verdict}** — ${m.factor} at ${e.factorLevel ?? "n/a"}: ${f(e.factorRatio)}x baseline CPU time (noise CV ${f(e.noiseCv)})${joint}; partial r of ${m.feature} = ${f(e.partial)} [${f(e.partialLo)}, ${f(e.partialHi)}], n = ${e.n ?? 0}.`;
}
