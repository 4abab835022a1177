import { color } from "../../plots/builders";
import { round, type Figure, type Trace } from "../../plots/figure";
import type { MultiplierRow } from "./multipliers";

/**
 * Quality multiplier against input size (read pairs, log axis), one line per step, for one quality
 * configuration and genome; bars are the bootstrap interval. A flat line means the effect measured on
 * small inputs holds at larger ones.
 */
export function multiplierBySizeFigure(rows: readonly MultiplierRow[], quality: string, genome = "ecoli_k12", title?: string): Figure {
  const mine = rows.filter((r) => r.quality === quality && r.genome === genome);
  const steps = [...new Set(mine.map((r) => r.step))];
  const data: Trace[] = steps.map((step, i) => {
    const pts = mine.filter((r) => r.step === step).sort((a, b) => a.nPairs - b.nPairs);
    return {
      type: "scatter", mode: "lines+markers", name: step, x: pts.map((p) => p.nPairs), y: pts.map((p) => round(p.multiplier)),
      line: { color: color(i) }, marker: { color: color(i) },
      error_y: { type: "data", symmetric: false, array: pts.map((p) => round(p.hi - p.multiplier)), arrayminus: pts.map((p) => round(p.multiplier - p.lo)) },
    };
  });
  return {
    data,
    layout: {
      title: { text: title ?? `CPU time at ${quality} / baseline, by input size (${genome})` },
      xaxis: { title: { text: "read pairs" }, type: "log" },
      yaxis: { title: { text: "quality multiplier (x baseline)" }, type: "log" },
      height: 460,
    },
  };
}
