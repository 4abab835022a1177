import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { simulate } from "../engine";
import {
  firstLimitS, parseSlurmJobs, parseSlurmLimits, readyToStartS, relativeError, simOutcome, slurmLimitPolicy,
  slurmOutcome, slurmReplayWorkflows, SlurmTableError, startedAheadOfEarlier,
} from "./slurm";

const HEAD = "job_id\tjob_name\trule\twildcards\trun\tattempt\tstate\tsubmit\tstart\tend\telapsed_s\ttimelimit_s\talloc_cpus\texit_code\tnodes";
const row = (id: number, rule: string, run: string, attempt: number, state: string, submit: number, start: number, end: number, limitMin: number, cpus: number) =>
  [id, "x", rule, run, run, attempt, state, submit, start, end, end - start, limitMin * 60, cpus, "0:0", "vm"].join("\t");

// Synthetic (labelled): one run of three rules on a 2-core node; sortsam is killed at its 1-min limit
// and completes on attempt 2 in 70 s. Checks the table -> simulator path, not a claim about real runs.
const JOBS = [HEAD,
  row(1, "bwa_mem", "r0001", 1, "COMPLETED", 0, 5, 45, 2, 2),
  row(2, "samtools_view", "r0001", 1, "COMPLETED", 50, 55, 75, 1, 2),
  row(3, "sortsam", "r0001", 1, "TIMEOUT", 80, 82, 145, 1, 1),
  row(4, "sortsam", "r0001", 2, "COMPLETED", 150, 151, 221, 2, 1),
].join("\n");
const LIMITS = "policy\trule\trun\truntime_min\tsource\np\tbwa_mem\t*\t2\tp\np\tsamtools_view\t*\t1\tp\np\tsortsam\t*\t1\tp\np\tsortsam\tr0002\t3\tp\n";

test("Slurm job table: outcome as sacct_jobs.py summarizes it (kills, killed core-min, makespan)", () => {
  const jobs = parseSlurmJobs(JOBS);
  assert.equal(jobs.length, 4);
  const o = slurmOutcome(jobs);
  assert.deepEqual([o.kills, o.killedCoreMin, o.makespanS, o.turnaroundMedianS], [1, 63 / 60, 221, 221]);
});

test("limits table: per-run rows override the rule's; minutes become seconds; doubling on retry", () => {
  const l = parseSlurmLimits(LIMITS);
  assert.equal(l.policy, "p");
  assert.deepEqual([firstLimitS(l, "sortsam", "r0001"), firstLimitS(l, "sortsam", "r0002"), firstLimitS(l, "collect", "r0001")], [60, 180, undefined]);
  const jobs = parseSlurmJobs(JOBS);
  const { workflows: wf, substituted } = slurmReplayWorkflows(jobs);
  assert.deepEqual(substituted, []);
  assert.deepEqual(wf[0]?.tasks.map((t) => [t.step, t.trueS, t.cores, t.deps]), [["bwa_mem", 40, 2, []], ["samtools_view", 20, 2, [0]], ["sortsam", 70, 1, [1]]]);
  const r = simulate(wf, { partitions: [{ name: "n", nodes: 1, coresPerNode: 2 }] }, slurmLimitPolicy(l), { record: true });
  // sortsam (70 s) passes its 60 s limit once, then runs 70 s under 120 s
  assert.deepEqual([r.kills, r.killedCoreS, r.makespanS], [1, 60, 40 + 20 + 60 + 70]);
  const o = simOutcome(r);
  assert.deepEqual([o.kills, o.failedTasks, o.killedCoreMin, o.makespanS], [1, 0, 1, 190]);
  // one attempt only (no retry): sortsam fails at its limit, its run has no turnaround
  const once = simulate(wf, { partitions: [{ name: "n", nodes: 1, coresPerNode: 2 }] }, slurmLimitPolicy(l), { record: true, maxAttempts: 1 });
  assert.deepEqual([once.kills, once.failedTasks, Number.isNaN(once.workflowTurnaroundS[0]), simOutcome(once).makespanS], [1, 1, true, 120]);
});

test("a rule that never completed replays just past its longest killed attempt (the smallest time consistent with the kill), listed", () => {
  const never = parseSlurmJobs(JOBS.split("\n").slice(0, 4).join("\n"));
  assert.equal(slurmOutcome(never).failedTasks, 1);
  const { workflows, substituted } = slurmReplayWorkflows(never);
  assert.deepEqual(substituted, [{ run: "r0001", rule: "sortsam", used: "censored", seconds: 64 }]);
  assert.equal(workflows[0]?.tasks[2]?.trueS, 64);
  // killed at exactly its limit (elapsed 120 s, limit 2 min) on its last attempt: the replay kills it there too
  const atLimit = parseSlurmJobs([HEAD, row(1, "sortsam", "r0001", 1, "TIMEOUT", 0, 0, 60, 1, 1), row(2, "sortsam", "r0001", 2, "TIMEOUT", 60, 60, 180, 2, 1)].join("\n"));
  const replay = simulate(slurmReplayWorkflows(atLimit).workflows, { partitions: [{ name: "n", nodes: 1, coresPerNode: 2 }] }, slurmLimitPolicy(parseSlurmLimits(LIMITS)), { record: true, maxAttempts: 2 });
  assert.deepEqual([replay.kills, replay.failedTasks], [2, 1]);
  // timed from another run that lacks a rule: this run's own completed job is used, and said
  const { substituted: s2 } = slurmReplayWorkflows(parseSlurmJobs(JOBS), { kind: "from", jobs: never });
  assert.deepEqual(s2, [{ run: "r0001", rule: "sortsam", used: "own", seconds: 70 }]);
});

test("ready-to-start gaps: a step waits for its parents' end, a retry for its killed attempt's end", () => {
  const g = readyToStartS(parseSlurmJobs(JOBS)).map((x) => [x.job.jobId, x.readyS, x.gapS]);
  assert.deepEqual(g, [[1, 0, 5], [2, 45, 10], [3, 75, 7], [4, 145, 6]]);
});

test("jobs that started ahead of an earlier-submitted waiting job (backfill) are found", () => {
  assert.deepEqual(startedAheadOfEarlier(parseSlurmJobs(JOBS)), []);
  const jumped = parseSlurmJobs([HEAD, row(1, "bwa_mem", "r0001", 1, "COMPLETED", 0, 50, 90, 2, 2), row(2, "fastp", "r0002", 1, "COMPLETED", 5, 10, 30, 1, 1)].join("\n"));
  assert.deepEqual(startedAheadOfEarlier(jumped).map((j) => j.jobId), [2]);
});

test("bad rows are refused with file, line and field", () => {
  assert.throws(() => parseSlurmJobs(JOBS.replace("\t40\t120\t2\t", "\tforty\t120\t2\t"), "j.tsv"), /j\.tsv: line 2: field elapsed_s: expected a whole number, got "forty"/);
  assert.throws(() => parseSlurmJobs(HEAD.replace("\tstate", "\tstatus") + "\n", "j.tsv"), /j\.tsv: line 1: missing column\(s\) state/);
  const running = JOBS.split("\n").slice(0, 2).join("\n").replace("\t5\t45\t", "\t5\t\t");
  assert.throws(() => parseSlurmJobs(running, "j.tsv"), /line 2: job has not ended/);
  assert.throws(() => parseSlurmLimits(LIMITS.replace("\t1\tp\np\tsortsam\t*", "\t0\tp\np\tsortsam\t*"), "l.tsv"), /l\.tsv: line 3: field runtime_min: must be >= 1/);
  assert.throws(() => parseSlurmLimits(LIMITS + "q\tfastp\t*\t1\tq\n", "l.tsv"), /line 6: field policy: "q" after "p"/);
  const failed = JOBS.split("\n").slice(0, 4).join("\n").replace("\tTIMEOUT\t", "\tFAILED\t");
  assert.throws(() => slurmReplayWorkflows(parseSlurmJobs(failed)), (e: unknown) => e instanceof SlurmTableError && /rule sortsam neither completed nor was killed/.test(String(e)));
});

test("relative error", () => {
  assert.equal(relativeError(90, 100), -0.1);
  assert.equal(relativeError(0, 0), 0);
  assert.ok(Number.isNaN(relativeError(1, 0)));
});

// The committed measurement (data/harness-slurm-workload): the TS outcome equals sacct_jobs.py's summary.tsv.
const W = join(__dirname, "..", "..", "..", "data", "harness-slurm-workload");
for (const policy of ["static", "gwtime"]) {
  const dir = join(W, policy);
  const skip = existsSync(join(dir, "slurm_jobs.tsv")) ? false : `${dir}/slurm_jobs.tsv absent (the Slurm workload has not been committed): skipped`;
  test(`committed Slurm workload (${policy}): outcome equals summary.tsv; every rule of every run replays`, { skip }, () => {
    const jobs = parseSlurmJobs(readFileSync(join(dir, "slurm_jobs.tsv"), "utf8"), join(dir, "slurm_jobs.tsv"));
    const o = slurmOutcome(jobs);
    const [h, v] = readFileSync(join(dir, "summary.tsv"), "utf8").trim().split("\n").map((l) => l.split("\t"));
    const s = Object.fromEntries((h as string[]).map((k, i) => [k, (v as string[])[i]]));
    assert.equal(o.kills, Number(s.timeout_kills));
    assert.ok(Math.abs(o.killedCoreMin - Number(s.killed_core_min)) < 0.006);
    assert.equal(o.makespanS, Number(s.makespan_s));
    assert.equal(o.turnaroundMedianS, Number(s.turnaround_median_s));
    const { workflows: wf } = slurmReplayWorkflows(jobs);
    assert.equal(wf.length, Number(s.runs));
    assert.equal(wf.reduce((a, w) => a + w.tasks.length, 0), new Set(jobs.map((j) => `${j.rule}/${j.run}`)).size);
  });
}
