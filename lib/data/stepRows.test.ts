import assert from "node:assert/strict";
import { test } from "node:test";
import type { TaskRun } from "../traces/schema";
import type { HarnessRun } from "./harness";
import { completedTime, DEFAULT_MEASURE, stepRows, stepTime } from "./stepRows";

function task(status: string | undefined, wallS: number | undefined, cpuS: number | undefined): TaskRun {
  return { task: "bwa_mem", status, wallS, cpuS, raw: {} } as unknown as TaskRun;
}

function run(id: string, t: TaskRun | undefined, loadLabel = "none"): HarnessRun {
  return { runId: id, configId: `c-${id}`, phase: "x", varied: "x", repeat: 1, loadLabel, design: {}, metrics: {}, steps: new Map(t ? [["bwa_mem", t]] : []) };
}

test("the default measure is CPU time", () => {
  assert.equal(DEFAULT_MEASURE, "cpuS");
  const r = run("a", task("COMPLETED", 10, 17));
  assert.equal(stepTime(r, "bwa_mem"), 17);
  assert.equal(stepTime(r, "bwa_mem", "wallS"), 10);
});

test("failed, missing, zero or unrecorded times are not a completed step's time", () => {
  assert.equal(completedTime(task("FAILED", 10, 10)), undefined);
  assert.equal(completedTime(task("COMPLETED", 10, 0)), undefined);
  assert.equal(completedTime(task("COMPLETED", 10, undefined)), undefined);
  assert.equal(completedTime(undefined), undefined);
  // A source without a status column (undefined) counts as completed when it has the time.
  assert.equal(completedTime(task(undefined, 3, 4)), 4);
});

test("stepRows keeps completed runs in run order; includeLoaded: false drops co-located-load runs", () => {
  const runs = [run("a", task("COMPLETED", 10, 20)), run("b", task("FAILED", 5, 5)), run("c", undefined), run("d", task("COMPLETED", 30, 25), "cpu_io"), run("e", task("COMPLETED", 1, 2))];
  assert.deepEqual(stepRows(runs, "bwa_mem").map((r) => [r.run.runId, r.time]), [["a", 20], ["d", 25], ["e", 2]]);
  assert.deepEqual(stepRows(runs, "bwa_mem", { measure: "wallS", includeLoaded: false }).map((r) => [r.run.runId, r.time]), [["a", 10], ["e", 1]]);
  assert.equal(stepRows(runs, "bwa_mem")[0]?.task, runs[0]?.steps.get("bwa_mem"), "the row carries the trace row itself");
});
