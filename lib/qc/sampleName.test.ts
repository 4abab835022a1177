import assert from "node:assert/strict";
import { test } from "node:test";
import { cleanSampleName, mateOf } from "./sampleName";

test("cleanSampleName strips tool extensions and mate suffixes, never returns empty", () => {
  assert.equal(cleanSampleName("SRR1067503_1.fastq.gz"), "SRR1067503_1");
  assert.equal(cleanSampleName("/data/x/SRR1067503_1.fastq.gz_bowtie_srtd.bam_dedup.bam_samtools_stats.txt"), "SRR1067503_1");
  assert.equal(cleanSampleName("sample1_S1_L001_R2_001.fastq.gz"), "sample1_S1_L001");
  assert.equal(cleanSampleName("NMP_R1_L1_1_val_1_fastqc.zip"), "NMP_R1_L1_1");
  assert.equal(cleanSampleName("A1.sorted.dup.recal.bam"), "A1");
  assert.equal(cleanSampleName("00050101"), "00050101", "numeric names stay strings");
  assert.equal(cleanSampleName("échantillon_ü.fastq.gz"), "échantillon_ü");
  assert.equal(cleanSampleName(".bam"), ".bam");
  assert.equal(cleanSampleName("x.fastq.gz", { rules: [] }), "x.fastq.gz");
  assert.equal(cleanSampleName("x_R1", { rules: [{ remove: /_R1$/ }] }), "x");
});

test("mateOf finds read 1 / read 2 suffixes", () => {
  assert.equal(mateOf("s_R1_001.fastq.gz"), 1);
  assert.equal(mateOf("s_2.fastq.gz"), 2);
  assert.equal(mateOf("sample.bam"), undefined);
});
