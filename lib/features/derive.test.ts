import assert from "node:assert/strict";
import { test } from "node:test";
import type { QcSampleRow } from "../qc/row";
import type { FastqcReport, QcRecord } from "../qc/types";
import { deriveMetrics, gcDeviationPct, lowQuartileQuality } from "./derive";

/** A FastQC report with just the sections the derived metrics read. */
function fastqc(lowerQuartiles: Array<number | null>, gc: Array<[number, number]>): FastqcReport {
  return { kind: "fastqc", perBaseQuality: lowerQuartiles.map((q) => ({ lowerQuartile: q })), perSequenceGc: gc.map(([gcPct, count]) => ({ gcPct, count })) } as unknown as FastqcReport;
}

/** Per-sequence GC counts of a normal curve (mean, sd) over 0..100 %. */
function normalGc(mean: number, sd: number, total: number): Array<[number, number]> {
  return Array.from({ length: 101 }, (_, g) => [g, (total * Math.exp(-0.5 * ((g - mean) / sd) ** 2)) / (sd * Math.sqrt(2 * Math.PI))] as [number, number]);
}

test("lowQuartileQuality is the mean lower-quartile quality over positions, ignoring missing ones", () => {
  assert.equal(lowQuartileQuality(fastqc([30, 20, null, 10], [])), 20);
  assert.equal(lowQuartileQuality(fastqc([], [])), undefined);
});

test("gcDeviationPct: ~0 for one normal GC curve, large for two genomes, undefined without reads", () => {
  assert.ok((gcDeviationPct(fastqc([], normalGc(50, 5, 1e6))) as number) < 1);
  const two = normalGc(35, 3, 5e5).map(([g, c], i) => [g, c + (normalGc(65, 3, 5e5)[i]?.[1] ?? 0)] as [number, number]);
  assert.ok((gcDeviationPct(fastqc([], two)) as number) > 20, "a second hump is far from one normal curve");
  assert.equal(gcDeviationPct(fastqc([], [])), undefined);
  assert.equal(gcDeviationPct(fastqc([], [[40, 10]])), 0, "no spread: nothing deviates");
});

test("deriveMetrics from a wide row: bases, duplicates, unmapped share, coverage CV; R1/R2 averaged", () => {
  const row = {
    sample: "s",
    "fastqc.total_sequences": 1000,
    "fastqc.avg_sequence_length": 150,
    "fastqc.total_deduplicated_pct": 92.5,
    "picard.aln.pct_pf_reads_aligned": 0.97,
    "picard.wgs.mean_coverage": 40,
    "picard.wgs.sd_coverage": 10,
  } as unknown as QcSampleRow;
  const recs: QcRecord[] = [fastqc([30, 30], normalGc(50, 5, 1e5)), fastqc([20, 20], normalGc(50, 5, 1e5))];
  const d = deriveMetrics(recs, row);
  assert.equal(d["derived.total_bases"], 150000);
  assert.equal(d["derived.fastqc_dup_pct"], 7.5);
  assert.ok(Math.abs((d["derived.unmapped_fraction"] as number) - 0.03) < 1e-12);
  assert.equal(d["derived.coverage_cv"], 0.25);
  assert.equal(d["derived.lowq_base_quality"], 25, "mean over the R1 and R2 reports");
});

test("deriveMetrics leaves out what its inputs lack (never a 0 standing in for missing)", () => {
  const d = deriveMetrics([], { sample: "s", "fastqc.total_sequences": 1000, "picard.wgs.mean_coverage": 0, "picard.wgs.sd_coverage": 1 } as unknown as QcSampleRow);
  assert.deepEqual(d, {});
});
