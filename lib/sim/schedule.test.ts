import assert from "node:assert/strict";
import { test } from "node:test";
import { simulate, SimInputError } from "./engine";
import { lateSpeculation, maxPrevious, noLimit, oracle, staticLimit, tailPartition } from "./policies";
import type { Prediction, SimWorkflow } from "./types";

const pred = (pointS: number, upper: number, tailProb = 0): Prediction => ({ pointS, upperS: { q90: upper, q95: upper, q99: upper }, tailProb });

test("hand-computed schedule: a DAG and a second workflow on one 2-core node (FIFO, no backfill)", () => {
  const wfs: SimWorkflow[] = [
    { id: "A", arrivalS: 0, tasks: [
      { step: "a0", cores: 1, trueS: 10, deps: [] },
      { step: "a1", cores: 1, trueS: 4, deps: [0] },
      { step: "a2", cores: 2, trueS: 3, deps: [0] },
    ] },
    { id: "B", arrivalS: 2, tasks: [{ step: "b0", cores: 1, trueS: 5, deps: [] }] },
  ];
  const r = simulate(wfs, { partitions: [{ name: "n", nodes: 1, coresPerNode: 2 }] }, noLimit(), { record: true });
  // t=0 a0 starts; t=2 b0 starts; t=7 b0 done; t=10 a0 done -> a1 starts, a2 (2 cores) waits; t=14 a1 done -> a2 runs to 17.
  assert.deepEqual(r.attempts?.map((a) => [a.workflow, a.task, a.startS, a.endS, a.outcome]), [
    [1, 0, 2, 7, "done"],
    [0, 0, 0, 10, "done"],
    [0, 1, 10, 14, "done"],
    [0, 2, 14, 17, "done"],
  ]);
  assert.deepEqual(Array.from(r.taskTurnaroundS), [10, 4, 7, 5]);
  assert.deepEqual(Array.from(r.taskWaitS), [0, 0, 4, 0]);
  assert.deepEqual(Array.from(r.workflowTurnaroundS), [17, 5]);
  assert.equal(r.makespanS, 17);
  assert.equal(r.usefulCoreS, 10 + 4 + 6 + 5);
  assert.equal(r.kills, 0);
});

test("hand-computed schedule: walltime kill at the static limit, resubmitted behind the queue with the limit doubled", () => {
  const wfs: SimWorkflow[] = [
    { id: "w1", arrivalS: 0, tasks: [{ step: "s", cores: 1, trueS: 10, deps: [] }] },
    { id: "w2", arrivalS: 1, tasks: [{ step: "s", cores: 1, trueS: 3, deps: [] }] },
  ];
  const r = simulate(wfs, { partitions: [{ name: "n", nodes: 1, coresPerNode: 1 }] }, staticLimit(new Map([["s", 6]])), { record: true });
  assert.deepEqual(r.attempts?.map((a) => [a.workflow, a.attempt, a.startS, a.endS, a.outcome]), [
    [0, 1, 0, 6, "killed"],
    [1, 1, 6, 9, "done"],
    [0, 2, 9, 19, "done"],
  ]);
  assert.equal(r.kills, 1);
  assert.equal(r.killedCoreS, 6);
  assert.equal(r.usefulCoreS, 13);
  assert.deepEqual(Array.from(r.workflowTurnaroundS), [19, 8]);
  assert.deepEqual(Array.from(r.taskWaitS), [3, 5]);
  assert.equal(r.makespanS, 19);
  // The oracle never kills: the same two jobs run back to back.
  const o = simulate(wfs, { partitions: [{ name: "n", nodes: 1, coresPerNode: 1 }] }, oracle());
  assert.equal(o.kills, 0);
  assert.deepEqual(Array.from(o.workflowTurnaroundS), [10, 12]);
});

test("max of previous runs learns the limit from completed runs of the step", () => {
  const wfs: SimWorkflow[] = [
    { id: "w1", arrivalS: 0, tasks: [{ step: "s", cores: 1, trueS: 4, deps: [] }] },
    { id: "w2", arrivalS: 10, tasks: [{ step: "s", cores: 1, trueS: 5, deps: [] }] },
  ];
  const r = simulate(wfs, { partitions: [{ name: "n", nodes: 1, coresPerNode: 1 }] }, maxPrevious(new Map([["s", 100]])), { record: true });
  // w1 runs under the fallback (100 s); w2 gets max(previous) = 4 s, is killed at 14, reruns with 8 s.
  assert.deepEqual(r.attempts?.map((a) => [a.workflow, a.startS, a.endS, a.outcome]), [
    [0, 0, 4, "done"],
    [1, 10, 14, "killed"],
    [1, 14, 19, "done"],
  ]);
});

test("speculation: a machine-slowed task past its predicted bound gets a copy on another node; the copy wins", () => {
  const wfs: SimWorkflow[] = [{ id: "w", arrivalS: 0, tasks: [{ step: "s", cores: 1, trueS: 20, rerunS: 5, deps: [], pred: pred(3, 4) }] }];
  const r = simulate(wfs, { partitions: [{ name: "n", nodes: 2, coresPerNode: 1 }] }, lateSpeculation(noLimit(), "q95"), { record: true, speculativeCap: 0.5 });
  assert.deepEqual(r.attempts?.map((a) => [a.copy, a.node, a.startS, a.endS, a.outcome]), [
    [true, 1, 4, 9, "done"],
    [false, 0, 0, 9, "cancelled"],
  ]);
  assert.equal(r.speculativeCopies, 1);
  assert.equal(r.speculativeCoreS, 9);
  assert.equal(r.usefulCoreS, 5);
  assert.deepEqual(Array.from(r.workflowTurnaroundS), [9]);
});

test("tail partition: predicted-tail tasks run on the reserved nodes only", () => {
  const wfs: SimWorkflow[] = [
    { id: "long", arrivalS: 0, tasks: [{ step: "s", cores: 1, trueS: 50, deps: [], pred: pred(40, 60, 0.9) }] },
    { id: "short", arrivalS: 0, tasks: [{ step: "s", cores: 1, trueS: 2, deps: [], pred: pred(2, 3, 0.1) }] },
  ];
  const cluster = { partitions: [{ name: "general", nodes: 1, coresPerNode: 1 }, { name: "reserved", nodes: 1, coresPerNode: 1 }] };
  const r = simulate(wfs, cluster, tailPartition(noLimit(), 0.5, "reserved", "general"), { record: true });
  assert.deepEqual(r.attempts?.map((a) => [a.workflow, a.partition]).sort(), [[0, "reserved"], [1, "general"]]);
});

test("bad workloads fail with the workflow and task named", () => {
  const one = { partitions: [{ name: "n", nodes: 1, coresPerNode: 2 }] };
  assert.throws(() => simulate([{ id: "x", arrivalS: 0, tasks: [{ step: "s", cores: 1, trueS: 0, deps: [] }] }], one, noLimit()), (e: unknown) => e instanceof SimInputError && /workflow x task 0 \(s\)/.test(e.message));
  assert.throws(() => simulate([{ id: "x", arrivalS: 0, tasks: [{ step: "s", cores: 3, trueS: 1, deps: [] }] }], one, noLimit()), /more than a node/);
  assert.throws(() => simulate([{ id: "x", arrivalS: 0, tasks: [{ step: "a", cores: 1, trueS: 1, deps: [1] }, { step: "b", cores: 1, trueS: 1, deps: [0] }] }], one, noLimit()), /cycle/);
  assert.throws(() => simulate([{ id: "x", arrivalS: 0, tasks: [{ step: "a", cores: 1, trueS: 1, deps: [5] }] }], one, noLimit()), /dependency 5/);
});

test("simulations are deterministic and leave their input alone", () => {
  const wfs: SimWorkflow[] = [{ id: "A", arrivalS: 0, tasks: [{ step: "s", cores: 1, trueS: 3, deps: [] }, { step: "s", cores: 1, trueS: 2, deps: [0] }] }];
  const before = JSON.stringify(wfs);
  const a = simulate(wfs, { partitions: [{ name: "n", nodes: 1, coresPerNode: 1 }] }, staticLimit(new Map([["s", 2.5]])));
  const b = simulate(wfs, { partitions: [{ name: "n", nodes: 1, coresPerNode: 1 }] }, staticLimit(new Map([["s", 2.5]])));
  assert.deepEqual(a, b);
  assert.equal(JSON.stringify(wfs), before);
});
