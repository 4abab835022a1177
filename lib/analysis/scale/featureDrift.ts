import type { HarnessRun } from "../../data/harness";
import { mean } from "../../util/stats";
import { scaleCells, type ScaleOptions } from "./multipliers";

/**
 * Do the input's QC features hold still as the input grows? A feature meant to describe the quality of a
 * library should read the same on a larger sample of it. One that moves with size mixes size into
 * "quality" for any model trained on small inputs, and makes a quality effect measured at one size look
 * different at another.
 *
 * Per feature, genome and quality configuration: the mean value over the runs of each size, the change
 * from the smallest size to the largest, and that change relative to the feature's signal: the range of its
 * cell means over every configuration at each genome's smallest size, what the feature is there to tell
 * apart (one signal per feature, so a genome with fewer configurations is measured on the same scale).
 */
export interface FeatureDriftRow {
  readonly feature: string;
  readonly genome: string;
  readonly quality: string;
  /** Mean over the cell's runs at each size, ascending; sizes whose runs lack the feature are absent. */
  readonly bySize: readonly { readonly nPairs: number; readonly value: number; readonly runs: number }[];
  /** Value at the largest size minus the value at the smallest. */
  readonly change: number;
  /** Range of the feature's cell means over every configuration at each genome's smallest size. */
  readonly signal: number;
  /** |change| / signal (NaN when the feature does not vary over the configurations). */
  readonly changeOverSignal: number;
}

/** Size drift of each feature per genome and quality configuration (cells with one size only are left out). */
export function featureDrift(runs: readonly HarnessRun[], features: readonly string[], opts: Pick<ScaleOptions, "includeLoaded"> = {}): FeatureDriftRow[] {
  const cells = [...scaleCells(runs, opts)].map(([key, rs]) => {
    const [genome, n, quality] = key.split("\t") as [string, string, string];
    return { genome, nPairs: Number(n), quality, runs: rs };
  });
  const out: FeatureDriftRow[] = [];
  for (const feature of features) {
    const values = cells.flatMap((c) => {
      const xs = c.runs.map((r) => r.metrics[feature]).filter((v): v is number => v !== undefined && Number.isFinite(v));
      return xs.length ? [{ ...c, value: mean(xs), n: xs.length }] : [];
    });
    const genomes = [...new Set(values.map((v) => v.genome))].sort();
    const smallest = new Map(genomes.map((g) => [g, Math.min(...values.filter((v) => v.genome === g).map((v) => v.nPairs))]));
    const atSmallest = values.filter((v) => v.nPairs === smallest.get(v.genome)).map((v) => v.value);
    const signal = Math.max(...atSmallest) - Math.min(...atSmallest);
    for (const genome of genomes) {
      const ofGenome = values.filter((v) => v.genome === genome);
      for (const quality of [...new Set(ofGenome.map((v) => v.quality))].sort()) {
        const bySize = ofGenome.filter((v) => v.quality === quality).sort((a, b) => a.nPairs - b.nPairs).map((v) => ({ nPairs: v.nPairs, value: v.value, runs: v.n }));
        if (bySize.length < 2) continue;
        const change = bySize[bySize.length - 1]!.value - bySize[0]!.value;
        out.push({ feature, genome, quality, bySize, change, signal, changeOverSignal: signal > 0 ? Math.abs(change) / signal : NaN });
      }
    }
  }
  return out;
}

/**
 * Percentage of reads that FastQC counts as duplicates by chance alone, with no duplicated fragment in
 * the library: `reads` single-end reads (one FASTQ file) starting uniformly at random on either strand of
 * a genome of `genomeBp` bp share a start, and so FastQC's duplicate key (the read's first 50 bp, for reads
 * over 75 bp), with another read. Poisson occupancy with λ = reads / 2G per start: the distinct starts are
 * 2G(1 − e^{−λ}), so the duplicate share is 1 − (1 − e^{−λ})/λ. Sequencing errors in the first 50 bp make
 * observed values a little lower; non-uniform coverage makes them higher.
 */
export function chanceDuplicatePct(reads: number, genomeBp: number): number {
  if (!(reads > 0) || !(genomeBp > 0)) throw new RangeError(`chanceDuplicatePct: reads (${reads}) and genomeBp (${genomeBp}) must be > 0`);
  const lambda = reads / (2 * genomeBp);
  return 100 * (1 - -Math.expm1(-lambda) / lambda);
}

/** A run's FastQC duplicate % beside the chance level of its depth, from its QC and its reference. */
export interface ChanceDuplicates {
  readonly run: HarnessRun;
  /** Reads per FASTQ file (FastQC's total sequences). */
  readonly reads: number;
  /** Fold coverage of the reference by both mates: 2 × reads × mean read length / reference length. */
  readonly depth: number;
  readonly observedPct: number;
  readonly chancePct: number;
}

/**
 * The chance level of each run's duplicates (`chanceDuplicatePct` of its read count on its reference): from
 * FastQC's total sequences and mean read length and the reference length, all known at submission. A run
 * whose duplicate %, read count or reference length is unknown has no entry (undefined).
 */
export function chanceDuplicates(r: HarnessRun, referenceLengths: ReadonlyMap<string, number>): ChanceDuplicates | undefined {
  const observedPct = r.metrics["derived.fastqc_dup_pct"];
  const genomeBp = referenceLengths.get(r.genome ?? "ecoli_k12");
  const reads = r.metrics["fastqc.total_sequences"] ?? NaN;
  if (observedPct === undefined || !Number.isFinite(observedPct) || genomeBp === undefined || !(reads > 0)) return undefined;
  const depth = (2 * reads * (r.metrics["fastqc.avg_sequence_length"] ?? NaN)) / genomeBp;
  return { run: r, reads, depth, observedPct, chancePct: chanceDuplicatePct(reads, genomeBp) };
}

/** Metric name of FastQC's duplicate % above the chance level of the run's depth (`withExcessDuplicates`). */
export const EXCESS_DUP_COLUMN = "derived.fastqc_excess_dup_pct";

/**
 * The runs with one more metric, `EXCESS_DUP_COLUMN`: FastQC's duplicate % minus its chance level
 * (`chanceDuplicates`). A run without a chance level is returned unchanged, without the metric (so a model
 * that needs it leaves the run out).
 */
export function withExcessDuplicates(runs: readonly HarnessRun[], referenceLengths: ReadonlyMap<string, number>): HarnessRun[] {
  return runs.map((r) => {
    const c = chanceDuplicates(r, referenceLengths);
    return c ? { ...r, metrics: { ...r.metrics, [EXCESS_DUP_COLUMN]: c.observedPct - c.chancePct } } : r;
  });
}
