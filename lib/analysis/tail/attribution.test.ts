import assert from "node:assert/strict";
import { test } from "node:test";
import type { HarnessRun } from "../../data/harness";
import type { TaskRun } from "../../traces/schema";
import { attributeTail } from "./attribution";

function run(id: string, wallS: number, cpuS: number, reads = 200000, loadLabel = "none"): HarnessRun {
  const step = { task: "bwa_mem", status: "COMPLETED", wallS, cpuS, raw: { load1_start: "1" } } as unknown as TaskRun;
  return { runId: id, configId: id, phase: "x", varied: "x", repeat: 1, loadLabel, design: {}, metrics: { "fastqc.total_sequences": reads }, steps: new Map([["bwa_mem", step]]) };
}

test("a slow run that waited is the machine's; a slow run that worked is the input's", () => {
  const runs = [run("a", 10, 20), run("b", 10, 20), run("c", 11, 22), run("d", 10, 20), run("busy", 30, 20, 200000, "cpu_io"), run("hard", 30, 60)];
  const t = attributeTail(runs, "bwa_mem", 1.5);
  assert.deepEqual(t.map((x) => [x.runId, x.cause]).sort(), [["busy", "machine"], ["hard", "input"]]);
});

test("runs are only compared with runs of comparable size", () => {
  const runs = [run("s1", 10, 20, 1e5), run("s2", 10, 20, 1e5), run("l1", 40, 80, 8e5), run("l2", 40, 80, 8e5), run("s3", 10, 20, 1e5), run("l3", 40, 80, 8e5), run("s4", 10, 20, 1e5), run("l4", 40, 80, 8e5)];
  assert.equal(attributeTail(runs, "bwa_mem", 1.5).length, 0);
});
