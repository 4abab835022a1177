import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { GwtInputError } from "../../util/errors";
import { NO_MIRROR, qcTestData } from "../testData";
import { parseReadCounts, parseSampleSummary, wideDoc } from "./depthOfCoverage";
import { parse, table, wide } from "./report";

const dir = qcTestData("gatk");
const read = (p: string) => readFileSync(join(dir as string, p), "utf8");

test("BaseRecalibrator GATKReport and Sentieon QCAL tables", { skip: !dir && NO_MIRROR }, () => {
  const r = parse(read("BaseRecalibrator/recal_data.table"), "recal_data.table");
  assert.equal(r.kind, "gatk/base_recalibrator");
  assert.deepEqual(r.tables.map((t) => t.name), ["Arguments", "Quantized", "RecalTable0", "RecalTable1", "RecalTable2"]);
  assert.equal(table(r, "Arguments")?.rows.find((x) => x["Argument"] === "covariate")?.["Value"], "ReadGroupCovariate,QualityScoreCovariate,ContextCovariate,CycleCovariate");
  const w = wide(r);
  assert.ok((w["gatk.bqsr.observations"] as number) > 0);
  const rate = w["gatk.bqsr.empirical_error_rate"] as number;
  assert.ok(rate > 0 && rate < 0.1);
  const s = parse(read("BaseRecalibrator/sentieon-qualcal/sample_1_recal_data.table.txt"), "sample_1_recal_data.table.txt");
  assert.equal(s.kind, "gatk/base_recalibrator");
  assert.equal(table(s, "Quantized")?.rows[0]?.["QuantizedScore"], 93);
  assert.throws(() => parse(read("BaseRecalibrator/recal_data.table").slice(0, 3000), "t"), (e: unknown) => e instanceof GwtInputError && /truncated/.test(e.message));
});

test("VariantEval: CompOverlap / CountVariants / TiTv numbers", { skip: !dir && NO_MIRROR }, () => {
  const r = parse(read("varianteval/ADM1594A12.vcf.varianteval"), "ADM1594A12.vcf.varianteval");
  assert.equal(r.kind, "gatk/varianteval");
  assert.equal(r.sample, "ADM1594A12");
  const co = table(r, "CompOverlap")?.rows.find((x) => x["Novelty"] === "all");
  assert.equal(co?.["nEvalVariants"], 4945755);
  assert.equal(co?.["compRate"], 78.43);
  const w = wide(r);
  assert.equal(w["gatk.varianteval.n_snps"], 3842688);
  assert.equal(w["gatk.varianteval.n_insertions"], 449436);
  assert.ok((w["gatk.varianteval.titv_ratio"] as number) > 1);
});

test("DepthOfCoverage sample_summary and AnalyzeSaturationMutagenesis read counts", { skip: !dir && NO_MIRROR }, () => {
  const [d, ...rest] = parseSampleSummary(read("DepthOfCoverage/sample_1.sample_summary.txt"), "sample_1.sample_summary.txt");
  assert.equal(rest.length, 0, "the Total row is dropped");
  assert.equal(d?.sample, "test");
  assert.equal(d?.mean, 0.11);
  assert.equal(wideDoc(d!)["gatk.doc.pct_bases_above_15"], 0);
  const a = parseReadCounts(read("AnalyzeSaturationMutagenesis/test.readCounts"), "test.readCounts");
  assert.deepEqual(a.counts[0], { label: "Total Reads", depth: 0, count: 353500, pct: 100 });
  assert.equal(a.counts.find((x) => x.label === "Unmapped Reads")?.count, 1968);
});
