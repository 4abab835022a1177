/** Figures of notebook 07, built from comparison results (plain plotly specs through lib/plots). */
import { color, ecdf, groupedBars } from "../plots/builders";
import { round, type Figure, type Trace } from "../plots/figure";
import type { CompareResult, PolicySummary } from "./compare";

/** p99 workflow turnaround against extra core-hours (% of useful work), one point per policy, one trace per utilisation. */
export function tradeoffFigure(summaries: readonly PolicySummary[], workload: string): Figure {
  const s = summaries.filter((x) => x.workload === workload);
  const utils = [...new Set(s.map((x) => x.utilisation))].sort((a, b) => a - b);
  const data: Trace[] = utils.map((u, i) => {
    const pts = s.filter((x) => x.utilisation === u);
    return {
      type: "scatter",
      mode: "markers+text",
      name: `utilisation ${u}`,
      x: pts.map((p) => round(p.extraCoreHoursPct)),
      y: pts.map((p) => round(p.p99S)),
      text: pts.map((p) => p.policy.split(" ")[0] as string),
      textposition: "top center",
      hovertext: pts.map((p) => p.policy),
      error_y: { type: "data", symmetric: false, array: pts.map((p) => round(p.p99SHi - p.p99S)), arrayminus: pts.map((p) => round(p.p99S - p.p99SLo)) },
      marker: { color: color(i), size: 9 },
    };
  });
  return { data, layout: { title: { text: `${workload}: p99 workflow turnaround vs extra core-hours (labels = policy number; bars = 95% CI over seeds)` }, xaxis: { title: { text: "wasted core-hours, % of useful work" } }, yaxis: { title: { text: "p99 workflow turnaround (s)" }, type: "log" }, height: 480 } };
}

/** Workflow turnaround CDFs per policy at one utilisation (first seed). */
export function turnaroundCdfFigure(res: CompareResult, workload: string, utilisation: number): Figure {
  const data: Trace[] = res.turnarounds
    .filter((t) => t.utilisation === utilisation)
    .map((t, i) => {
      const e = ecdf(t.workflowTurnaroundS, 1000);
      return { type: "scatter", mode: "lines", name: t.policy, x: e.x, y: e.y, line: { color: color(i), shape: "hv" } };
    });
  return { data, layout: { title: { text: `${workload}: workflow turnaround CDF at utilisation ${utilisation} (seed ${res.turnarounds[0]?.seed ?? "?"})` }, xaxis: { title: { text: "turnaround (s)" }, type: "log" }, yaxis: { title: { text: "share of workflows" } }, height: 480 } };
}

/** Walltime kills per policy (median over seeds, 95% CI), one bar series per utilisation. */
export function killsFigure(summaries: readonly PolicySummary[], workload: string): Figure {
  const s = summaries.filter((x) => x.workload === workload);
  const policies = [...new Set(s.map((x) => x.policy))];
  const utils = [...new Set(s.map((x) => x.utilisation))].sort((a, b) => a - b);
  const at = (p: string, u: number) => s.find((x) => x.policy === p && x.utilisation === u);
  return groupedBars(
    policies,
    utils.map((u) => ({ name: `utilisation ${u}`, values: policies.map((p) => at(p, u)?.kills ?? null), errorLow: policies.map((p) => at(p, u)?.killsLo ?? null), errorHigh: policies.map((p) => at(p, u)?.killsHi ?? null) })),
    { title: `${workload}: walltime kills per policy (median over seeds, 95% CI)`, yTitle: "kills per simulation" },
  );
}
