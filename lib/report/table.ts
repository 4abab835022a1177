import { escapeHtml } from "./escape";

export type Cell = string | number | boolean | null | undefined;

export interface TableOptions {
  /** Columns to show, in order (default: keys of the first row). */
  readonly columns?: readonly string[];
  /** Significant digits for numbers (default 4). */
  readonly digits?: number;
  readonly caption?: string;
  /** Cap on rows shown (the rest is summarised in a footer line). */
  readonly maxRows?: number;
}

/** Format a number for a table: integers as is, others to `digits` significant digits. */
export function formatNumber(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "NaN" : String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  return String(Number(v.toPrecision(digits)));
}

/** An HTML table; every cell is escaped (sample names and tool ids come from input files). */
export function htmlTable(rows: ReadonlyArray<object>, opts: TableOptions = {}): string {
  const cols = opts.columns ?? Object.keys(rows[0] ?? {});
  const shown = opts.maxRows !== undefined ? rows.slice(0, opts.maxRows) : rows;
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    if (typeof v === "number") return formatNumber(v, opts.digits);
    if (v instanceof Date) return escapeHtml(v.toISOString());
    return escapeHtml(typeof v === "object" ? JSON.stringify(v) : String(v));
  };
  const head = `<tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr>`;
  const body = shown.map((r) => `<tr>${cols.map((c) => `<td>${cell((r as Record<string, unknown>)[c])}</td>`).join("")}</tr>`).join("\n");
  const more = rows.length > shown.length ? `<tfoot><tr><td colspan="${cols.length}">… ${rows.length - shown.length} more rows</td></tr></tfoot>` : "";
  const cap = opts.caption ? `<caption>${escapeHtml(opts.caption)}</caption>` : "";
  return `<table class="gwt-table">${cap}<thead>${head}</thead><tbody>\n${body}\n</tbody>${more}</table>`;
}

