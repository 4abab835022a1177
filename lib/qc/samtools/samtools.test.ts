import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { GwtInputError } from "../../util/errors";
import { NO_MIRROR, qcTestData } from "../testData";
import { parse as parseFlagstat, wide as flagstatWide } from "./flagstat";
import { parse as parseIdxstats, wide as idxWide } from "./idxstats";
import { parseCoverage, parseMarkdup, parseRmdup, wideMarkdup } from "./misc";
import { parse as parseStats, wide as statsWide } from "./stats";

const dir = qcTestData("samtools");
const read = (p: string) => readFileSync(join(dir as string, p), "utf8");

test("samtools stats: SN numbers, error rate, soft-clip share", { skip: !dir && NO_MIRROR }, () => {
  const r = parseStats(read("stats/Test1.txt"), "stats/Test1.txt");
  assert.equal(r.version, "1.3+htslib-1.3");
  assert.equal(r.sn["raw total sequences"], 101);
  assert.equal(r.sn["reads mapped"], 81);
  assert.equal(r.sn["error rate"], 0.01449275);
  const w = statsWide(r);
  assert.equal(w["samtools.error_rate"], 0.01449275);
  assert.ok(Math.abs((w["samtools.reads_mapped_pct"] as number) - (100 * 81) / 101) < 1e-12);
  assert.equal(w["samtools.soft_clipped_bases_pct"], 0, "bases mapped 2829 = bases mapped (cigar) 2829");
  assert.equal(w["samtools.average_quality"], 38.5);
  const b = parseStats(read("stats/SRR1067505_1.fastq.gz_bowtie_srtd.bam_dedup.bam_samtools_stats.txt"), "stats/SRR1067505_1.fastq.gz_bowtie_srtd.bam_dedup.bam_samtools_stats.txt");
  assert.equal(b.sample, "SRR1067505_1");
  assert.equal(b.sn["raw total sequences"], 16635040);
  assert.equal(b.sn["error rate"], 0.00402879);
  assert.throws(() => parseStats("# This file was produced by samtools stats\n", "t"), (e: unknown) => e instanceof GwtInputError && /no 'SN'/.test(e.message));
  assert.throws(() => parseStats("SN\treads mapped:\tmany\n", "t"), (e: unknown) => e instanceof GwtInputError && e.line === 1);
});

test("samtools flagstat: old and new text layouts", { skip: !dir && NO_MIRROR }, () => {
  const old = parseFlagstat(read("flagstat/samtools.flagstat.log.txt"), "samtools.flagstat.log.txt");
  assert.deepEqual(old.counts["in total"], [11540659, 0]);
  assert.deepEqual(old.counts["properly paired"], [11518384, 0]);
  assert.deepEqual(old.counts["with mate mapped to a different chr (mapQ>=5)"], [344, 0]);
  const neu = parseFlagstat(read("flagstat/small.samtools13.flagstat.log.txt"), "small.samtools13.flagstat.log.txt");
  assert.deepEqual(neu.counts["mapped"], [5350, 0]);
  assert.ok(Math.abs((flagstatWide(neu)["samtools.flagstat.mapped_pct"] as number) - 98.82) < 0.01);
  const js = parseFlagstat(JSON.stringify({ "QC-passed reads": { total: 10, mapped: 9, "mapped %": 90 }, "QC-failed reads": { total: 1, mapped: 0 } }), "f.json");
  assert.deepEqual(js.counts["in total"], [10, 1]);
  assert.deepEqual(js.counts["mapped"], [9, 0], "'mapped %' (a percentage) does not overwrite the 'mapped' count");
  assert.equal(flagstatWide(js)["samtools.flagstat.mapped_pct"], 90);
  assert.throws(() => parseFlagstat("hello\n", "x"), GwtInputError);
});

test("samtools idxstats (incl. no reads), markdup text = JSON, rmdup", { skip: !dir && NO_MIRROR }, () => {
  const i = parseIdxstats(read("idxstats/samtools.idxstats.log.txt"), "samtools.idxstats.log.txt");
  assert.deepEqual(i.refs[0], { name: "1", lengthBp: 249250621, mapped: 860208, unmapped: 1 });
  const none = parseIdxstats(read("idxstats/noreads/samtoolsidxstats.log"), "samtoolsidxstats.log");
  assert.equal(idxWide(none)["samtools.idxstats.mapped"], 0);
  assert.equal(idxWide(none)["samtools.idxstats.chrM_mapped_pct"], null);
  const t = parseMarkdup(read("markdup/test1.markdup.txt"), "test1.markdup.txt");
  const j = parseMarkdup(read("markdup/test2.markdup.json"), "test2.markdup.json");
  assert.deepEqual(t.counts, j.counts);
  assert.equal(t.counts["DUPLICATE TOTAL"], 1058209);
  assert.ok(Math.abs((wideMarkdup(t)["samtools.markdup.duplicate_pct"] as number) - (100 * 1058209) / 1352656) < 1e-9);
  const r = parseRmdup(read("rmdup/sample_1.txt"), "sample_1.txt");
  assert.equal(r.duplicates, 26602816);
  assert.equal(r.total, 103563641);
  assert.throws(() => parseCoverage(read("coverage/issue_3343/HG01606_coverage.txt"), "HG01606_coverage.txt"), (e: unknown) => e instanceof GwtInputError && e.line === 2733);
});
