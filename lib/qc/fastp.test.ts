import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { GwtInputError } from "../util/errors";
import { parse, wide } from "./fastp";
import { NO_MIRROR, qcTestData } from "./testData";

const dir = qcTestData("fastp");
const read = (p: string) => readFileSync(join(dir as string, p), "utf8");

test("fastp JSON: summary, filtering, duplication, adapters; sample from the -i input", { skip: !dir && NO_MIRROR }, () => {
  const r = parse(read("SAMPLE.json"), "SAMPLE.json");
  assert.equal(r.sampleRaw, "smalltest_S10_R1_001.fastq");
  assert.equal(r.sample, "smalltest_S10");
  assert.equal(r.before.total_reads, 16763944);
  assert.equal(r.before.q30_rate, 0.919812);
  assert.equal(r.after.total_reads, 16034314);
  assert.equal(r.filtering["low_quality_reads"], 695022);
  assert.equal(r.duplicationRate, 0.30703);
  assert.equal(r.adapterTrimmedReads, 147772);
  const w = wide(r);
  assert.ok(Math.abs((w["fastp.duplication_rate_pct"] as number) - 30.703) < 1e-9);
  assert.ok(Math.abs((w["fastp.passed_filter_pct"] as number) - (100 * 16034314) / 16763944) < 1e-9);
  const se = parse(read("single_end/fastp.json"), "single_end/fastp.json");
  assert.equal(se.sample, "SRR5442949_1");
  assert.equal(se.before.total_reads, 32598659);
  assert.equal(se.insertSizePeak, null, "single-end: no insert size");
  const bad = parse(read("issue_2138/bad_command.fastp.json"), "issue_2138/bad_command.fastp.json");
  assert.equal(bad.sample, "bad_command", "no -i on the command: file name");
});

test("fastp errors: 5-byte non-report, empty, invalid JSON", { skip: !dir && NO_MIRROR }, () => {
  assert.throws(() => parse(read("issue_1652/5fastp.json"), "5fastp.json"), (e: unknown) => e instanceof GwtInputError && /not a fastp report/.test(e.message));
  assert.throws(() => parse("", "e.json"), (e: unknown) => e instanceof GwtInputError && /empty/.test(e.message));
  assert.throws(() => parse('{"summary": {', "t.json"), (e: unknown) => e instanceof GwtInputError && /invalid JSON/.test(e.message));
});
