/**
 * The two trace paths side by side on one file: the TypeScript readers (`readTraces` → `writeRunsParquet`)
 * and the DuckDB SQL path (`ingestToParquet`). Used by the parity test and the differential fuzz: both
 * Parquet files are read back with one query, so "same rows" means same Parquet values.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DuckdbFormat, PARQUET_COLUMNS, ingestToParquet, queryParquet, writeRunsParquet } from "./duckdb";
import { readTraces } from "./read";

/** What one path made of a file. */
export interface PathOutcome {
  /** Every output row as JSON of its Parquet values (file column left out), in output order. */
  readonly rows: string[];
  /** Field-level issues and dropped rows as `line: message`, sorted. */
  readonly fieldIssues: string[];
  /** Lines of rows rejected for their structure (field count, encoding), sorted. */
  readonly rejectedLines: number[];
  /** Rows in (output + rejected + dropped). */
  readonly rowsIn: number;
}

const STRUCTURAL = /^(expected \d+ fields|invalid UTF-8|[A-Z ]+: )/;

function outcome(rows: Record<string, unknown>[], issues: readonly { line: number | undefined; message: string }[], rejected: number): PathOutcome {
  const field = issues.filter((i) => !STRUCTURAL.test(i.message));
  return {
    rows: rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? Number(v) : v))),
    fieldIssues: field.map((i) => `${i.line ?? "-"}: ${i.message}`).sort(),
    rejectedLines: [...new Set(issues.filter((i) => STRUCTURAL.test(i.message)).map((i) => i.line ?? -1))].sort((a, b) => a - b),
    rowsIn: rows.length + rejected,
  };
}

/** Both paths on `file` (format `fmt`): their outcomes, to compare with `deepEqual`. */
export async function bothPaths(file: string, fmt: DuckdbFormat): Promise<{ ts: PathOutcome; duckdb: PathOutcome }> {
  const dir = mkdtempSync(join(tmpdir(), "gwt-parity-"));
  try {
    const cols = PARQUET_COLUMNS.filter((c) => c !== "file").map((c) => `"${c}"`).join(", ");
    const read = (p: string) => queryParquet(p, `SELECT ${cols} FROM runs`);
    const res = readTraces([file], { format: fmt, keepRaw: false });
    await writeRunsParquet(res, join(dir, "ts.parquet"));
    const r = res[0] as (typeof res)[number];
    const ts = outcome(await read(join(dir, "ts.parquet")), r.issues, r.rowsSeen - r.runs.length);
    const d = await ingestToParquet([file], fmt, join(dir, "duck.parquet"), { threads: 1 });
    const f = d.files[0] as (typeof d.files)[number];
    const duckdb = outcome(await read(join(dir, "duck.parquet")), f.issues, f.rejected);
    return { ts, duckdb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
