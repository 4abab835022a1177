/**
 * Policy comparison: every policy on the same arrivals (seeded Poisson streams at several
 * utilisations), metrics per run, then per (workload, policy, utilisation) the median over seeds
 * with a bootstrap CI over seeds and paired ratios against the baseline and the oracle.
 */
import { quantile, median, rng } from "../util/stats";
import { poissonWorkload } from "./arrivals";
import { simulate, type SimResult } from "./engine";
import type { Cluster, Policy, SimWorkflow } from "./types";

/** A policy in a comparison: a short label, and its own cluster when it partitions the cores differently (same total). */
export interface PolicyEntry {
  readonly label: string;
  readonly policy: Policy;
  readonly cluster?: Cluster;
  /** Uses gwtime's predictions (a candidate for the goal check). */
  readonly usesPrediction: boolean;
}

/** Metrics of one simulation (seconds; core-hours). p50S/p95S/p99S are workflow turnaround quantiles. */
export interface RunRow {
  readonly workload: string;
  readonly policy: string;
  readonly utilisation: number;
  readonly seed: number;
  readonly workflows: number;
  readonly tasks: number;
  readonly p50S: number;
  readonly p95S: number;
  readonly p99S: number;
  readonly meanTurnaroundS: number;
  readonly taskP50S: number;
  readonly taskP99S: number;
  readonly meanSlowdown: number;
  readonly makespanS: number;
  readonly kills: number;
  readonly speculativeCopies: number;
  /** Killed attempts + the losing side of speculations. */
  readonly wastedCoreHours: number;
  /** Wasted core-hours as % of the useful core-hours. */
  readonly extraCoreHoursPct: number;
  readonly meanWaitS: number;
  /** Busy core-time / (cores x makespan). */
  readonly achievedUtilisation: number;
}

/** Metrics of one simulation result. */
export function runMetrics(r: SimResult, workload: string, policy: string, utilisation: number, seed: number): RunRow {
  const wf = Array.from(r.workflowTurnaroundS);
  const tk = Array.from(r.taskTurnaroundS);
  const wasted = r.killedCoreS + r.speculativeCoreS;
  let wait = 0;
  for (const w of r.taskWaitS) wait += w;
  let slow = 0;
  for (const s of r.taskSlowdown) slow += s;
  return {
    workload,
    policy,
    utilisation,
    seed,
    workflows: wf.length,
    tasks: tk.length,
    p50S: quantile(wf, 0.5),
    p95S: quantile(wf, 0.95),
    p99S: quantile(wf, 0.99),
    meanTurnaroundS: wf.reduce((a, b) => a + b, 0) / wf.length,
    taskP50S: quantile(tk, 0.5),
    taskP99S: quantile(tk, 0.99),
    meanSlowdown: slow / tk.length,
    makespanS: r.makespanS,
    kills: r.kills,
    speculativeCopies: r.speculativeCopies,
    wastedCoreHours: wasted / 3600,
    extraCoreHoursPct: (100 * wasted) / r.usefulCoreS,
    meanWaitS: wait / tk.length,
    achievedUtilisation: r.makespanS > 0 ? r.busyCoreS / (r.totalCores * r.makespanS) : 0,
  };
}

export interface CompareResult {
  readonly rows: RunRow[];
  /** Workflow turnarounds of the first seed, per (policy, utilisation), for CDFs. */
  readonly turnarounds: Array<{ policy: string; utilisation: number; seed: number; workflowTurnaroundS: number[] }>;
}

/**
 * Run every policy at every utilisation and seed. Arrivals depend only on (utilisation, seed) and
 * the default cluster's core count, so policies are compared on identical streams. `arrive` replaces
 * the seeded Poisson stream (e.g. replayed trace timestamps).
 */
export function comparePolicies(workload: string, workflows: readonly SimWorkflow[], cluster: Cluster, entries: readonly PolicyEntry[], opts: { utilisations: readonly number[]; seeds: readonly number[]; arrive?: (utilisation: number, seed: number) => SimWorkflow[] }): CompareResult {
  const rows: RunRow[] = [];
  const turnarounds: CompareResult["turnarounds"] = [];
  for (const u of opts.utilisations) {
    for (const seed of opts.seeds) {
      const arrivals = opts.arrive ? opts.arrive(u, seed) : poissonWorkload(workflows, cluster, u, seed);
      for (const e of entries) {
        const r = simulate(arrivals, e.cluster ?? cluster, e.policy);
        rows.push(runMetrics(r, workload, e.label, u, seed));
        if (seed === opts.seeds[0]) turnarounds.push({ policy: e.label, utilisation: u, seed, workflowTurnaroundS: Array.from(r.workflowTurnaroundS) });
      }
    }
  }
  return { rows, turnarounds };
}

/** Median of `xs` and a percentile-bootstrap 95% CI of the median (resampling the seeds). */
export function medianCi(xs: readonly number[], seed = 7, reps = 2000): { median: number; lo: number; hi: number } {
  const m = median(xs);
  if (xs.length < 2) return { median: m, lo: m, hi: m };
  const r = rng(seed);
  const meds: number[] = [];
  for (let b = 0; b < reps; b++) meds.push(median(xs.map(() => xs[Math.floor(r() * xs.length)] as number)));
  return { median: m, lo: quantile(meds, 0.025), hi: quantile(meds, 0.975) };
}

/** One (workload, policy, utilisation): medians over seeds with 95% CIs, and ratios against the baseline and the oracle. */
export interface PolicySummary {
  readonly workload: string;
  readonly policy: string;
  readonly utilisation: number;
  readonly seeds: number;
  readonly p50S: number;
  readonly p99S: number;
  readonly p99SLo: number;
  readonly p99SHi: number;
  readonly makespanS: number;
  readonly kills: number;
  readonly killsLo: number;
  readonly killsHi: number;
  readonly wastedCoreHours: number;
  readonly wastedCoreHoursLo: number;
  readonly wastedCoreHoursHi: number;
  readonly extraCoreHoursPct: number;
  readonly meanWaitS: number;
  readonly achievedUtilisation: number;
  /** Median over seeds of p99 / the baseline's p99 on the same arrivals (with 95% CI). */
  readonly p99VsBaseline: number;
  readonly p99VsBaselineLo: number;
  readonly p99VsBaselineHi: number;
  /** Kills and wasted core-hours summed over seeds, over the baseline's (0 = none, 1 = as many). */
  readonly killsVsBaseline: number;
  readonly wastedVsBaseline: number;
  /** Median over seeds of p99 / the oracle's p99 (with 95% CI). */
  readonly p99VsOracle: number;
  readonly p99VsOracleLo: number;
  readonly p99VsOracleHi: number;
}

/** Summaries of `rows`, with paired ratios against the policies labelled `baseline` and `oracle`. */
export function summarisePolicies(rows: readonly RunRow[], baseline: string, oracle: string): PolicySummary[] {
  const key = (r: RunRow): string => `${r.workload}\u0000${r.utilisation}\u0000${r.seed}`;
  const base = new Map(rows.filter((r) => r.policy === baseline).map((r) => [key(r), r]));
  const orc = new Map(rows.filter((r) => r.policy === oracle).map((r) => [key(r), r]));
  const groups = new Map<string, RunRow[]>();
  for (const r of rows) {
    const g = `${r.workload}\u0000${r.policy}\u0000${r.utilisation}`;
    const a = groups.get(g);
    if (a) a.push(r);
    else groups.set(g, [r]);
  }
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  return [...groups.values()].map((rs) => {
    const f = rs[0] as RunRow;
    const p99 = medianCi(rs.map((r) => r.p99S));
    const kills = medianCi(rs.map((r) => r.kills));
    const wasted = medianCi(rs.map((r) => r.wastedCoreHours));
    const b = rs.map((r) => base.get(key(r)));
    const o = rs.map((r) => orc.get(key(r)));
    if (b.some((x) => !x) || o.some((x) => !x)) throw new Error(`summarisePolicies: baseline '${baseline}' or oracle '${oracle}' missing for ${f.workload} at utilisation ${f.utilisation}`);
    const vsB = medianCi(rs.map((r, i) => r.p99S / (b[i] as RunRow).p99S));
    const vsO = medianCi(rs.map((r, i) => r.p99S / (o[i] as RunRow).p99S));
    const bk = sum(b.map((x) => (x as RunRow).kills));
    const bw = sum(b.map((x) => (x as RunRow).wastedCoreHours));
    return {
      workload: f.workload,
      policy: f.policy,
      utilisation: f.utilisation,
      seeds: rs.length,
      p50S: median(rs.map((r) => r.p50S)),
      p99S: p99.median,
      p99SLo: p99.lo,
      p99SHi: p99.hi,
      makespanS: median(rs.map((r) => r.makespanS)),
      kills: kills.median,
      killsLo: kills.lo,
      killsHi: kills.hi,
      wastedCoreHours: wasted.median,
      wastedCoreHoursLo: wasted.lo,
      wastedCoreHoursHi: wasted.hi,
      extraCoreHoursPct: median(rs.map((r) => r.extraCoreHoursPct)),
      meanWaitS: median(rs.map((r) => r.meanWaitS)),
      achievedUtilisation: median(rs.map((r) => r.achievedUtilisation)),
      p99VsBaseline: vsB.median,
      p99VsBaselineLo: vsB.lo,
      p99VsBaselineHi: vsB.hi,
      killsVsBaseline: bk > 0 ? sum(rs.map((r) => r.kills)) / bk : NaN,
      wastedVsBaseline: bw > 0 ? sum(rs.map((r) => r.wastedCoreHours)) / bw : NaN,
      p99VsOracle: vsO.median,
      p99VsOracleLo: vsO.lo,
      p99VsOracleHi: vsO.hi,
    };
  });
}

/** The goal per (workload, utilisation): the best prediction-based policy against the baseline and the oracle. */
export interface GoalRow {
  readonly workload: string;
  readonly utilisation: number;
  /** Best prediction-based policy: meets the kill and waste cuts with the lowest p99, else the lowest p99 overall. */
  readonly policy: string;
  readonly killsCut: number;
  readonly wastedCut: number;
  readonly p99VsBaseline: number;
  readonly p99VsOracle: number;
  readonly killsCutMet: boolean;
  readonly wastedCutMet: boolean;
  readonly p99NoWorseMet: boolean;
  readonly nearOracleMet: boolean;
}

/** Goal: kills cut >= 90%, wasted core-hours cut >= 50% vs the baseline, p99 no worse, p99 within 10% of the oracle. */
export function goalCheck(summaries: readonly PolicySummary[], predictive: ReadonlySet<string>): GoalRow[] {
  const out: GoalRow[] = [];
  const keys = [...new Set(summaries.map((s) => `${s.workload}\u0000${s.utilisation}`))];
  for (const k of keys) {
    const cands = summaries.filter((s) => `${s.workload}\u0000${s.utilisation}` === k && predictive.has(s.policy));
    if (cands.length === 0) continue;
    const cut = (s: PolicySummary) => ({ kills: Number.isNaN(s.killsVsBaseline) ? NaN : 1 - s.killsVsBaseline, wasted: Number.isNaN(s.wastedVsBaseline) ? NaN : 1 - s.wastedVsBaseline });
    const meets = cands.filter((s) => cut(s).kills >= 0.9 && cut(s).wasted >= 0.5);
    const pool = meets.length ? meets : cands;
    const best = pool.reduce((a, b) => (b.p99S < a.p99S ? b : a));
    const c = cut(best);
    out.push({
      workload: best.workload,
      utilisation: best.utilisation,
      policy: best.policy,
      killsCut: c.kills,
      wastedCut: c.wasted,
      p99VsBaseline: best.p99VsBaseline,
      p99VsOracle: best.p99VsOracle,
      killsCutMet: c.kills >= 0.9,
      wastedCutMet: c.wasted >= 0.5,
      p99NoWorseMet: best.p99VsBaseline <= 1,
      nearOracleMet: best.p99VsOracle <= 1.1,
    });
  }
  return out;
}

/** The policies.json rows: one per (workload, policy, utilisation), with CI fields. */
export function policiesJson(summaries: readonly PolicySummary[]): Array<Record<string, string | number>> {
  return summaries.map((s) => ({
    workload: s.workload,
    policy: s.policy,
    utilisation: s.utilisation,
    seeds: s.seeds,
    p50S: s.p50S,
    p99S: s.p99S,
    p99SCiLo: s.p99SLo,
    p99SCiHi: s.p99SHi,
    makespanS: s.makespanS,
    kills: s.kills,
    killsCiLo: s.killsLo,
    killsCiHi: s.killsHi,
    wastedCoreHours: s.wastedCoreHours,
    wastedCoreHoursCiLo: s.wastedCoreHoursLo,
    wastedCoreHoursCiHi: s.wastedCoreHoursHi,
    extraCoreHoursPct: s.extraCoreHoursPct,
    meanWaitS: s.meanWaitS,
    achievedUtilisation: s.achievedUtilisation,
    p99VsBaseline: s.p99VsBaseline,
    p99VsOracle: s.p99VsOracle,
  }));
}
