import type { Figure } from "../../plots/figure";
import { round } from "../../plots/figure";
import { median } from "../../util/stats";
import { pearson } from "../stats/correlation";
import type { GalaxyReproRow } from "./galaxy";

/** Our R² against the paper's, one marker per tool (size ~ log job count), with y = x. */
export function galaxyR2Figure(rows: readonly GalaxyReproRow[]): Figure {
  const ok = rows.filter((r) => Number.isFinite(r.paperR2) && Number.isFinite(r.ourR2));
  return {
    data: [
      { type: "scatter", mode: "markers", name: "tools", x: ok.map((r) => round(r.paperR2, 4)), y: ok.map((r) => round(r.ourR2, 4)), text: ok.map((r) => `${r.tool} (${r.nJobs} jobs)`), marker: { size: ok.map((r) => round(4 + 2 * Math.log10(r.nJobs), 3)), color: "#0072B2", opacity: 0.7 } },
      { type: "scatter", mode: "lines", name: "y = x", x: [-0.2, 1], y: [-0.2, 1], line: { dash: "dot", color: "#999" } },
    ],
    layout: { title: { text: "Galaxy: our random-forest R² vs the paper's, per tool (marker size ~ log jobs)" }, xaxis: { title: { text: "paper R²" }, range: [-0.2, 1.02] }, yaxis: { title: { text: "our R²" }, range: [-0.2, 1.02] }, height: 480 },
  };
}

/** Agreement with the paper by tool size band: median |ours - paper|, count within 0.05, correlation. */
export function galaxyAgreement(rows: readonly GalaxyReproRow[]): Array<Record<string, string | number>> {
  const bands: Array<[number, number, string]> = [[1000, Infinity, ">= 1000 jobs"], [100, 1000, "100-999 jobs"], [0, 100, "< 100 jobs"]];
  return bands.map(([lo, hi, label]) => {
    const rs = rows.filter((r) => r.nJobs >= lo && r.nJobs < hi && Number.isFinite(r.paperR2));
    return { tools: label, n: rs.length, "median |ours - paper|": median(rs.map((r) => Math.abs(r.diff))), "within 0.05": rs.filter((r) => Math.abs(r.diff) <= 0.05).length, "corr(ours, paper)": pearson(rs.map((r) => r.ourR2), rs.map((r) => r.paperR2)) };
  });
}
