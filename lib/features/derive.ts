import type { FastqcReport, QcRecord } from "../qc/types";
import type { QcSampleRow } from "../qc/row";
import { mean } from "../util/stats";

/**
 * Metrics the QC tools do not print directly but that the feature registry uses. Computed from the
 * typed records and the wide row; every value is `undefined` when its inputs are missing.
 */
export interface DerivedMetrics {
  "derived.total_bases"?: number;
  "derived.lowq_base_quality"?: number;
  "derived.gc_deviation_pct"?: number;
  "derived.fastqc_dup_pct"?: number;
  "derived.unmapped_fraction"?: number;
  "derived.coverage_cv"?: number;
}

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Mean over read positions of FastQC's per-base lower-quartile quality. */
export function lowQuartileQuality(r: FastqcReport): number | undefined {
  const v = r.perBaseQuality.map((x) => x.lowerQuartile).filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? mean(v) : undefined;
}

/**
 * FastQC-style GC deviation: percent of reads outside a normal curve fitted (mean, sd) to the
 * per-sequence GC distribution. A second genome in the sample shows up as a second hump.
 */
export function gcDeviationPct(r: FastqcReport): number | undefined {
  const d = r.perSequenceGc;
  const total = d.reduce((s, x) => s + x.count, 0);
  if (total <= 0) return undefined;
  const mu = d.reduce((s, x) => s + x.gcPct * x.count, 0) / total;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x.gcPct - mu) ** 2 * x.count, 0) / total);
  if (!(sd > 0)) return 0;
  let dev = 0;
  for (const x of d) {
    // Expected count in this 1%-wide GC bin under the fitted normal.
    const z = (x.gcPct - mu) / sd;
    const expected = (total * Math.exp(-0.5 * z * z)) / (sd * Math.sqrt(2 * Math.PI));
    dev += Math.abs(x.count - expected);
  }
  return (100 * dev) / total / 2;
}

/** Derived metrics for one sample from its records and wide row. */
export function deriveMetrics(records: readonly QcRecord[], row: Readonly<QcSampleRow>): DerivedMetrics {
  const fq = records.filter((r): r is FastqcReport => r.kind === "fastqc");
  const out: DerivedMetrics = {};
  const reads = num(row["fastqc.total_sequences"]);
  const len = num(row["fastqc.avg_sequence_length"]);
  if (reads !== undefined && len !== undefined) out["derived.total_bases"] = reads * len;
  const lq = fq.map(lowQuartileQuality).filter((x): x is number => x !== undefined);
  if (lq.length) out["derived.lowq_base_quality"] = mean(lq);
  const gd = fq.map(gcDeviationPct).filter((x): x is number => x !== undefined);
  if (gd.length) out["derived.gc_deviation_pct"] = mean(gd);
  const dedup = num(row["fastqc.total_deduplicated_pct"]);
  if (dedup !== undefined) out["derived.fastqc_dup_pct"] = 100 - dedup;
  const aligned = num(row["picard.aln.pct_pf_reads_aligned"]);
  if (aligned !== undefined) out["derived.unmapped_fraction"] = 1 - aligned;
  const cov = num(row["picard.wgs.mean_coverage"]);
  const sd = num(row["picard.wgs.sd_coverage"]);
  if (cov !== undefined && sd !== undefined && cov > 0) out["derived.coverage_cv"] = sd / cov;
  return out;
}
