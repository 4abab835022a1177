import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { GwtInputError } from "../../util/errors";
import { NO_MIRROR, qcTestData } from "../testData";
import { parse, wide } from "./parse";
import { fastqcDataFromZip, parseZip } from "./zip";

const dir = qcTestData("fastqc");
const read = (p: string) => readFileSync(join(dir as string, p), "utf8");

test("FastQC 0.11.2 fastqc_data.txt: basic stats, flags, dedup and derived numbers match the file", { skip: !dir && NO_MIRROR }, () => {
  const r = parse(read("fastqc_data.txt"), "fastqc_data.txt");
  assert.equal(r.version, "0.11.2");
  assert.equal(r.sampleRaw, "SRR1067503_1.fastq.gz");
  assert.equal(r.sample, "SRR1067503_1");
  assert.equal(r.basic.totalSequences, 30680980);
  assert.equal(r.basic.percentGc, 44);
  assert.equal(r.basic.encoding, "Sanger / Illumina 1.9");
  assert.equal(r.basic.sequenceLengthMin, 36);
  assert.equal(r.modules["Basic Statistics"], "pass");
  assert.equal(r.modules["Per base sequence content"], "warn");
  assert.equal(r.modules["Kmer Content"], "fail");
  assert.equal(Object.keys(r.modules).length, 12);
  assert.equal(r.totalDeduplicatedPct, 86.84164216679105);
  assert.deepEqual(r.perBaseQuality[0], { base: "1", mean: 28.97847161335785, median: 30, lowerQuartile: 29, upperQuartile: 30, p10: 28, p90: 30 });
  assert.deepEqual(r.perSequenceQuality[0], { quality: 2, count: 47079 });
  assert.equal(r.adapterContent?.header.length, 4);
  const w = wide(r);
  assert.equal(w["fastqc.total_sequences"], 30680980);
  assert.equal(w["fastqc.n_modules_fail"], 1);
  assert.equal(w["fastqc.n_modules_warn"], 2);
  const qn = r.perSequenceQuality.reduce((s, x) => s + x.count, 0);
  const q30 = r.perSequenceQuality.filter((x) => x.quality >= 30).reduce((s, x) => s + x.count, 0);
  assert.ok(Math.abs((w["fastqc.pct_q30_bases"] as number) - (100 * q30) / qn) < 1e-9);
  assert.ok((w["fastqc.mean_quality"] as number) > 2 && (w["fastqc.mean_quality"] as number) < 41);
});

test("FastQC zips across versions 0.7.2 / 0.10.1 / 0.11.2 parse from the zip", { skip: !dir && NO_MIRROR }, () => {
  for (const [p, version, sample] of [
    ["v0.7.2/SRR1067503_v7_1_fastqc.zip", "0.7.2", "SRR1067503_v7_1"],
    ["v0.10.1/SRR1067505_v10_1_fastqc.zip", "0.10.1", "SRR1067505_v10_1"],
    ["v0.11.2/SRR1067505_1_fastqc.zip", "0.11.2", "SRR1067505_1"],
  ] as const) {
    const r = parseZip(readFileSync(join(dir as string, p)), p);
    assert.equal(r.version, version, p);
    assert.equal(r.sample, sample, p);
    assert.ok((r.basic.totalSequences ?? 0) > 1000, p);
    assert.ok(r.perBaseQuality.length > 10, p);
  }
});

test("FastQC edge cases: zero reads, NaN reads, unicode and numeric sample names", { skip: !dir && NO_MIRROR }, () => {
  const zero = parseZip(readFileSync(join(dir as string, "zero_reads/empty_fastqc.zip")), "empty_fastqc.zip");
  assert.equal(zero.basic.totalSequences, 0);
  assert.equal(zero.sample, "SK-GBD-000919.1");
  const wz = wide(zero);
  assert.equal(wz["fastqc.mean_quality"], null);
  assert.equal(wz["fastqc.pct_q30_bases"], null);
  const nan = parse(read("nan_reads/fastqc_data.txt"), "nan_reads/fastqc_data.txt");
  assert.equal(nan.basic.totalSequences, 82330);
  assert.equal(nan.sample, "sample1_S1_L001");
  const row6 = nan.perBaseContent?.rows.find((x) => x[0] === 6);
  assert.deepEqual(row6, [6, null, null, null, null], "NaN cells become null, not NaN");
  const uni = parseZip(readFileSync(join(dir as string, "issue_1941_unicode/run1_2_fastqc.zip")), "run1_2_fastqc.zip");
  assert.ok(uni.basic.totalSequences !== null);
  const numeric = parse(read("issue_2343_numerical_samples/fastqc_data.txt"), "x");
  assert.equal(numeric.basic.totalSequences, 873870503);
  assert.equal(typeof numeric.sample, "string");
  assert.equal(numeric.basic.sequenceLengthMin, 30);
  assert.equal(numeric.basic.sequenceLengthMax, 151);
});

test("FastQC errors: 0-byte fake zip, empty text, wrong format, truncated, garbage zip", { skip: !dir && NO_MIRROR }, () => {
  assert.throws(() => parseZip(readFileSync(join(dir as string, "fake_report_fastqc.zip")), "fake_report_fastqc.zip"), (e: unknown) => e instanceof GwtInputError && /0-byte/.test(e.message));
  assert.throws(() => parse("", "e.txt"), (e: unknown) => e instanceof GwtInputError && /empty/.test(e.message));
  assert.throws(() => parse("## METRICS CLASS\tx\n", "p.txt"), (e: unknown) => e instanceof GwtInputError && /not a FastQC report/.test(e.message));
  const full = read("fastqc_data.txt");
  assert.throws(() => parse(full.slice(0, 5000), "t.txt"), (e: unknown) => e instanceof GwtInputError && /not closed|truncated/.test(e.message));
  assert.throws(() => fastqcDataFromZip(new Uint8Array([80, 75, 3, 4, 1, 2, 3, 255, 0, 9]), "g.zip"), GwtInputError);
});

test("fuzz: the FastQC parser throws nothing but GwtInputError (random text, truncations, byte flips)", { skip: !dir && NO_MIRROR }, () => {
  const full = read("issue_1533/fastqc_data.txt");
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.nat({ max: full.length }).map((n) => full.slice(0, n)), fc.tuple(fc.nat({ max: full.length - 1 }), fc.string({ minLength: 1, maxLength: 3 })).map(([i, s]) => full.slice(0, i) + s + full.slice(i + 1))), (text) => {
      try {
        const r = parse(text, "f.txt");
        wide(r);
      } catch (e) {
        if (!(e instanceof GwtInputError)) throw e;
      }
    }),
    { numRuns: 300, seed: 42 },
  );
});

test("round trip: a generated fastqc_data.txt parses back to the generated numbers", () => {
  fc.assert(
    fc.property(fc.nat({ max: 1e9 }), fc.integer({ min: 0, max: 100 }), fc.array(fc.tuple(fc.integer({ min: 2, max: 41 }), fc.nat({ max: 1e6 })), { maxLength: 30 }), (total, gc, quals) => {
      const uniq = [...new Map(quals).entries()].sort((a, b) => a[0] - b[0]);
      const text = [
        "##FastQC\t0.11.9", ">>Basic Statistics\tpass", "#Measure\tValue", "Filename\tS_R1.fastq.gz", `Total Sequences\t${total}`, "Sequence length\t35-151", `%GC\t${gc}`, ">>END_MODULE",
        ">>Per sequence quality scores\twarn", "#Quality\tCount", ...uniq.map(([q, c]) => `${q}\t${c}.0`), ">>END_MODULE",
      ].join("\n");
      const r = parse(text, "x");
      assert.equal(r.basic.totalSequences, total);
      assert.equal(r.basic.percentGc, gc);
      assert.equal(r.sample, "S");
      assert.deepEqual(r.perSequenceQuality, uniq.map(([quality, count]) => ({ quality, count })));
      assert.equal(r.modules["Per sequence quality scores"], "warn");
    }),
    { numRuns: 200, seed: 7 },
  );
});
