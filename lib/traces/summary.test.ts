import assert from "node:assert/strict";
import { test } from "node:test";
import { makeRun } from "./build";
import { runtimeSummaryByTask, toTable } from "./index";

test("runtimeSummaryByTask: n, median, p90, p99, max per task; missing wall times counted apart", () => {
  const runs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((w) => makeRun("nextflow", "A", { workflow: "wf", wallS: w }, {}));
  runs.push(makeRun("nextflow", "A", { workflow: "wf" }, {}), makeRun("nextflow", "B", { workflow: "wf", wallS: 7 }, {}));
  const frozen = JSON.stringify(runs);
  const s = runtimeSummaryByTask(runs);
  assert.equal(JSON.stringify(runs), frozen);
  assert.equal(s.length, 2);
  assert.deepEqual({ ...s[0] }, { source: "nextflow", workflow: "wf", task: "A", n: 10, nMissing: 1, medianS: 5.5, p90S: 9.1, p99S: 9.91, maxS: 10 });
  assert.equal(s[1]?.medianS, 7);
});

test("toTable: an arquero table with one column per TaskRun field", () => {
  const t = toTable([makeRun("x", "A", { wallS: 2 }, { k: "v" }), makeRun("x", "B", {}, {})]);
  assert.equal(t.numRows(), 2);
  assert.deepEqual(t.array("wallS"), [2, undefined]);
  assert.ok(!t.columnNames().includes("raw"));
});
