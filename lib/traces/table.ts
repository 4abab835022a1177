import type * as Arquero from "arquero";
import type { ColumnTable } from "arquero";
import { csvCell } from "../util/safeText";
import { TASK_RUN_COLUMNS } from "./build";
import type { TaskRun } from "./schema";

/** A flat row of a TaskRun: dates as Date, the input map and raw as JSON text. */
export type FlatTaskRun = Record<(typeof TASK_RUN_COLUMNS)[number], string | number | Date | undefined>;

/** Flatten one run for tables and files (inputBytesByName / raw become JSON text). Pure. */
export function flattenRun(r: TaskRun, keepRaw = true): FlatTaskRun {
  const o = {} as FlatTaskRun;
  for (const k of TASK_RUN_COLUMNS) {
    const v = r[k];
    if (k === "raw") o[k] = keepRaw ? JSON.stringify(v) : undefined;
    else if (k === "inputBytesByName") o[k] = v === undefined ? undefined : JSON.stringify(v);
    else o[k] = v as string | number | Date | undefined;
  }
  return o;
}

/**
 * An arquero table of runs (one column per TaskRun field; `raw` dropped unless `keepRaw`), for
 * in-memory analysis of traces that fit in memory. Big traces: use `ingestToParquet` + `queryParquet`.
 * @example toTable(runs).groupby("task").rollup({ n: op.count() })
 */
export function toTable(runs: readonly TaskRun[], keepRaw = false): ColumnTable {
  // arquero is ESM-only; Node >= 20.19 loads it with require(esm). Loaded lazily so the barrel stays light.
  const aq = require("arquero") as typeof Arquero;
  const cols: Record<string, unknown[]> = {};
  for (const k of TASK_RUN_COLUMNS) if (k !== "raw" || keepRaw) cols[k] = new Array(runs.length);
  runs.forEach((r, i) => {
    const f = flattenRun(r, keepRaw);
    for (const k in cols) (cols[k] as unknown[])[i] = f[k as keyof FlatTaskRun];
  });
  return aq.table(cols);
}

/**
 * Runs as CSV text (header = TaskRun fields; missing = empty cell; dates ISO 8601). Text cells
 * starting `=`,`+`,`-`,`@`, tab or CR get a leading `'` (spreadsheet formula injection) unless
 * `rawCsv` (use it for CSV another program reads back, as `writeRunsParquet` does).
 */
export function runsToCsv(runs: readonly TaskRun[], keepRaw = true, options: { readonly rawCsv?: boolean } = {}): string {
  const cols = TASK_RUN_COLUMNS.filter((k) => k !== "raw" || keepRaw);
  const raw = options.rawCsv ?? false;
  const lines = [cols.join(",")];
  for (const r of runs) {
    const f = flattenRun(r, keepRaw);
    lines.push(cols.map((k) => csvCell(f[k], raw)).join(","));
  }
  return `${lines.join("\n")}\n`;
}

/** Runs as JSON lines (missing fields omitted, dates ISO 8601). */
export function runsToJsonLines(runs: readonly TaskRun[]): string {
  return runs.map((r) => JSON.stringify(r)).join("\n") + (runs.length ? "\n" : "");
}
