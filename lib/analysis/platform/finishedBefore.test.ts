import assert from "node:assert/strict";
import { test } from "node:test";
import { finishedBefore, type FinishedRun } from "./finishedBefore";

test("only runs of the same key that ended by the creation time, latest first, at most k", () => {
  const runs: FinishedRun[] = [
    { key: "u", createS: 0, endS: 10, value: 1 },
    { key: "u", createS: 1, endS: 20, value: 2 },
    { key: "v", createS: 2, endS: 5, value: 99 },
    { key: "u", createS: 20, endS: 30, value: 3 }, // 0, 4 and 1 ended (1 exactly at 20)
    { key: "u", createS: 15, endS: 16, value: 4 }, // only 0 ended; 1 still running
    { key: "u", createS: 40, endS: 50, value: 5 },
  ];
  assert.deepEqual(finishedBefore(runs, 2), [[], [], [], [2, 4], [1], [3, 2]]);
  assert.deepEqual(finishedBefore(runs, 9)[5], [3, 2, 4, 1]);
});

test("a run's own value never enters its own history, even when its end precedes its creation (clock skew)", () => {
  const runs: FinishedRun[] = [{ key: "u", createS: 10, endS: 5, value: 7 }, { key: "u", createS: 12, endS: 20, value: 8 }];
  assert.deepEqual(finishedBefore(runs, 3), [[], [7]]);
});

test("unknown key, end or value: nobody's history; unknown creation: empty history; k is checked", () => {
  const runs: FinishedRun[] = [
    { key: undefined, createS: 0, endS: 1, value: 1 },
    { key: "u", createS: 0, endS: NaN, value: 2 },
    { key: "u", createS: 0, endS: 1, value: NaN },
    { key: "u", createS: NaN, endS: 2, value: 3 },
    { key: "u", createS: 10, endS: 11, value: 4 },
  ];
  assert.deepEqual(finishedBefore(runs, 5), [[], [], [], [], [3]]);
  assert.throws(() => finishedBefore(runs, 0), /positive integer/);
});

test("matches a direct scan on a seeded random history; input untouched", () => {
  let s = 99;
  const r = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const runs: FinishedRun[] = Array.from({ length: 400 }, (_, i) => {
    const c = Math.floor(r() * 500);
    return { key: r() < 0.5 ? "a" : r() < 0.5 ? "b" : "c", createS: c, endS: c + Math.floor(r() * 60), value: i };
  });
  const copy = JSON.stringify(runs);
  const got = finishedBefore(runs, 3);
  runs.forEach((a, i) => {
    const want = runs
      .map((b, j) => ({ b, j }))
      .filter(({ b, j }) => j !== i && b.key === a.key && b.endS <= a.createS)
      .sort((x, y) => y.b.endS - x.b.endS || y.j - x.j)
      .slice(0, 3)
      .map(({ b }) => b.value);
    assert.deepEqual(got[i], want);
  });
  assert.equal(JSON.stringify(runs), copy);
});
