import { type Figure, type Trace, round } from "./figure";

/** Consistent, colour-blind-safe palette (Okabe-Ito). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"] as const;

export const color = (i: number): string => PALETTE[i % PALETTE.length] as string;

/** Box plot per group, on a log axis when `log` (run times span orders of magnitude). */
export function boxByGroup(groups: ReadonlyArray<{ name: string; values: readonly number[] }>, opts: { title: string; yTitle: string; log?: boolean; points?: boolean }): Figure {
  const data: Trace[] = groups.map((g, i) => ({
    type: "box",
    name: g.name,
    y: g.values.map((v) => round(v)),
    boxpoints: opts.points ? "suspectedoutliers" : false,
    marker: { color: color(i), size: 3 },
    showlegend: false,
  }));
  return { data, layout: { title: { text: opts.title }, yaxis: { title: { text: opts.yTitle }, type: opts.log ? "log" : "linear" }, margin: { b: 140 }, height: 480 } };
}

/** Scatter of y vs x per group; log axes optional. Large groups are thinned deterministically. */
export function scatterByGroup(
  groups: ReadonlyArray<{ name: string; x: readonly number[]; y: readonly number[]; text?: readonly string[] }>,
  opts: { title: string; xTitle: string; yTitle: string; logX?: boolean; logY?: boolean; maxPointsPerGroup?: number },
): Figure {
  const cap = opts.maxPointsPerGroup ?? 5000;
  const data: Trace[] = groups.map((g, i) => {
    const step = Math.max(1, Math.ceil(g.x.length / cap));
    const idx = [...Array(g.x.length).keys()].filter((j) => j % step === 0);
    const t: Trace = {
      type: "scattergl",
      mode: "markers",
      name: g.name,
      x: idx.map((j) => round(g.x[j] as number)),
      y: idx.map((j) => round(g.y[j] as number)),
      marker: { color: color(i), size: 4, opacity: 0.5 },
    };
    if (g.text) t.text = idx.map((j) => g.text?.[j] ?? "");
    return t;
  });
  return {
    data,
    layout: {
      title: { text: opts.title },
      xaxis: { title: { text: opts.xTitle }, type: opts.logX ? "log" : "linear" },
      yaxis: { title: { text: opts.yTitle }, type: opts.logY ? "log" : "linear" },
      height: 480,
    },
  };
}

/** Grouped bar chart: one trace per series over shared categories. */
export function groupedBars(categories: readonly string[], series: ReadonlyArray<{ name: string; values: readonly (number | null)[]; errorLow?: readonly (number | null)[]; errorHigh?: readonly (number | null)[] }>, opts: { title: string; yTitle: string; log?: boolean }): Figure {
  const data: Trace[] = series.map((s, i) => {
    const t: Trace = { type: "bar", name: s.name, x: [...categories], y: s.values.map((v) => (v === null ? null : round(v))), marker: { color: color(i) } };
    if (s.errorLow && s.errorHigh) {
      t.error_y = {
        type: "data",
        symmetric: false,
        array: s.values.map((v, j) => (v === null || s.errorHigh?.[j] == null ? null : round((s.errorHigh[j] as number) - v))),
        arrayminus: s.values.map((v, j) => (v === null || s.errorLow?.[j] == null ? null : round(v - (s.errorLow[j] as number)))),
      };
    }
    return t;
  });
  return { data, layout: { title: { text: opts.title }, barmode: "group", yaxis: { title: { text: opts.yTitle }, type: opts.log ? "log" : "linear" }, margin: { b: 140 }, height: 460 } };
}

/** Empirical CDF points (sorted values, cumulative share). */
export function ecdf(values: readonly number[], maxPoints = 2000): { x: number[]; y: number[] } {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  const step = Math.max(1, Math.ceil(n / maxPoints));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i += step) {
    x.push(round(s[i] as number));
    y.push(round((i + 1) / n));
  }
  if (n > 0 && x[x.length - 1] !== round(s[n - 1] as number)) {
    x.push(round(s[n - 1] as number));
    y.push(1);
  }
  return { x, y };
}

