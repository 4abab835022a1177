import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { GwtInputError } from "../../util/errors";
import { NO_MIRROR, qcTestData } from "../testData";
import { alignmentSummary, duplication, gcBiasSummary, hs, insertSize, picardWide, qualityYield, rnaSeq, wgs } from "./index";
import { parse } from "./parse";

const dir = qcTestData("picard");
const load = (p: string) => parse(readFileSync(join(dir as string, p), "utf8"), p);
const only = <T>(xs: readonly T[]): T => {
  assert.equal(xs.length, 1);
  return xs[0] as T;
};

test("AlignmentSummaryMetrics: every category row kept; wide row takes PAIR", { skip: !dir && NO_MIRROR }, () => {
  const f = only(load("AlignmentSummaryMetrics/PairedEnd_AlignmentSummaryMetrics.txt"));
  assert.equal(f.metricsClass, "AlignmentSummaryMetrics");
  assert.equal(f.program, "CollectAlignmentSummaryMetrics");
  assert.equal(f.sample, "160219_0463_1_ACTTGA_GL_020516_SpHn_RNF212.mm10");
  const rows = alignmentSummary.rows(f);
  assert.deepEqual(rows.map((r) => r.CATEGORY), ["FIRST_OF_PAIR", "SECOND_OF_PAIR", "PAIR"]);
  assert.equal(rows[0]?.TOTAL_READS, 24009352);
  assert.equal(rows[2]?.PCT_PF_READS_ALIGNED, 0.9638);
  const w = picardWide(f);
  assert.equal(w?.columns["picard.aln.category"], "PAIR");
  assert.equal(w?.columns["picard.aln.pf_mismatch_rate"], 0.005462);
  assert.equal(w?.columns["picard.aln.pct_chimeras"], 0.048092);
  assert.equal(w?.columns["picard.aln.pct_adapter"], 0.011644);
  assert.match(w?.note ?? "", /3 categories.*PAIR/);
});

test("two concatenated sections become two samples; single-end takes UNPAIRED", { skip: !dir && NO_MIRROR }, () => {
  const fs = load("AlignmentSummaryMetrics/two_samples.txt");
  assert.deepEqual(fs.map((f) => f.sample), ["two_samples_first", "two_samples_second"]);
  const second = picardWide(fs[1] as (typeof fs)[number]);
  assert.equal(second?.columns["picard.aln.category"], "UNPAIRED");
  assert.equal(second?.columns["picard.aln.total_reads"], 10000);
  assert.equal(second?.columns["picard.aln.pct_pf_reads_aligned"], 0.9878);
});

test("Sentieon and Parabricks variants parse into the same classes", { skip: !dir && NO_MIRROR }, () => {
  const s = only(load("AlignmentSummaryMetrics/sentieon_issue_1180/P150_PE.st.mdup.metrics.AlignStat.txt"));
  assert.equal(s.flavour, "sentieon");
  assert.equal(s.program, "AlignmentStat");
  assert.equal(s.metricsClass, "AlignmentSummaryMetrics");
  assert.equal(s.sampleRaw, "Pinsky_150_repl1_PE.st.mdup.bam");
  assert.equal(alignmentSummary.rows(s)[2]?.PF_READS_ALIGNED, 36845);
  const ins = only(load("InsertSizeMetrics/sentieon_issue_1180/P150_PE.st.mdup.metrics.InsertSize.txt"));
  assert.equal(insertSize.rows(ins)[0]?.MEAN_INSERT_SIZE, 312.487645);
  assert.deepEqual(ins.histogram?.header, ["insert_size", "All_Reads.fr_count"]);
  const dd = only(load("MarkDuplicates/sentieon_issue_1180/P150_PE.st.metrics.DeDup.txt"));
  assert.equal(duplication.rows(dd)[0]?.PERCENT_DUPLICATION, 0.279468);
  const gs = only(load("GcBiasMetrics/sentieon_issue_1180/P150_PE.st.mdup.metrics.GCsummary.txt"));
  assert.equal(gs.metricsClass, "GcBiasSummaryMetrics");
  assert.equal(gcBiasSummary.rows(gs)[0]?.AT_DROPOUT, 23.361991);
  const pb = only(load("AlignmentSummaryMetrics/parabricks_issue_1768/alignment.txt"));
  assert.equal(picardWide(pb)?.columns["picard.aln.total_reads"], 21388432);
  const cov = only(load("WgsMetrics/parabricks_issue_1768/coverage_metrics.txt"));
  assert.equal(wgs.rows(cov)[0]?.MEAN_COVERAGE, 0.33539);
});

test("MarkDuplicates: GATK4, empty library row, multi-library pooling", { skip: !dir && NO_MIRROR }, () => {
  const g = only(load("MarkDuplicates/GATK_output/test1.dup_metrics.txt"));
  assert.equal(g.sample, "Test");
  const r = only(duplication.rows(g));
  assert.equal(r.LIBRARY, "Unknown Library");
  assert.equal(r.READ_PAIRS_EXAMINED, 40756233);
  assert.equal(r.PERCENT_DUPLICATION, 0.109876);
  assert.equal(g.histogram?.rows[0]?.[1], 1.00029);
  const e = only(load("MarkDuplicates/empty_sample.txt"));
  assert.equal(duplication.rows(e).length, 2, "the empty library row is kept in records");
  assert.equal(duplication.rows(e)[0]?.PERCENT_DUPLICATION, null, "'?' becomes null");
  assert.equal(picardWide(e)?.columns["picard.dup.percent_duplication"], 0.186257, "wide row ignores the empty library");
  const multi = only(load("MarkDuplicates/Example_101_102.metrics"));
  assert.equal(duplication.rows(multi).length, 2);
  assert.match(picardWide(multi)?.note ?? "", /2 libraries pooled/);
});

test("WgsMetrics, HsMetrics (decimal commas), GcBias, RnaSeq, QualityYield typed accessors", { skip: !dir && NO_MIRROR }, () => {
  const w = only(load("WgsMetrics/test1.wgs.metrics.txt"));
  assert.equal(w.metricsClass, "WgsMetrics");
  const wr = only(wgs.rows(w));
  assert.equal(wr.MEAN_COVERAGE, 25.944209);
  assert.equal(wr.PCT_EXC_DUPE, 0.189916);
  assert.equal(picardWide(w)?.columns["picard.wgs.pct_exc_total"], 0.288536);
  const h = only(load("HsMetrics/comma_decimal.tsv"));
  const hr = only(hs.rows(h));
  assert.equal(hr.TOTAL_READS, 13541674);
  assert.equal(hr.MEAN_TARGET_COVERAGE, 9.257469, "decimal comma read as a point");
  const gc = only(load("GcBiasMetrics/SRR4238351_subsamp/SRR4238351_subsamp.sorted.summary_metrics.txt"));
  assert.equal(picardWide(gc)?.columns["picard.gcbias.at_dropout"], 22.189225);
  assert.equal(picardWide(gc)?.columns["picard.gcbias.gc_dropout"], 0.029105);
  const rna = only(load("RnaSeqMetrics/sample.rna.metrics.txt"));
  assert.equal(rnaSeq.rows(rna)[0]?.PCT_MRNA_BASES, 0.892572);
  const lower = only(load("RnaSeqMetrics/CTC-1-AA-B2.star.bam.rnaseqmetrics.txt"));
  assert.equal(lower.metricsClass, "RnaSeqMetrics", "lower-case class name normalised");
  const qy = only(load("QualityYieldMetrics/sample.quality_yield_metrics.txt"));
  assert.equal(qualityYield.rows(qy)[0]?.Q30_BASES, 700000);
  assert.equal(picardWide(qy)?.columns["picard.qy.pct_q30_bases"], 70);
});

test("histogram-only outputs, zero-read Sentieon insert sizes, truncated file", { skip: !dir && NO_MIRROR }, () => {
  const q = only(load("QualityByCycleMetrics/sample.quality_by_cycle_metrics.txt"));
  assert.equal(q.metricsClass, "MeanQualityByCycleHistogram");
  assert.ok((q.histogram?.rows.length ?? 0) > 10);
  const z = only(load("InsertSizeMetrics/sentieon_issue_1420/zero_reads.InsertSize_metrics.txt"));
  assert.equal(z.rows.length, 0);
  assert.equal(picardWide(z), undefined);
  assert.throws(() => load("RnaSeqMetrics/truncated.txt"), (e: unknown) => e instanceof GwtInputError && /no '## METRICS CLASS'/.test(e.message) && e.line === 1);
});

test("malformed Picard input: clear GwtInputError with line", () => {
  assert.throws(() => parse("", "e"), (e: unknown) => e instanceof GwtInputError && /empty/.test(e.message));
  assert.throws(() => parse("## METRICS CLASS\tpicard.X\n", "t"), (e: unknown) => e instanceof GwtInputError && /no header row/.test(e.message));
  assert.throws(() => parse("## METRICS CLASS\tX\nA\tB\n1\t2\t3\n", "t"), (e: unknown) => e instanceof GwtInputError && e.line === 3);
  assert.throws(() => parse("\u0000\u0001garbage\n", "g"), GwtInputError);
});

const NAME = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/);
test("round trip: generated metric tables parse back exactly (numbers, text, missing)", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(NAME, { minLength: 2, maxLength: 8 }),
      fc.array(fc.array(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => (Object.is(x, -0) ? 0 : x)), fc.constant(null), fc.stringMatching(/^[a-z][a-z ]{0,8}[a-z]$/)), { minLength: 8, maxLength: 8 }), { maxLength: 6 }),
      (header, rows) => {
        const cells = rows.map((r) => r.slice(0, header.length));
        const text = ["## htsjdk.samtools.metrics.StringHeader", "# picard.analysis.CollectFoo INPUT=/x/S1.bam", "", "## METRICS CLASS\tpicard.analysis.FooMetrics", header.join("\t"), ...cells.map((r) => r.map((c) => (c === null ? "" : String(c))).join("\t")), ""].join("\n");
        const [f] = parse(text, "t.txt");
        assert.equal(f?.metricsClass, "FooMetrics");
        assert.equal(f?.sample, "S1");
        assert.deepEqual(f?.header, header);
        assert.deepEqual(f?.rows, cells.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? null]))));
      },
    ),
    { numRuns: 300, seed: 11 },
  );
});

test("fuzz: the Picard parser and accessors throw nothing but GwtInputError", { skip: !dir && NO_MIRROR }, () => {
  const full = readFileSync(join(dir as string, "InsertSizeMetrics/14-CL_1_ismetrics.txt"), "utf8");
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.nat({ max: full.length }).map((n) => full.slice(0, n)), fc.tuple(fc.nat({ max: full.length - 1 }), fc.string({ minLength: 1, maxLength: 3 })).map(([i, s]) => full.slice(0, i) + s + full.slice(i + 1))), (text) => {
      try {
        for (const f of parse(text, "f.txt")) picardWide(f);
      } catch (e) {
        if (!(e instanceof GwtInputError)) throw e;
      }
    }),
    { numRuns: 400, seed: 3 },
  );
});
