import { comparableMedians, quantileSorted } from "../../util/stats";

/** One observation for tail analysis: a group (tool/step) and a run time. */
export interface TimedRun {
  readonly group: string;
  readonly wallS: number;
  /** Optional stratum within the group (e.g. input-size decile) for "comparable runs". */
  readonly stratum?: string | number;
}

/** Tail summary of one group: how many runs exceed k x the median of comparable runs. */
export interface TailRow {
  readonly group: string;
  readonly n: number;
  readonly medianS: number;
  readonly p90S: number;
  readonly p99S: number;
  readonly maxS: number;
  /** max / median: the worst slowdown seen. */
  readonly maxOverMedian: number;
  /** share (0..1) of runs above k x median, keyed by k. */
  readonly shareAbove: Readonly<Record<string, number>>;
  readonly countAbove: Readonly<Record<string, number>>;
}

export const DEFAULT_KS = [2, 5, 10, 15] as const;

function summarise(group: string, ratios: readonly number[], times: readonly number[], ks: readonly number[]): TailRow {
  const s = [...times].sort((a, b) => a - b);
  const med = quantileSorted(s, 0.5);
  const countAbove: Record<string, number> = {};
  const shareAbove: Record<string, number> = {};
  for (const k of ks) {
    const c = ratios.filter((r) => r > k).length;
    countAbove[String(k)] = c;
    shareAbove[String(k)] = ratios.length ? c / ratios.length : NaN;
  }
  return {
    group,
    n: times.length,
    medianS: med,
    p90S: quantileSorted(s, 0.9),
    p99S: quantileSorted(s, 0.99),
    maxS: s[s.length - 1] ?? NaN,
    maxOverMedian: ratios.reduce((m, r) => (r > m ? r : m), ratios.length ? -Infinity : NaN),
    shareAbove,
    countAbove,
  };
}

/**
 * Ratio of each run's time to the median of its comparable runs (same group, and same stratum
 * when given). Runs with a non-positive median are left out of the ratio (no scale to compare to).
 */
export function ratiosToMedian(runs: readonly TimedRun[]): Map<string, { ratios: number[]; times: number[] }> {
  const cells = new Map<string, TimedRun[]>();
  const cellOf = (r: TimedRun): string => `${r.group}\u0000${r.stratum ?? ""}`;
  for (const r of runs) {
    if (!Number.isFinite(r.wallS)) continue;
    const key = cellOf(r);
    const list = cells.get(key);
    if (list) list.push(r);
    else cells.set(key, [r]);
  }
  // The one tail definition (util/stats): median of comparable runs, the cell being group + stratum.
  const medians = comparableMedians(runs.map((r) => r.wallS), runs.map(cellOf));
  const byGroup = new Map<string, { ratios: number[]; times: number[] }>();
  for (const [key, list] of cells) {
    const med = medians.get(key) as number;
    const g = (list[0] as TimedRun).group;
    const acc = byGroup.get(g) ?? { ratios: [], times: [] };
    for (const r of list) {
      acc.times.push(r.wallS);
      if (med > 0) acc.ratios.push(r.wallS / med);
    }
    byGroup.set(g, acc);
  }
  return byGroup;
}

/**
 * Per-group tail table (share of runs above k x median for each k) plus one pooled row "(all)"
 * weighting every run equally — the seed claim ("~2% of workflows run up to 15x the median") is a
 * statement about that pooled share. Groups are sorted by run count, largest first.
 */
export function tailTable(runs: readonly TimedRun[], ks: readonly number[] = DEFAULT_KS, minRuns = 1): TailRow[] {
  const by = ratiosToMedian(runs);
  const rows: TailRow[] = [];
  const allRatios: number[] = [];
  const allTimes: number[] = [];
  for (const [g, { ratios, times }] of by) {
    if (times.length < minRuns) continue;
    rows.push(summarise(g, ratios, times, ks));
    // Loops, not spread: platform dumps have more runs than the call stack has room for.
    for (const r of ratios) allRatios.push(r);
    for (const t of times) allTimes.push(t);
  }
  rows.sort((a, b) => b.n - a.n || a.group.localeCompare(b.group));
  rows.push(summarise("(all)", allRatios, allTimes, ks));
  return rows;
}

/** Assign each value its quantile bin (0..bins-1) within the given values, e.g. input-size deciles. */
export function quantileBins(values: readonly number[], bins: number): number[] {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) edges.push(quantileSorted(finite, i / bins));
  return values.map((v) => {
    if (!Number.isFinite(v)) return -1;
    let b = 0;
    while (b < edges.length && v > (edges[b] as number)) b++;
    return b;
  });
}
