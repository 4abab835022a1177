/** Shared helper for the typed Picard accessors: generic rows → typed rows. Pure. */
import { num } from "../text";
import type { Cell, MetricsRow, PicardMetricsFile } from "../types";
import type { ToolColumns } from "../vocabulary";

/** Wide-table columns one Picard class contributes, plus a note saying which row was taken. */
export interface PicardWide {
  readonly columns: ToolColumns<"picard", number | string | null>;
  readonly note?: string;
}

/** One Picard metrics class: its name, typed rows and its wide-table columns. */
export interface PicardClassModule<T> {
  /** Class name as in `## METRICS CLASS` without package (matched on the last component). */
  readonly metricsClass: string;
  /** Typed rows of a section of this class. */
  rows(f: PicardMetricsFile): T[];
  /** Wide-table columns for one section, or undefined when it has no usable row. */
  wide(f: PicardMetricsFile): PicardWide | undefined;
}

/** Map generic rows to typed rows: numeric keys → number|null, text keys → string|null. */
export function typed<T>(rows: readonly MetricsRow[], numeric: readonly string[], text: readonly string[]): T[] {
  return rows.map((r) => {
    const o: Record<string, Cell> = {};
    for (const k of numeric) o[k] = num(r[k]);
    for (const k of text) {
      const v = r[k];
      o[k] = v === null || v === undefined ? null : String(v);
    }
    return o as unknown as T;
  });
}

/** First row whose `key` equals one of `prefer` (in order of preference), else the first row. */
export function pick<T extends object>(rows: readonly T[], key: string, prefer: readonly string[]): T | undefined {
  for (const p of prefer) {
    const r = rows.find((x) => (x as Record<string, unknown>)[key] === p);
    if (r) return r;
  }
  return rows[0];
}

/** Rows at the ALL_READS accumulation level (no SAMPLE / LIBRARY / READ_GROUP set). */
export function allReads<T extends object>(rows: readonly T[]): T[] {
  const all = rows.filter((x) => {
    const r = x as Record<string, unknown>;
    return !r["SAMPLE"] && !r["LIBRARY"] && !r["READ_GROUP"];
  });
  return all.length > 0 ? all : [...rows];
}
