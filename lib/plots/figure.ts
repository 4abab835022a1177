/**
 * Plotly figure specs as plain typed data. Builders return new objects and never mutate their inputs;
 * the same input gives the same JSON (figures are compared byte for byte across runs).
 */

export type Datum = number | string | null;

/** The subset of a plotly trace gwtime uses; anything else can go in `extra`-style spreads. */
export interface Trace {
  type: "scatter" | "scattergl" | "box" | "histogram" | "bar" | "heatmap" | "violin";
  name?: string;
  x?: Datum[];
  y?: Datum[];
  z?: Datum[][];
  text?: string[] | string;
  mode?: string;
  orientation?: "v" | "h";
  marker?: Record<string, unknown>;
  line?: Record<string, unknown>;
  error_y?: Record<string, unknown>;
  error_x?: Record<string, unknown>;
  boxpoints?: false | "all" | "outliers" | "suspectedoutliers";
  hovertemplate?: string;
  showlegend?: boolean;
  legendgroup?: string;
  fill?: string;
  fillcolor?: string;
  opacity?: number;
  xaxis?: string;
  yaxis?: string;
  nbinsx?: number;
  colorscale?: string;
  [key: string]: unknown;
}

export interface Axis {
  title?: { text: string };
  type?: "linear" | "log" | "category";
  [key: string]: unknown;
}

export interface Layout {
  title?: { text: string };
  xaxis?: Axis;
  yaxis?: Axis;
  width?: number;
  height?: number;
  [key: string]: unknown;
}

export interface Figure {
  data: Trace[];
  layout: Layout;
}

/** Our own hover/text templates carry markup on purpose; every other string is escaped. */
const TEMPLATE_KEYS = new Set(["hovertemplate", "texttemplate"]);

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function deepEscape(v: unknown, key: string): unknown {
  if (typeof v === "string") return TEMPLATE_KEYS.has(key) ? v : escapeText(v);
  if (Array.isArray(v)) return v.map((x) => deepEscape(x, key));
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = deepEscape(x, k);
    return out;
  }
  return v;
}

/**
 * Plotly renders a pseudo-HTML subset (<b>, <a href>, <br>) in names, labels and text: a sample
 * name from an input file must not become markup. Returns a copy with every string escaped.
 */
export function escapeFigure(fig: Figure): Figure {
  return deepEscape(fig, "") as Figure;
}

/** Round to `digits` significant digits so figure JSON is stable and compact. */
export function round(v: number, digits = 6): number {
  if (!Number.isFinite(v) || v === 0) return v;
  return Number(v.toPrecision(digits));
}
