import { color, groupedBars } from "../../plots/builders";
import { type Figure, round, type Trace } from "../../plots/figure";
import type { EffectReplicationRow, HostStepRatio } from "./replication";
import type { HostTransferRow } from "./transfer";

/**
 * Same inputs, two machines: per step, the median time on host B / host A with its bootstrap CI
 * (markers) and the interquartile range of the per-pair ratios (bars); 1 = same speed.
 */
export function hostRatioFigure(rows: readonly HostStepRatio[], labelA: string, labelB: string, measure: string): Figure {
  const steps = rows.map((r) => r.step);
  return {
    data: [
      {
        type: "bar",
        name: "interquartile range of per-run ratios",
        y: steps,
        x: rows.map((r) => round(r.q75 - r.q25)),
        base: rows.map((r) => round(r.q25)),
        orientation: "h",
        marker: { color: "rgba(120,120,120,0.25)" },
        hoverinfo: "skip",
      },
      {
        type: "scatter",
        mode: "markers",
        name: "median (95% bootstrap CI)",
        y: steps,
        x: rows.map((r) => round(r.medianRatio)),
        error_x: { type: "data", symmetric: false, array: rows.map((r) => round(r.ciHi - r.medianRatio)), arrayminus: rows.map((r) => round(r.medianRatio - r.ciLo)), thickness: 1 },
        text: rows.map((r) => `${r.step}: ×${round(r.medianRatio, 3)} [${round(r.ciLo, 3)}, ${round(r.ciHi, 3)}], ${r.pairs} input pairs`),
        hoverinfo: "text",
        marker: { color: color(0), size: 9 },
      },
    ],
    layout: {
      title: { text: `Same inputs on two CPUs: ${measure} on ${labelB} / on ${labelA}` },
      xaxis: { title: { text: `${measure} ratio (log scale; 1 = same speed)` }, type: "log" },
      yaxis: { type: "category", autorange: "reversed" },
      shapes: [{ type: "line", x0: 1, x1: 1, yref: "paper", y0: 0, y1: 1, line: { color: "#888", dash: "dot" } }],
      height: 160 + 26 * steps.length,
      margin: { l: 160 },
    },
  };
}

/** Each factor × step effect (extreme / baseline) on host A against the same effect on host B; the diagonal = replicated exactly. */
export function effectReplicationFigure(rows: readonly EffectReplicationRow[], steps: readonly string[], labelA: string, labelB: string): Figure {
  const all = rows.flatMap((r) => [r.ratioA, r.ratioB]);
  const lo = Math.min(0.5, ...all) * 0.9;
  const hi = Math.max(2, ...all) * 1.1;
  const data: Trace[] = steps.flatMap((step, i) => {
    const rs = rows.filter((r) => r.step === step);
    if (!rs.length) return [];
    return [
      {
        type: "scatter",
        mode: "markers",
        name: step,
        x: rs.map((r) => round(r.ratioA)),
        y: rs.map((r) => round(r.ratioB)),
        text: rs.map((r) => `${step}, ${r.factor}=${r.extremeLevel}: ×${round(r.ratioA, 3)} on ${labelA}, ×${round(r.ratioB, 3)} on ${labelB}`),
        hoverinfo: "text",
        marker: { color: color(i), size: 8 },
      },
    ];
  });
  data.push({ type: "scatter", mode: "lines", name: "same effect on both", x: [round(lo), round(hi)], y: [round(lo), round(hi)], line: { color: "#888", dash: "dot" }, hoverinfo: "skip" });
  return {
    data,
    layout: {
      title: { text: `Do the input-quality effects replicate on another CPU? (extreme level / baseline, one-factor runs)` },
      xaxis: { title: { text: `effect on ${labelA} (log)` }, type: "log" },
      yaxis: { title: { text: `effect on ${labelB} (log)` }, type: "log" },
      height: 560,
    },
  };
}

/** MdAPE on another machine's unseen inputs: the first machine's model as is, rescaled, and its own CV error. */
export function hostTransferFigure(rows: readonly HostTransferRow[], cvMdape: ReadonlyMap<string, number>, labelA: string, labelB: string): Figure {
  const steps = rows.map((r) => r.step);
  return groupedBars(
    steps,
    [
      { name: `on ${labelA}: grouped CV (unseen inputs)`, values: steps.map((s) => cvMdape.get(s) ?? null) },
      { name: `on ${labelB}: model as trained`, values: rows.map((r) => r.mdapeRaw) },
      { name: `on ${labelB}: × per-step scale from paired runs`, values: rows.map((r) => r.mdapeScaled) },
    ],
    { title: "Median absolute percentage error of CPU-time predictions", yTitle: "MdAPE" },
  );
}
