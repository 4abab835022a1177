import type { HarnessRun } from "../../data/harness";
import { color } from "../../plots/builders";
import { type Figure, round, type Trace } from "../../plots/figure";
import { factorSweep, type NoiseBand } from "./factorEffects";
import type { DesignEffectRow } from "./designEffects";
import type { FeatureEffect } from "./featureEffects";
import type { TimeMeasure } from "../../data/stepRows";

/**
 * Per-step time against one controlled factor (input size fixed at the baseline unless the factor is
 * size), as a ratio to the baseline median, with each step's run-to-run noise band (1 ± median CV of
 * identical reruns) drawn behind its line.
 */
export function factorSweepFigure(runs: readonly HarnessRun[], factor: string, steps: readonly string[], noise: ReadonlyMap<string, NoiseBand>, measure: TimeMeasure, label: string): Figure {
  const data: Trace[] = [];
  steps.forEach((step, i) => {
    const levels = factorSweep(runs, step, factor, measure).filter((l) => typeof l.level === "number");
    if (levels.length < 2) return;
    const x = levels.map((l) => l.level as number);
    const cv = noise.get(step)?.medianCv;
    const c = color(i);
    if (cv !== undefined && Number.isFinite(cv)) {
      data.push({ type: "scatter", mode: "lines", x: [x[0] as number, x[x.length - 1] as number], y: [round(1 + cv), round(1 + cv)], line: { width: 0 }, showlegend: false, hoverinfo: "skip", legendgroup: step });
      data.push({ type: "scatter", mode: "lines", x: [x[0] as number, x[x.length - 1] as number], y: [round(Math.max(0, 1 - cv)), round(Math.max(0, 1 - cv))], line: { width: 0 }, fill: "tonexty", fillcolor: `${c}22`, showlegend: false, hoverinfo: "skip", legendgroup: step });
    }
    data.push({
      type: "scatter",
      mode: "lines+markers",
      name: step,
      legendgroup: step,
      x,
      y: levels.map((l) => round(l.ratioToBaseline)),
      text: levels.map((l) => `n=${l.n}, median ${round(l.medianS, 3)} s`),
      line: { color: c },
      marker: { color: c },
      error_y: { type: "data", symmetric: false, array: levels.map((l) => round(l.maxS / (l.medianS / l.ratioToBaseline) - l.ratioToBaseline)), arrayminus: levels.map((l) => round(l.ratioToBaseline - l.minS / (l.medianS / l.ratioToBaseline))), thickness: 1 },
    });
  });
  return {
    data,
    layout: {
      title: { text: `${label}: ${factor} (other factors at baseline; shaded: run-to-run noise)` },
      xaxis: { title: { text: factor } },
      yaxis: { title: { text: `${measure === "cpuS" ? "CPU" : "wall"} time / baseline median` } },
      height: 420,
    },
  };
}

/** Partial correlations (controlling for size) with bootstrap CIs, one bar group per step. */
export function effectsFigure(effects: readonly FeatureEffect[], steps: readonly string[], title: string, topPerStep = 8): Figure {
  const data: Trace[] = steps.map((step, i) => {
    const rows = effects.filter((e) => e.step === step).slice(0, topPerStep);
    return {
      type: "bar",
      orientation: "h",
      name: step,
      y: rows.map((r) => `${step} · ${r.feature}`),
      x: rows.map((r) => round(r.partial, 4)),
      error_x: { type: "data", symmetric: false, array: rows.map((r) => round(r.partialHi - r.partial, 4)), arrayminus: rows.map((r) => round(r.partial - r.partialLo, 4)) },
      marker: { color: color(i) },
    };
  });
  return {
    data,
    layout: {
      title: { text: title },
      xaxis: { title: { text: "partial Spearman with log time, size held fixed (95% cluster-bootstrap CI)" }, range: [-1, 1] },
      yaxis: { automargin: true, autorange: "reversed" },
      height: Math.max(420, 22 * data.reduce((s, t) => s + ((t.y as unknown[]) ?? []).length, 0) + 120),
      margin: { l: 260 },
    },
  };
}

/** Step time against one feature (per-read time, so input size is divided out), one colour per design phase. */
export function featureScatterFigure(runs: readonly HarnessRun[], step: string, def: { name: string; column: string; unit: string }, measure: TimeMeasure): Figure {
  const groups = new Map<string, { x: number[]; y: number[]; text: string[] }>();
  for (const r of runs) {
    const s = r.steps.get(step);
    const t = s?.[measure];
    const v = r.metrics[def.column];
    const reads = r.metrics["fastqc.total_sequences"];
    if (!s || t === undefined || !(t > 0) || v === undefined || !reads) continue;
    const g = groups.get(r.phase) ?? { x: [], y: [], text: [] };
    g.x.push(round(v));
    g.y.push(round((1e6 * t) / reads));
    g.text.push(`${r.runId} (${r.varied})`);
    groups.set(r.phase, g);
  }
  const data: Trace[] = [...groups.entries()].map(([phase, g], i) => ({ type: "scatter", mode: "markers", name: phase, x: g.x, y: g.y, text: g.text, marker: { color: color(i), size: 7, opacity: 0.8 } }));
  return {
    data,
    layout: {
      title: { text: `${step}: ${measure === "cpuS" ? "CPU" : "wall"} time per million reads vs ${def.name}` },
      xaxis: { title: { text: `${def.name} (${def.unit})` } },
      yaxis: { title: { text: `${measure === "cpuS" ? "CPU" : "wall"} s per million reads` } },
      height: 420,
    },
  };
}

/**
 * Forest plot of `designEffects`: per factor (rows) and step (colours), the time multiplier across the
 * factor's design range with its bootstrap CI, on a log axis; 1 = no effect. Factors whose CI could
 * not be estimated are drawn without whiskers.
 */
export function designEffectsFigure(rows: readonly DesignEffectRow[], steps: readonly string[], title: string): Figure {
  const fmt = (v: number): string => (Math.abs(v) >= 1000 ? `${round(v / 1000, 3)}k` : String(round(v, 3)));
  const label = (r: DesignEffectRow): string => `${r.factor} ${fmt(r.lo)}→${fmt(r.hi)}`;
  const factors = [...new Set(rows.map((r) => r.factor))];
  const cats = factors.map((f) => label(rows.find((r) => r.factor === f) as DesignEffectRow));
  const data: Trace[] = steps.flatMap((step, i) => {
    const rs = factors.map((f) => rows.find((r) => r.step === step && r.factor === f));
    if (rs.every((r) => r === undefined)) return [];
    const c = color(i);
    const ok = (v: number | undefined): boolean => v !== undefined && Number.isFinite(v);
    return [
      {
        type: "scatter",
        mode: "markers",
        name: step,
        orientation: "h",
        offsetgroup: step,
        y: cats,
        x: rs.map((r) => (r ? round(r.multiplier) : null)),
        error_x: {
          type: "data",
          symmetric: false,
          array: rs.map((r) => (r && ok(r.ciHi) ? round(r.ciHi - r.multiplier) : 0)),
          arrayminus: rs.map((r) => (r && ok(r.ciLo) ? round(r.multiplier - r.ciLo) : 0)),
          thickness: 1,
        },
        text: rs.map((r) => (r ? `${step}: ×${round(r.multiplier, 3)} [${round(r.ciLo, 3)}, ${round(r.ciHi, 3)}], n=${r.n} runs, R²=${round(r.r2, 2)}` : "")),
        hoverinfo: "text",
        marker: { color: c, size: 8 },
      },
    ];
  });
  return {
    data,
    layout: {
      title: { text: title },
      xaxis: { title: { text: "time at the range's upper end / at its lower end (log scale; 1 = no effect)" }, type: "log" },
      yaxis: { type: "category", autorange: "reversed" },
      // one row per factor, the steps side by side inside it
      scattermode: "group",
      scattergap: 0.3,
      shapes: [{ type: "line", x0: 1, x1: 1, yref: "paper", y0: 0, y1: 1, line: { color: "#888", dash: "dot" } }],
      height: 140 + 22 * cats.length * Math.max(1, data.length) ** 0.6,
      margin: { l: 200 },
    },
  };
}
