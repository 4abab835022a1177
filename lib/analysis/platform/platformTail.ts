import type { Figure, Trace } from "../../plots/figure";
import { boxByGroup, color, ecdf, scatterByGroup } from "../../plots/builders";
import { round } from "../../plots/figure";
import type { TaskRun } from "../../traces/schema";
import { quantileBins, ratiosToMedian, tailTable, type TailRow, type TimedRun } from "../tail/tailTable";

/** Runs with a usable run time (finite, > 0): platform dumps carry failed and zero-second jobs. */
export function timedRuns(runs: readonly TaskRun[]): TaskRun[] {
  return runs.filter((r) => r.wallS !== undefined && Number.isFinite(r.wallS) && r.wallS > 0);
}

/** Group key used across the platform notebook: task plus tool version when known. */
export function toolKey(r: TaskRun): string {
  return r.toolVersion ? `${r.task} ${r.toolVersion}` : r.task;
}

/** Groups with at least `minRuns` runs, largest first. */
export function groupRuns(runs: readonly TaskRun[], key: (r: TaskRun) => string = toolKey, minRuns = 1): Array<{ name: string; runs: TaskRun[] }> {
  const m = new Map<string, TaskRun[]>();
  for (const r of runs) {
    const k = key(r);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return [...m.entries()]
    .filter(([, l]) => l.length >= minRuns)
    .map(([name, l]) => ({ name, runs: l }))
    .sort((a, b) => b.runs.length - a.runs.length || a.name.localeCompare(b.name));
}

/**
 * Tail table two ways: against the tool's median ("raw") and against the median of runs of the
 * same tool with comparable input size (input-size decile within the tool; "size-adjusted").
 * A run that is slow only because its input is big is not a tail run in the second view.
 */
export function platformTail(runs: readonly TaskRun[], ks: readonly number[], key: (r: TaskRun) => string = toolKey, minRuns = 20): { raw: TailRow[]; sizeAdjusted: TailRow[] } {
  const groups = groupRuns(timedRuns(runs), key, minRuns);
  const raw: TimedRun[] = [];
  const adj: TimedRun[] = [];
  for (const g of groups) {
    const sizes = g.runs.map((r) => r.inputBytes ?? NaN);
    const bins = quantileBins(sizes, 10);
    g.runs.forEach((r, i) => {
      raw.push({ group: g.name, wallS: r.wallS as number });
      // Runs without an input size form their own stratum (-1).
      adj.push({ group: g.name, wallS: r.wallS as number, stratum: bins[i] as number });
    });
  }
  return { raw: tailTable(raw, ks), sizeAdjusted: tailTable(adj, ks) };
}

/** Flatten tail rows for display: one column per k, shares in percent. */
export function tailRowsForTable(rows: readonly TailRow[]): Array<Record<string, string | number>> {
  return rows.map((r) => {
    const out: Record<string, string | number> = { tool: r.group, n: r.n, "median s": r.medianS, "p99 s": r.p99S, "max/median": r.maxOverMedian };
    for (const [k, v] of Object.entries(r.shareAbove)) out[`% > ${k}x median`] = round(100 * v, 3);
    return out;
  });
}

/** Run-time distribution per tool on a log axis (top `top` tools by run count). */
export function runtimeBoxFigure(runs: readonly TaskRun[], title: string, top = 20, key: (r: TaskRun) => string = toolKey): Figure {
  const groups = groupRuns(timedRuns(runs), key).slice(0, top);
  return boxByGroup(groups.map((g) => ({ name: `${g.name} (n=${g.runs.length})`, values: g.runs.map((r) => r.wallS as number) })), { title, yTitle: "run time (s, log scale)", log: true });
}

/** Run time against total input size, log-log, one colour per tool. */
export function runtimeVsSizeFigure(runs: readonly TaskRun[], tools: readonly string[], title: string, key: (r: TaskRun) => string = toolKey): Figure {
  const groups = groupRuns(timedRuns(runs).filter((r) => (r.inputBytes ?? 0) > 0), key).filter((g) => tools.includes(g.name));
  return scatterByGroup(
    groups.map((g) => ({ name: g.name, x: g.runs.map((r) => (r.inputBytes as number) / 1e6), y: g.runs.map((r) => r.wallS as number) })),
    { title, xTitle: "total input size (MB, log scale)", yTitle: "run time (s, log scale)", logX: true, logY: true, maxPointsPerGroup: 3000 },
  );
}

/** ECDF of run time / tool median (pooled over tools), with the k thresholds marked. */
export function ratioEcdfFigure(runs: readonly TaskRun[], ks: readonly number[], title: string, key: (r: TaskRun) => string = toolKey, minRuns = 20): Figure {
  const groups = groupRuns(timedRuns(runs), key, minRuns);
  const ratios = [...ratiosToMedian(groups.flatMap((g) => g.runs.map((r) => ({ group: g.name, wallS: r.wallS as number })))).values()].flatMap((v) => v.ratios);
  const e = ecdf(ratios);
  // Survival 1 - F; the last point (0) has no place on a log axis.
  const keep = e.y.map((v, i) => (1 - v > 0 ? i : -1)).filter((i) => i >= 0);
  const data: Trace[] = [{ type: "scatter", mode: "lines", name: "all tools", x: keep.map((i) => e.x[i] as number), y: keep.map((i) => round(1 - (e.y[i] as number))), line: { color: color(0) } }];
  ks.forEach((k, i) => {
    const share = ratios.filter((r) => r > k).length / Math.max(1, ratios.length);
    data.push({ type: "scatter", mode: "lines", name: `${k}x median: ${round(100 * share, 3)}% of jobs above`, x: [k, k], y: [1e-5, 1], line: { dash: "dot", color: color(i + 1) } });
  });
  return {
    data,
    layout: {
      title: { text: title },
      xaxis: { title: { text: "run time / tool median (log scale)" }, type: "log" },
      yaxis: { title: { text: "share of jobs slower (log scale)" }, type: "log" },
      height: 460,
    },
  };
}
