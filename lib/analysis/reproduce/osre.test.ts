import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { projectRoot } from "../../data/paths";
import { makeRun } from "../../traces/build";
import { readTrace } from "../../traces/read";
import { OSRE_PUBLISHED, osreCorrelations } from "./osre";

const run = (task: string, wallS: number, inputBytes: number, out: number | undefined) =>
  makeRun("nextflow", task, { wallS, inputBytes }, out === undefined ? {} : { output_bytes: String(out) });

test("osreCorrelations: Pearson r per step against input and output size (hand-made runs)", () => {
  const runs = [
    run("bwa_mem", 10, 100, 200),
    run("bwa_mem", 20, 200, 300),
    run("bwa_mem", 30, 300, 600),
    run("bwa_mem", 99, 400, undefined), // no output size: left out
    run("samtools_view", 5, 100, 50),
    run("samtools_view", 4, 200, 40),
    run("sortsam", 1, 1, 1),
    run("fastqc", 1, 1, 1),
  ];
  const rows = osreCorrelations(runs);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => r.step), OSRE_PUBLISHED.map((s) => s.step));
  const bwa = rows[0];
  assert.ok(bwa);
  assert.equal(bwa.n, 3);
  assert.ok(Math.abs(bwa.inputR_ours - 1) < 1e-12); // time = x/10
  // r(output=[200,300,600], time=[10,20,30]): hand-computed 0.9607689…
  assert.ok(Math.abs(bwa.outputR_ours - 0.9607689228305227) < 1e-12);
  assert.equal(bwa.inputR_published, 0.583);
  assert.equal(bwa.outputR_published, 0.589);
  assert.ok(Number.isNaN(rows[1]?.inputR_ours), "2 runs: r undefined");
  assert.equal(rows[3]?.n, 0);
});

const trace = join(projectRoot(), "data", "harness", "trace.tsv");
test("osreCorrelations on the harness trace", { skip: existsSync(trace) ? false : "no harness trace yet" }, () => {
  const { runs } = readTrace(trace);
  const rows = osreCorrelations(runs);
  assert.equal(rows.length, 4);
  for (const r of rows) {
    const expected = runs.filter((x) => OSRE_PUBLISHED.find((s) => s.step === r.step)?.match.test(x.task) && x.raw["output_bytes"]).length;
    assert.equal(r.n, expected, r.step);
    if (r.n >= 3) assert.ok(Math.abs(r.inputR_ours) <= 1 && Math.abs(r.outputR_ours) <= 1);
  }
});
