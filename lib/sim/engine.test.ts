import assert from "node:assert/strict";
import { test } from "node:test";
import { simulate } from "./engine";
import { mmcMeanWait } from "./erlang";
import { fifoWaits, mmcDraws, mmcMeanWaitStream, mmcWorkload } from "./mmc";
import { noLimit, oracle, staticLimit } from "./policies";
import type { Cluster, SimWorkflow } from "./types";
import { mean } from "../util/stats";

const single = (c: number): Cluster => ({ partitions: [{ name: "main", nodes: c, coresPerNode: 1 }] });

test("M/M/c: the simulator's waits equal the Kiefer-Wolfowitz FIFO recursion on the same draws (rho 0.5/0.8/0.95)", () => {
  const c = 4;
  for (const rho of [0.5, 0.8, 0.95]) {
    const n = 20_000;
    const d = mmcDraws(n, rho * c, 1, 11);
    const r = simulate(mmcWorkload(n, rho * c, 1, 11), single(c), noLimit());
    const kw = fifoWaits(c, d.arrivalS, d.serviceS);
    let maxDiff = 0;
    for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs((r.taskWaitS[i] as number) - (kw[i] as number)));
    assert.ok(maxDiff < 1e-9, `rho ${rho}: max |sim - recursion| = ${maxDiff}`);
    assert.ok(mean(kw) > 0, "some jobs waited");
  }
});

test("M/M/c: mean wait of the FIFO c-server recursion is within 2% of Erlang C at rho 0.5/0.8/0.95 (long fixed-seed runs, same draws as the simulator gets)", () => {
  // The standard error of a mean wait shrinks slowly near saturation (about 1.7% at 4M jobs for rho 0.95),
  // hence 32M jobs there; the recursion is the simulator's FIFO computation (test above), ~40x faster.
  const c = 4;
  for (const [rho, n] of [[0.5, 4_000_000], [0.8, 4_000_000], [0.95, 32_000_000]] as const) {
    const sim = mmcMeanWaitStream(c, rho * c, 1, n, 1);
    const theory = mmcMeanWait(c, rho * c, 1);
    assert.ok(Math.abs(sim / theory - 1) < 0.02, `rho ${rho}: simulated ${sim}, Erlang C ${theory}`);
  }
});

test("M/M/c: the simulator itself is within 5% of Erlang C on 200k jobs at rho 0.8", () => {
  const c = 4;
  const r = simulate(mmcWorkload(200_000, 0.8 * c, 1, 3), single(c), noLimit());
  const theory = mmcMeanWait(c, 0.8 * c, 1);
  assert.ok(Math.abs(mean(r.taskWaitS) / theory - 1) < 0.05, `simulated ${mean(r.taskWaitS)}, Erlang C ${theory}`);
});
