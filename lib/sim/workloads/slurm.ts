/**
 * A workload measured on a real Slurm cluster (harness/cluster/workload.sh), replayed in the simulator:
 * Slurm's own job table (slurm_jobs.tsv from harness/cluster/sacct_jobs.py) and the limits each policy
 * gave (limits.tsv from harness/cluster/limits.py) become simulator workflows and a limit policy, so the
 * simulator's kills, killed core-minutes and makespan can be set against what Slurm recorded.
 *
 * What a replay takes from the real run: each workflow run is a workflow arriving at 0; each Snakemake
 * rule a task with the cores Slurm allocated and, as its run time, the elapsed time of the attempt that
 * completed (sacct ElapsedRaw: the whole Slurm job, including the Snakemake process the job starts).
 * The dependencies are the harness DAG (lib/workflow; `simulate` only when the run submitted it, i.e. the
 * inputs were not simulated beforehand) plus `collect`, which waits for every step.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseDelimited } from "../../traces/csv";
import { HARNESS_DAG as WORKFLOW_DAG } from "../../workflow";
import { escalate } from "../policies/staticLimit";
import { simulate, type SimResult } from "../engine";
import type { Policy, SimTask, SimWorkflow } from "../types";

/** One Slurm job (one attempt of one rule of one run), as sacct_jobs.py writes it. Times in epoch seconds. */
export interface SlurmJob {
  readonly jobId: number;
  readonly rule: string;
  readonly run: string;
  readonly attempt: number;
  readonly state: string;
  readonly submit: number;
  readonly start: number;
  readonly end: number;
  readonly elapsedS: number;
  /** Slurm's --time of the attempt (s); undefined when unlimited. */
  readonly timelimitS: number | undefined;
  readonly allocCpus: number;
}

/** A bad row of a Slurm job or limit table: names the file, the line and the field. */
export class SlurmTableError extends Error {
  override name = "SlurmTableError";
}

function header(recs: ReturnType<typeof parseDelimited>, source: string, need: readonly string[]): Map<string, number> {
  const h = recs[0];
  if (!h) throw new SlurmTableError(`${source}: empty file`);
  const idx = new Map(h.fields.map((f, i) => [f.trim(), i]));
  const missing = need.filter((c) => !idx.has(c));
  if (missing.length) throw new SlurmTableError(`${source}: line ${h.line}: missing column(s) ${missing.join(", ")}`);
  return idx;
}

function field(rec: { line: number; fields: string[] }, idx: Map<string, number>, name: string, source: string): string {
  const v = rec.fields[idx.get(name) as number];
  if (v === undefined) throw new SlurmTableError(`${source}: line ${rec.line}: field ${name}: missing (row has ${rec.fields.length} fields)`);
  return v;
}

function whole(rec: { line: number; fields: string[] }, idx: Map<string, number>, name: string, source: string, optional = false): number | undefined {
  const v = field(rec, idx, name, source);
  if (optional && v === "") return undefined;
  if (!/^\d+$/.test(v)) throw new SlurmTableError(`${source}: line ${rec.line}: field ${name}: expected a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

const JOB_COLUMNS = ["job_id", "rule", "run", "attempt", "state", "submit", "start", "end", "elapsed_s", "timelimit_s", "alloc_cpus"] as const;

/**
 * Parse slurm_jobs.tsv (harness/cluster/sacct_jobs.py). Throws on a bad row, naming file, line and
 * field: a replay with a row dropped would not be the workload that ran. Jobs still running are refused.
 */
export function parseSlurmJobs(text: string, source = "slurm_jobs.tsv"): SlurmJob[] {
  const recs = parseDelimited(text, "\t");
  const idx = header(recs, source, JOB_COLUMNS);
  return recs.slice(1).map((r) => {
    const state = field(r, idx, "state", source);
    if (!/^[A-Z_]+$/.test(state)) throw new SlurmTableError(`${source}: line ${r.line}: field state: unexpected ${JSON.stringify(state)}`);
    const start = whole(r, idx, "start", source, true);
    const end = whole(r, idx, "end", source, true);
    if (start === undefined || end === undefined) throw new SlurmTableError(`${source}: line ${r.line}: job has not ended (state ${state}): replay a finished workload`);
    return {
      jobId: whole(r, idx, "job_id", source) as number,
      rule: field(r, idx, "rule", source),
      run: field(r, idx, "run", source),
      attempt: whole(r, idx, "attempt", source) as number,
      state,
      submit: whole(r, idx, "submit", source) as number,
      start,
      end,
      elapsedS: whole(r, idx, "elapsed_s", source) as number,
      timelimitS: whole(r, idx, "timelimit_s", source, true),
      allocCpus: whole(r, idx, "alloc_cpus", source) as number,
    };
  });
}

/** A policy's limits: minutes per rule (`*` run = every run without its own row) and per (rule, run). */
export interface SlurmLimits {
  readonly policy: string;
  readonly ruleMin: ReadonlyMap<string, number>;
  /** Key `${rule}\t${run}`. */
  readonly runMin: ReadonlyMap<string, number>;
}

/** Parse limits.tsv (harness/cluster/limits.py): policy, rule, run, runtime_min[, source]. */
export function parseSlurmLimits(text: string, source = "limits.tsv"): SlurmLimits {
  const recs = parseDelimited(text, "\t");
  const idx = header(recs, source, ["policy", "rule", "run", "runtime_min"]);
  const ruleMin = new Map<string, number>();
  const runMin = new Map<string, number>();
  let policy = "";
  for (const r of recs.slice(1)) {
    const p = field(r, idx, "policy", source);
    if (policy && p !== policy) throw new SlurmTableError(`${source}: line ${r.line}: field policy: ${JSON.stringify(p)} after ${JSON.stringify(policy)} (one policy per file)`);
    policy = p;
    const m = whole(r, idx, "runtime_min", source) as number;
    if (m < 1) throw new SlurmTableError(`${source}: line ${r.line}: field runtime_min: must be >= 1 (Slurm limits are whole minutes)`);
    const rule = field(r, idx, "rule", source);
    const run = field(r, idx, "run", source);
    if (run === "*") ruleMin.set(rule, m);
    else runMin.set(`${rule}\t${run}`, m);
  }
  if (!policy) throw new SlurmTableError(`${source}: no limits`);
  return { policy, ruleMin, runMin };
}

/** The first attempt's limit (s) of a rule in a run; undefined = no limit set (the profile's default applies). */
export function firstLimitS(l: SlurmLimits, rule: string, run: string): number | undefined {
  const m = l.runMin.get(`${rule}\t${run}`) ?? l.ruleMin.get(rule);
  return m === undefined ? undefined : 60 * m;
}

/**
 * The policy a limits table describes, as Snakemake ran it: attempt k gets the first limit x 2^(k-1)
 * (`runtime = minutes * attempt` with one retry is the same for k <= 2). Rules without a limit get
 * `defaultS` (the Slurm profile's default runtime, 60 min).
 */
export function slurmLimitPolicy(l: SlurmLimits, defaultS = 3600): Policy {
  return {
    name: l.policy,
    limitS: (t) => escalate(t, firstLimitS(l, t.task.step, t.workflow.id) ?? defaultS),
  };
}

/** The rules of a harness run as Slurm jobs, in the DAG's order, then `collect`. */
export const SLURM_HARNESS_RULES: readonly string[] = [...WORKFLOW_DAG.steps, "collect"];

function depsOf(rule: string, present: ReadonlySet<string>): string[] {
  if (rule === "collect") return [...present].filter((r) => r !== "collect");
  return WORKFLOW_DAG.edges.filter(([a, b]) => b === rule && present.has(a)).map(([a]) => a);
}

/** How long each task runs in a replay. */
export type ReplayTimes =
  /** The completed attempt's elapsed time in this same Slurm run. */
  | { readonly kind: "observed" }
  /** From another run of the same workload (e.g. the other policy's): its completed attempts, by rule and run. */
  | { readonly kind: "from"; readonly jobs: readonly SlurmJob[] };

function completedTimes(jobs: readonly SlurmJob[], source: string): Map<string, SlurmJob> {
  const m = new Map<string, SlurmJob>();
  for (const j of jobs) {
    if (j.state !== "COMPLETED") continue;
    const k = `${j.rule}\t${j.run}`;
    if (m.has(k)) throw new SlurmTableError(`${source}: rule ${j.rule} of run ${j.run} completed twice (jobs ${m.get(k)?.jobId} and ${j.jobId})`);
    m.set(k, j);
  }
  return m;
}

/** A killed job was still running at its elapsed time: its run time is at least this much longer (sacct's whole seconds). */
const CENSORED_STEP_S = 1;

/** A task whose run time did not come from where `ReplayTimes` asked (that run has no completed job of it). */
interface ReplaySubstitution {
  readonly run: string;
  readonly rule: string;
  /**
   * "own": this run's completed job; "censored": it never completed, so its run time is only known to exceed
   * the longest killed attempt's elapsed time: `seconds` is that plus 1 s (sacct's resolution), the smallest
   * run time consistent with the kill (a job killed at exactly its limit is killed again in the replay).
   */
  readonly used: "own" | "censored";
  readonly seconds: number;
}

/**
 * Workflows of a Slurm workload for the simulator: one per run (arrival 0, the order of first
 * submission), one task per rule the run submitted, cores = AllocCPUS, run time per `times`. Where the
 * timing run has no completed job of a rule, the time is this run's completed job, else (the rule never
 * completed anywhere: it failed after its last retry) the longest killed attempt's elapsed time plus 1 s,
 * the smallest run time consistent with the kill (it was still running); each such task is listed in
 * `substituted`.
 */
export function slurmReplayWorkflows(jobs: readonly SlurmJob[], times: ReplayTimes = { kind: "observed" }): { workflows: SimWorkflow[]; substituted: ReplaySubstitution[] } {
  const own = completedTimes(jobs, "this run");
  const timing = times.kind === "observed" ? own : completedTimes(times.jobs, "the timing run");
  const killedMax = new Map<string, number>();
  for (const j of [...jobs, ...(times.kind === "from" ? times.jobs : [])]) {
    if (j.state !== "TIMEOUT") continue;
    const k = `${j.rule}\t${j.run}`;
    killedMax.set(k, Math.max(killedMax.get(k) ?? 0, j.elapsedS));
  }
  const runs = new Map<string, number>();
  for (const j of jobs) {
    if (!j.run) continue;
    runs.set(j.run, Math.min(runs.get(j.run) ?? Infinity, j.submit));
  }
  const substituted: ReplaySubstitution[] = [];
  const order = [...runs].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([r]) => r);
  const workflows = order.map((run) => {
    const mine = jobs.filter((j) => j.run === run);
    const present = new Set(mine.map((j) => j.rule));
    const rules = SLURM_HARNESS_RULES.filter((r) => present.has(r));
    const extra = [...present].filter((r) => !SLURM_HARNESS_RULES.includes(r));
    if (extra.length) throw new SlurmTableError(`run ${run}: rule(s) ${extra.join(", ")} are not harness rules`);
    const index = new Map(rules.map((r, i) => [r, i]));
    const tasks: SimTask[] = rules.map((rule) => {
      const key = `${rule}\t${run}`;
      const cores = Math.max(...mine.filter((j) => j.rule === rule).map((j) => j.allocCpus));
      let seconds = timing.get(key)?.elapsedS;
      if (seconds === undefined) {
        const o = own.get(key)?.elapsedS;
        const used = o !== undefined ? "own" : "censored";
        const killedAt = killedMax.get(key);
        seconds = o ?? (killedAt === undefined ? undefined : killedAt + CENSORED_STEP_S);
        if (seconds === undefined) throw new SlurmTableError(`run ${run}: rule ${rule} neither completed nor was killed: nothing to replay it with`);
        substituted.push({ run, rule, used, seconds });
      }
      return { step: rule, cores, trueS: Math.max(1, seconds), deps: depsOf(rule, present).map((d) => index.get(d) as number) };
    });
    return { id: run, arrivalS: 0, tasks };
  });
  return { workflows, substituted };
}

/** Kills, killed core-minutes and makespan: one shape for Slurm's records and the simulator's result. */
export interface ScheduleOutcome {
  readonly kills: number;
  /** Rules of a run killed on their last attempt (never completed). */
  readonly failedTasks: number;
  readonly killedCoreMin: number;
  readonly makespanS: number;
  /** Median over runs of (last end - first submit), failed runs included (their last job's end). */
  readonly turnaroundMedianS: number;
  /** Core-minutes of every attempt (allocated cores x elapsed). */
  readonly busyCoreMin: number;
}

const med = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};

/** What Slurm recorded (the same definitions as sacct_jobs.py summary). */
export function slurmOutcome(jobs: readonly SlurmJob[]): ScheduleOutcome {
  if (jobs.length === 0) throw new SlurmTableError("no jobs");
  const killed = jobs.filter((j) => j.state === "TIMEOUT");
  const span = new Map<string, [number, number]>();
  for (const j of jobs) {
    if (!j.run) continue;
    const s = span.get(j.run);
    span.set(j.run, s ? [Math.min(s[0], j.submit), Math.max(s[1], j.end)] : [j.submit, j.end]);
  }
  const done = new Set(jobs.filter((j) => j.state === "COMPLETED").map((j) => `${j.rule}\t${j.run}`));
  return {
    kills: killed.length,
    failedTasks: new Set(jobs.filter((j) => !done.has(`${j.rule}\t${j.run}`)).map((j) => `${j.rule}\t${j.run}`)).size,
    killedCoreMin: killed.reduce((a, j) => a + j.allocCpus * j.elapsedS, 0) / 60,
    makespanS: Math.max(...jobs.map((j) => j.end)) - Math.min(...jobs.map((j) => j.submit)),
    turnaroundMedianS: med([...span.values()].map(([a, b]) => b - a)),
    busyCoreMin: jobs.reduce((a, j) => a + j.allocCpus * j.elapsedS, 0) / 60,
  };
}

/**
 * The same metrics from a simulation run with `record: true` (every workflow arrives at 0 here, as
 * every run was submitted at once): makespan and a run's turnaround end at its last attempt's end,
 * a killed one included, as Slurm's End does.
 */
export function simOutcome(r: SimResult): ScheduleOutcome {
  if (!r.attempts) throw new RangeError("simOutcome needs the attempts: simulate(..., { record: true })");
  const last = new Map<number, number>();
  for (const a of r.attempts) last.set(a.workflow, Math.max(last.get(a.workflow) ?? 0, a.endS));
  return {
    kills: r.kills,
    failedTasks: r.failedTasks,
    killedCoreMin: r.killedCoreS / 60,
    makespanS: Math.max(0, ...last.values()),
    turnaroundMedianS: med([...last.values()]),
    busyCoreMin: r.busyCoreS / 60,
  };
}

/**
 * Time between a job becoming ready (its last dependency's end; the run's first submission for a job
 * without dependencies) and its start, per job: the dispatch latency a real scheduler path adds
 * (Snakemake noticing the end, sbatch, Slurm's scheduling cycle) and queueing for cores. The simulator
 * models queueing only.
 */
export function readyToStartS(jobs: readonly SlurmJob[]): Array<{ job: SlurmJob; readyS: number; gapS: number }> {
  const byRun = new Map<string, SlurmJob[]>();
  for (const j of jobs) if (j.run) (byRun.get(j.run) ?? byRun.set(j.run, []).get(j.run)!).push(j);
  const out: Array<{ job: SlurmJob; readyS: number; gapS: number }> = [];
  for (const [, js] of byRun) {
    const first = Math.min(...js.map((j) => j.submit));
    const present = new Set(js.map((j) => j.rule));
    const doneAt = new Map(js.filter((j) => j.state === "COMPLETED").map((j) => [j.rule, j.end]));
    for (const j of js) {
      let ready: number;
      if (j.attempt > 1) {
        const prev = js.filter((p) => p.rule === j.rule && p.attempt === j.attempt - 1)[0];
        ready = prev ? prev.end : first;
      } else {
        const deps = depsOf(j.rule, present);
        ready = deps.length ? Math.max(...deps.map((d) => doneAt.get(d) ?? first)) : first;
      }
      out.push({ job: j, readyS: ready, gapS: j.start - ready });
    }
  }
  return out.sort((a, b) => a.job.jobId - b.job.jobId);
}

/** Relative error of a simulated value against the real one: (sim - real) / real; NaN when real is 0 and sim is not. */
export function relativeError(sim: number, real: number): number {
  if (real === 0) return sim === 0 ? 0 : NaN;
  return (sim - real) / real;
}

/** One policy's measured workload: Slurm's job table and the limits it ran with. */
export interface SlurmPolicyRun {
  /** Folder name (e.g. "static", "gwtime"). */
  readonly name: string;
  readonly jobs: readonly SlurmJob[];
  readonly limits: SlurmLimits;
  /** Files read (for provenance). */
  readonly files: readonly string[];
}

/** Read `<dir>/slurm_jobs.tsv` and `<dir>/limits.tsv` (harness/cluster/workload.sh's OUT folder). */
export function loadSlurmPolicyRun(dir: string, name = basename(dir)): SlurmPolicyRun {
  const jf = join(dir, "slurm_jobs.tsv");
  const lf = join(dir, "limits.tsv");
  for (const f of [jf, lf]) if (!existsSync(f)) throw new SlurmTableError(`${f}: not found (a workload.sh OUT folder has slurm_jobs.tsv and limits.tsv)`);
  return { name, jobs: parseSlurmJobs(readFileSync(jf, "utf8"), jf), limits: parseSlurmLimits(readFileSync(lf, "utf8"), lf), files: [jf, lf] };
}

/** Real against simulated, one row per policy, replay and metric. */
export interface FidelityRow {
  readonly policy: string;
  /** Whose step times the simulator was given: this run's own, or another run's of the same inputs. */
  readonly times: string;
  readonly metric: "kills" | "failed tasks" | "killed core-min" | "makespan s" | "median turnaround s" | "idle core-min";
  readonly slurm: number;
  readonly sim: number;
  /** (sim - slurm) / slurm. */
  readonly relativeError: number;
  /** Tasks timed from elsewhere (ReplaySubstitution), "run/rule: used seconds"; empty when none. */
  readonly substituted: string;
}

/**
 * Replay every policy's workload in the simulator (one node of `cores` cores, FIFO, kill at the limit,
 * retry with the limit doubled, `maxAttempts` attempts: Snakemake `--retries 1` = 2) and set kills, killed core-minutes, makespan and median turnaround
 * against Slurm's records. For each policy: once with its own runs' step times (does the simulator
 * reproduce the schedule given the durations?) and once with each other policy's step times (does it
 * predict a run it has not seen? the same inputs, another run of them).
 */
export function slurmFidelity(runs: readonly SlurmPolicyRun[], cores: number, maxAttempts = 2): FidelityRow[] {
  const cluster = { partitions: [{ name: "slurm", nodes: 1, coresPerNode: cores }] };
  const rows: FidelityRow[] = [];
  for (const r of runs) {
    const real = slurmOutcome(r.jobs);
    const sources: Array<[string, ReplayTimes]> = [[`own (${r.name})`, { kind: "observed" }], ...runs.filter((o) => o !== r).map((o): [string, ReplayTimes] => [`from ${o.name}`, { kind: "from", jobs: o.jobs }])];
    for (const [label, times] of sources) {
      const { workflows, substituted } = slurmReplayWorkflows(r.jobs, times);
      const sim = simOutcome(simulate(workflows, cluster, slurmLimitPolicy(r.limits), { record: true, maxAttempts }));
      const note = substituted.map((x) => `${x.run}/${x.rule}: ${x.used} ${x.seconds} s`).join("; ");
      const add = (metric: FidelityRow["metric"], a: number, b: number) => rows.push({ policy: r.limits.policy, times: label, metric, slurm: a, sim: b, relativeError: relativeError(b, a), substituted: note });
      add("kills", real.kills, sim.kills);
      add("failed tasks", real.failedTasks, sim.failedTasks);
      add("killed core-min", real.killedCoreMin, sim.killedCoreMin);
      add("makespan s", real.makespanS, sim.makespanS);
      add("median turnaround s", real.turnaroundMedianS, sim.turnaroundMedianS);
      // cores x makespan - busy core-time: where the real path leaves cores idle (dispatch latency) and the simulator does not
      add("idle core-min", (cores * real.makespanS) / 60 - real.busyCoreMin, (cores * sim.makespanS) / 60 - sim.busyCoreMin);
    }
  }
  return rows;
}

/**
 * Jobs that started before a job submitted earlier that was still waiting (Slurm's backfill, or an
 * earlier job that needed more cores than were free): the simulator's queue is strict FIFO (no backfill),
 * so a count above 0 is a difference in order between the two.
 */
export function startedAheadOfEarlier(jobs: readonly SlurmJob[]): SlurmJob[] {
  const bySubmit = [...jobs].sort((a, b) => a.submit - b.submit || a.jobId - b.jobId);
  return bySubmit.filter((j, i) => bySubmit.slice(0, i).some((k) => k.submit < j.submit && k.start > j.start));
}
