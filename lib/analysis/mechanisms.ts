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
  readonly partial: number | undefined;
  readonly partialLo: number | undefined;
  readonly partialHi: number | undefined;
  readonly n: number | undefined;
  readonly verdict: Verdict;
}

/** When no repeated runs exist yet, noise is taken as this CV (stated in the report). */
export const DEFAULT_NOISE_CV = 0.1;

/**
 * Evidence for each mechanism: the controlled one-factor effect (ratio vs 2x noise) and the screening
 * partial correlation (CI excluding 0 with the expected sign). Sign of a factor is taken from its
 * extreme level relative to baseline (e.g. qual_shift -15 is "more errors").
 */
export function mechanismEvidence(mechanisms: readonly Mechanism[], factors: readonly FactorEffectRow[], effects: readonly FeatureEffect[]): MechanismEvidence[] {
  return mechanisms.map((m) => {
    const f = factors.find((r) => r.factor === m.factor && r.step === m.step);
    const e = effects.find((r) => r.feature === m.feature && r.step === m.step);
    const cv = f && Number.isFinite(f.noiseCv) ? f.noiseCv : DEFAULT_NOISE_CV;
    const designUp = f ? Math.sign(Math.log(f.ratio)) === m.sign && Math.abs(f.ratio - 1) > 2 * cv : false;
    const designDown = f ? Math.sign(Math.log(f.ratio)) === -m.sign && Math.abs(f.ratio - 1) > 2 * cv : false;
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
  return `**${e.verdict}** — ${m.factor} at ${e.factorLevel ?? "n/a"}: ${f(e.factorRatio)}x baseline CPU time (noise CV ${f(e.noiseCv)}); partial r of ${m.feature} = ${f(e.partial)} [${f(e.partialLo)}, ${f(e.partialHi)}], n = ${e.n ?? 0}.`;
}
