import assert from "node:assert/strict";
import { test } from "node:test";
import { loadAtSubmission, type JobClock } from "./loadAtSubmission";

/** Direct O(n²) count of the definition, independent of the sorted-array counting. */
function direct(jobs: readonly JobClock[], key?: readonly string[]): { running: number[]; queued: number[] } {
  const ok = (j: JobClock): boolean => Number.isFinite(j.startS) && Number.isFinite(j.endS) && j.endS >= j.startS;
  const running: number[] = [];
  const queued: number[] = [];
  jobs.forEach((a, i) => {
    let r = 0;
    let q = 0;
    jobs.forEach((b, k) => {
      if (k === i || !ok(b) || (key && key[k] !== key[i])) return;
      const created = Number.isFinite(b.createS) ? Math.min(b.createS, b.startS) : b.startS;
      if (b.startS <= a.createS && a.createS < b.endS) r++;
      if (created <= a.createS && a.createS < b.startS) q++;
    });
    running.push(Number.isFinite(a.createS) ? r : NaN);
    queued.push(Number.isFinite(a.createS) ? q : NaN);
  });
  return { running, queued };
}

test("running and queued at creation: a small timeline by hand", () => {
  const jobs: JobClock[] = [
    { createS: 0, startS: 5, endS: 20 }, // nothing before it
    { createS: 10, startS: 12, endS: 30 }, // job 0 running
    { createS: 11, startS: 40, endS: 50 }, // 0 and 1? 1 starts at 12 > 11: 1 is queued
    { createS: 45, startS: 46, endS: 47 }, // 2 running; 0, 1 ended
  ];
  const l = loadAtSubmission(jobs);
  assert.deepEqual(Array.from(l.running), [0, 1, 1, 1]);
  assert.deepEqual(Array.from(l.queued), [0, 0, 1, 0]);
  assert.equal(l.unusable, 0);
});

test("a job's own end never enters its own count (even when its start precedes its creation)", () => {
  const base: JobClock[] = [{ createS: 0, startS: 1, endS: 100 }, { createS: 50, startS: 49, endS: 60 }];
  const a = loadAtSubmission(base);
  const b = loadAtSubmission([base[0]!, { ...base[1]!, endS: 1e9 }]);
  assert.deepEqual(Array.from(a.running), Array.from(b.running));
  assert.equal(a.running[1], 1);
});

test("keys split the counts; unusable jobs are counted for nobody but still get their own count", () => {
  const jobs: JobClock[] = [
    { createS: 0, startS: 1, endS: 100 },
    { createS: 0, startS: 2, endS: 100 },
    { createS: 10, startS: 11, endS: 12 },
    { createS: 20, startS: NaN, endS: 30 },
    { createS: NaN, startS: 1, endS: 2 },
  ];
  const l = loadAtSubmission(jobs, ["x", "y", "x", "x", "y"]);
  assert.deepEqual(Array.from(l.running), [0, 0, 1, 1, NaN]);
  assert.equal(l.unusable, 1);
  assert.throws(() => loadAtSubmission(jobs, ["x"]), /5 jobs/);
});

test("matches a direct count on a seeded random timeline, with and without keys; input untouched", () => {
  let s = 12345;
  const r = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const jobs: JobClock[] = Array.from({ length: 300 }, () => {
    const c = Math.floor(r() * 1000);
    const st = c + Math.floor(r() * 50) - 3; // a few start before their creation (clock skew)
    const e = st + Math.floor(r() * 200);
    return { createS: c, startS: r() < 0.02 ? NaN : st, endS: r() < 0.01 ? st - 1 : e };
  });
  const keys = jobs.map(() => (r() < 0.5 ? "a" : "b"));
  const copy = JSON.stringify(jobs);
  for (const k of [undefined, keys]) {
    const got = loadAtSubmission(jobs, k);
    const want = direct(jobs, k);
    assert.deepEqual(Array.from(got.running), want.running);
    assert.deepEqual(Array.from(got.queued), want.queued);
  }
  assert.equal(JSON.stringify(jobs), copy);
});
