/** Write the wide QC table as CSV, JSON, Parquet (via DuckDB) or Excel .xlsx (via danfojs-node). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { columnOrder } from "./collect";
import { cellOf, type QcSampleRow } from "./row";
import { csvCell } from "../util/safeText";
import { writeXlsx } from "../util/xlsx";

/** Output formats of `writeQcRows`. */
export type QcOutputFormat = "csv" | "json" | "parquet" | "xlsx";

/** Format from a file extension (`.csv`, `.json`, `.parquet`/`.pq`, `.xlsx`), else undefined. */
export function formatOfPath(path: string): QcOutputFormat | undefined {
  const e = extname(path).toLowerCase();
  return e === ".csv" ? "csv" : e === ".json" ? "json" : e === ".parquet" || e === ".pq" ? "parquet" : e === ".xlsx" ? "xlsx" : undefined;
}

/** Options of the CSV writers. */
interface CsvWriteOptions {
  /** Write text cells exactly as read (default false: cells starting `=`,`+`,`-`,`@`, tab, CR get a leading `'`). */
  readonly rawCsv?: boolean;
}

/** Rows → CSV text (RFC 4180 quoting; missing → empty; formula-like text neutralised unless `rawCsv`). Pure. */
export function rowsToCsv(rows: readonly QcSampleRow[], options: CsvWriteOptions = {}): string {
  const cols = columnOrder(rows);
  const raw = options.rawCsv ?? false;
  const lines = [cols.map((c) => csvCell(c, raw)).join(",")];
  for (const r of rows) lines.push(cols.map((c) => csvCell(cellOf(r, c), raw)).join(","));
  return `${lines.join("\n")}\n`;
}

/**
 * Write rows to `path` in `format` (default: from the extension). Parquet and xlsx columns are typed:
 * numeric where every present value is a number, text otherwise; xlsx has one sheet named `qc`.
 */
export async function writeQcRows(rows: readonly QcSampleRow[], path: string, format: QcOutputFormat | undefined = formatOfPath(path), options: CsvWriteOptions = {}): Promise<void> {
  if (format === "csv") return writeFileSync(path, rowsToCsv(rows, options));
  if (format === "json") return writeFileSync(path, `${JSON.stringify(rows.map((r) => Object.fromEntries(columnOrder(rows).map((c) => [c, cellOf(r, c) ?? null]))), null, 1)}\n`);
  if (format === "xlsx") return writeXlsx(rows, columnOrder(rows), path, "qc");
  if (format !== "parquet") throw new Error(`unknown output format for '${path}': use .csv, .json, .parquet or .xlsx`);
  const cols = columnOrder(rows);
  const types = cols.map((c) => (rows.every((r) => cellOf(r, c) === null || cellOf(r, c) === undefined || typeof cellOf(r, c) === "number") && c !== "sample" && c !== "sample_raw" ? "DOUBLE" : "VARCHAR"));
  const dir = mkdtempSync(join(tmpdir(), "gwt-qc-"));
  try {
    const tmp = join(dir, "rows.json");
    writeFileSync(tmp, JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, cellOf(r, c) === undefined || cellOf(r, c) === null ? null : types[i] === "VARCHAR" ? String(cellOf(r, c)) : cellOf(r, c)])))));
    const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
    const spec = `{${cols.map((c, i) => `${q(c)}: ${q(types[i] as string)}`).join(", ")}}`;
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    try {
      await con.run(`COPY (SELECT * FROM read_json(${q(tmp)}, format='array', columns=${spec})) TO ${q(resolve(path))} (FORMAT parquet)`);
    } finally {
      con.closeSync();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
