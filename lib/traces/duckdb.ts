import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { SQL_UNIT_MACROS } from "../util/units";
import { parseDelimited } from "./csv";
import { detectFormat, readHead } from "./read";
import { galaxyInputColumns, galaxyToolFromFileName } from "./readers/galaxy";
import { TASK_RUN_COLUMNS } from "./build";
import type { TraceReadResult } from "./schema";
import type { TaskRuntimeSummary } from "./summary";
import { runsToCsv } from "./table";

/** Formats the DuckDB path can normalise in SQL (delimited, big); JSON formats go through the TS readers. */
export const DUCKDB_FORMATS = ["nextflow", "galaxy", "lotaru"] as const;
export type DuckdbFormat = (typeof DUCKDB_FORMATS)[number];

/** Parquet columns: `file` then every TaskRun field but `raw`; inputBytesByName is MAP(VARCHAR, DOUBLE). */
export const PARQUET_COLUMNS = [
  "file", "source", "workflow", "workflowRunId", "task", "toolVersion", "sample", "status", "exitCode", "attempt",
  "submitTime", "startTime", "completeTime", "wallS", "cpuS", "cpuPercent", "cpusRequested", "memoryRequestedBytes",
  "peakRssBytes", "readBytes", "writeBytes", "inputBytes", "inputBytesByName", "machine",
] as const;

/** Per-file outcome of an ingest. `rejected` rows are structurally bad (field count, quoting), with lines. */
export interface IngestFileResult {
  readonly file: string;
  readonly format: string;
  readonly rows: number;
  readonly rejected: number;
  readonly issues: { readonly line: number | undefined; readonly message: string }[];
}

export interface IngestResult {
  readonly out: string;
  readonly rows: number;
  readonly files: IngestFileResult[];
  readonly seconds: number;
  readonly parquetBytes: number;
}

export interface IngestOptions {
  /** Called with the query's completion fraction (0..1) while DuckDB works. */
  readonly onProgress?: (fraction: number) => void;
  /** DuckDB threads (default: DuckDB's choice). */
  readonly threads?: number;
  /** DuckDB memory_limit, e.g. "1GB" (spills to a temp folder beyond it). */
  readonly memoryLimit?: string;
  /** Workflow name for every row (else derived as the TS readers do). */
  readonly workflow?: string;
}

const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** An open in-memory DuckDB connection with gwtime's unit macros loaded. Close with `closeSync()`. */
export async function openDuckdb(opts: { threads?: number; memoryLimit?: string } = {}): Promise<DuckDBConnection> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const config: Record<string, string> = {};
  if (opts.threads) config["threads"] = String(opts.threads);
  if (opts.memoryLimit) config["memory_limit"] = opts.memoryLimit;
  const instance = await DuckDBInstance.create(":memory:", config);
  const con = await instance.connect();
  await con.run(SQL_UNIT_MACROS);
  await con.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false;");
  return con;
}

/**
 * Header names made unique the way SQL needs them: DuckDB names are case-insensitive, and real dumps
 * repeat names up to case (Galaxy bwa: `parameters.analysis_type.e` and `...E`); repeats get `_1`, `_2`.
 */
export function uniqueColumnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h) => {
    const key = h.toLowerCase();
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return k ? `${h}_${k}` : h;
  });
}

/** read_csv over one file with the header we already parsed: no sniffing, every column VARCHAR, rejects kept. */
function readCsvSql(path: string, delim: string, header: readonly string[]): string {
  const cols = `{${uniqueColumnNames(header).map((h) => `${q(h)}: 'VARCHAR'`).join(", ")}}`;
  return `read_csv(${q(path)}, delim=${q(delim)}, quote='"', escape='"', header=true, auto_detect=false, columns=${cols}, filename=true, store_rejects=true)`;
}

/** Column reference or NULL when the files lack it. */
const colOr = (cols: Set<string>) => (name: string): string => (cols.has(name) ? ident(name) : "NULL::VARCHAR");

function nextflowSelect(cols: Set<string>, src: string, workflow: string | undefined): string {
  const c = colOr(cols);
  const proc = cols.has("process") ? `${c("process")}` : `regexp_replace(${c("name")}, '\\s*\\(.*\\)$', '')`;
  const wf = workflow
    ? q(workflow)
    : `coalesce('nf-core/' || lower(nullif(regexp_extract(${proc}, '^NFCORE_([A-Z0-9]+)[:.]', 1), '')), nullif(regexp_extract(filename, '(?:^|/)trace_([A-Za-z][A-Za-z0-9-]*)\\.(?:csv|tsv|txt)$', 1), ''))`;
  const cpu = cols.has("user_s") && cols.has("sys_s") ? `gwt_num_nn((${c("user_s")})) + gwt_num_nn((${c("sys_s")}))` : `gwt_num_nn((${c("cpu_s")}))`;
  return `SELECT filename AS file, 'nextflow' AS source, ${wf} AS workflow, NULL::VARCHAR AS workflowRunId,
    trim(regexp_extract(${proc}, '([^:.]+)$', 1)) AS task, nullif(trim(${c("tool_version")}), '') AS toolVersion,
    CASE WHEN gwt_missing(${c("tag")}) THEN NULL ELSE trim(${c("tag")}) END AS sample,
    CASE WHEN gwt_missing(${c("status")}) THEN NULL ELSE trim(${c("status")}) END AS status,
    gwt_num(${c("exit")}) AS exitCode, gwt_num_nn((${c("attempt")})) AS attempt,
    gwt_epoch_ms(${c("submit")}) AS submitTime, gwt_epoch_ms(${c("start")}) AS startTime, gwt_epoch_ms(${c("complete")}) AS completeTime,
    gwt_duration_s(${c("realtime")}) AS wallS, ${cpu} AS cpuS, gwt_percent_nn((${c("%cpu")})) AS cpuPercent,
    coalesce(gwt_num_nn(${c("cpus")}), gwt_num_nn(${c("threads")})) AS cpusRequested,
    (gwt_bytes(${c("memory")})) AS memoryRequestedBytes, (gwt_bytes(${c("peak_rss")})) AS peakRssBytes,
    (gwt_bytes(${c("rchar")})) AS readBytes, (gwt_bytes(${c("wchar")})) AS writeBytes,
    (gwt_bytes(${c("input_bytes")})) AS inputBytes, NULL::MAP(VARCHAR, DOUBLE) AS inputBytesByName,
    CASE WHEN NOT gwt_missing(${c("hostname")}) THEN trim(${c("hostname")}) WHEN NOT gwt_missing(${c("host")}) THEN trim(${c("host")}) ELSE NULL END AS machine
  FROM ${src} WHERE NOT gwt_missing(${proc})`;
}

function lotaruSelect(cols: Set<string>, src: string, workflow: string | undefined): string {
  const c = colOr(cols);
  const n = (k: string) => `gwt_num_nn((${c(k)}))`;
  return `SELECT filename AS file, 'lotaru' AS source, ${workflow ? q(workflow) : `'nf-core/' || trim(${c("Workflow")})`} AS workflow, NULL::VARCHAR AS workflowRunId,
    trim(${c("Task")}) AS task, NULL::VARCHAR AS toolVersion, NULL::VARCHAR AS sample, NULL::VARCHAR AS status,
    NULL::DOUBLE AS exitCode, NULL::DOUBLE AS attempt, NULL::TIMESTAMP AS submitTime, NULL::TIMESTAMP AS startTime, NULL::TIMESTAMP AS completeTime,
    gwt_duration_s(${c("Realtime")}) AS wallS, NULL::DOUBLE AS cpuS, gwt_percent_nn((${c("%cpu")})) AS cpuPercent,
    ${n("cpus")} AS cpusRequested, ${n("memory")} AS memoryRequestedBytes, ${n("peak_rss")} AS peakRssBytes,
    ${n("rchar")} AS readBytes, ${n("wchar")} AS writeBytes, ${n("TaskInputSize")} AS inputBytes,
    CASE WHEN ${n("TaskInputSize")} IS NULL THEN NULL ELSE MAP {'TaskInputSize': ${n("TaskInputSize")}} END AS inputBytesByName,
    trim(${c("Machine")}) AS machine
  FROM ${src} WHERE NOT gwt_missing(${c("Task")})`;
}

const GALAXY_JOB_COLUMNS = ["state", "exit_code", "create_time", "start_epoch", "end_epoch", "runtime", "galaxy_slots", "galaxy_memory_mb", "destination_id", "tool_id", "tool_version"];

function galaxySelect(cols: Set<string>, header: readonly string[], path: string, workflow: string | undefined): string {
  const c = colOr(cols);
  const name = galaxyToolFromFileName(basename(path));
  const inputs = galaxyInputColumns(header);
  // Input sizes: cast once per column into a list of {k, v}, keep present non-negative ones, then sum / map.
  const list = inputs.length ? `[${inputs.map((k) => `{'k': ${q(k)}, 'v': TRY_CAST(${ident(k)} AS DOUBLE)}`).join(", ")}]` : "[]::STRUCT(k VARCHAR, v DOUBLE)[]";
  const needed = ["filename", ...GALAXY_JOB_COLUMNS.filter((k) => cols.has(k))].map(ident).join(", ");
  const task = name ? q(name.tool) : `regexp_replace(regexp_replace(${c("tool_id")}, '^.*/repos/', ''), '/[^/]+$', '')`;
  return `SELECT filename AS file, 'galaxy' AS source, ${q(workflow ?? "galaxy")} AS workflow, NULL::VARCHAR AS workflowRunId,
    ${task} AS task, ${name ? q(name.version) : c("tool_version")} AS toolVersion, NULL::VARCHAR AS sample,
    nullif(trim(${c("state")}), '') AS status, gwt_num(${c("exit_code")}) AS exitCode, NULL::DOUBLE AS attempt,
    TRY_CAST(${c("create_time")} AS TIMESTAMP) AS submitTime,
    make_timestamp(CAST(gwt_num(${c("start_epoch")}) * 1000000 AS BIGINT)) AS startTime,
    make_timestamp(CAST(gwt_num(${c("end_epoch")}) * 1000000 AS BIGINT)) AS completeTime,
    gwt_num_nn(${c("runtime")}) AS wallS, NULL::DOUBLE AS cpuS, NULL::DOUBLE AS cpuPercent,
    gwt_num_nn(${c("galaxy_slots")}) AS cpusRequested, gwt_mib_bytes(gwt_num_nn(${c("galaxy_memory_mb")})) AS memoryRequestedBytes,
    NULL::DOUBLE AS peakRssBytes, NULL::DOUBLE AS readBytes, NULL::DOUBLE AS writeBytes,
    CASE WHEN len(_ok) = 0 THEN NULL ELSE list_sum(list_transform(_ok, e -> e.v)) END AS inputBytes,
    CASE WHEN len(_ok) = 0 THEN NULL ELSE map_from_entries(_ok) END AS inputBytesByName,
    nullif(trim(${c("destination_id")}), '') AS machine
  FROM (SELECT *, list_filter(_in, e -> e.v IS NOT NULL AND e.v >= 0) AS _ok
        FROM (SELECT ${needed}, ${list} AS _in FROM ${readCsvSql(path, ",", header)}))`;
}

/**
 * Ingest delimited traces (Nextflow, Galaxy, Lotaru) with DuckDB straight to Parquet, normalising to
 * TaskRun columns in SQL with the same units and missing-value rules as the TS readers (macros in
 * `lib/util/units.ts`); streaming, so memory stays flat as rows grow. `format` "auto" detects per file
 * (all files must share one format). Structurally bad rows are rejected and reported with line numbers.
 * @example await ingestToParquet(["trace.tsv"], "nextflow", "runs.parquet")
 */
export async function ingestToParquet(paths: readonly string[], format: DuckdbFormat | "auto", out: string, opts: IngestOptions = {}): Promise<IngestResult> {
  if (paths.length === 0) throw new Error("ingestToParquet: no input files");
  let fmt = format;
  if (fmt === "auto") {
    const found = new Set(paths.map((p) => detectFormat(readHead(p), basename(p)) ?? "unknown"));
    if (found.size !== 1) throw new Error(`ingestToParquet: files have formats ${[...found].join(", ")}; ingest one format at a time`);
    fmt = [...found][0] as DuckdbFormat;
  }
  if (!(DUCKDB_FORMATS as readonly string[]).includes(fmt)) throw new Error(`ingestToParquet: format '${fmt}' has no SQL reader (use readTraces + writeRunsParquet)`);
  const t0 = process.hrtime.bigint();
  const con = await openDuckdb(opts);
  const timer = opts.onProgress
    ? setInterval(() => {
        const p = con.progress.percentage;
        if (p >= 0) opts.onProgress?.(Math.min(1, p / 100));
      }, 200)
    : undefined;
  try {
    // One SELECT per file (headers may differ between files), glued with UNION ALL BY NAME: one streaming COPY.
    const parts: string[] = [];
    for (const p of paths) {
      const delim = (readHead(p, 8192).split("\n", 1)[0] ?? "").includes("\t") ? "\t" : ",";
      const header = (parseDelimited(readHead(p, 1 << 20), delim)[0]?.fields ?? []).map((h) => h.trim());
      const cols = new Set(header);
      if (fmt === "galaxy") parts.push(galaxySelect(cols, header, p, opts.workflow));
      else parts.push((fmt === "nextflow" ? nextflowSelect : lotaruSelect)(cols, readCsvSql(p, delim, header), opts.workflow));
    }
    const select = parts.join("\nUNION ALL BY NAME\n");
    const cols = PARQUET_COLUMNS.map((k) => (k === "exitCode" || k === "attempt" ? `CAST(${ident(k)} AS DOUBLE) AS ${ident(k)}` : ident(k))).join(", ");
    await con.run(`COPY (SELECT ${cols} FROM (${select})) TO ${q(out)} (FORMAT parquet, COMPRESSION zstd)`);
    const counts = new Map<string, number>();
    for (const o of (await con.runAndReadAll(`SELECT file, count(*) AS n FROM read_parquet(${q(out)}) GROUP BY file`)).getRowObjectsJS()) counts.set(String(o["file"]), Number(o["n"]));
    const rejects = new Map<string, { line: number | undefined; message: string }[]>();
    try {
      const rj = await con.runAndReadAll(
        "SELECT s.file_path AS file, e.line AS line, e.error_type AS type, e.error_message AS msg FROM reject_errors e JOIN reject_scans s USING (scan_id, file_id) ORDER BY file, line",
      );
      for (const o of rj.getRowObjectsJS()) {
        const f = String(o["file"]);
        if (!rejects.has(f)) rejects.set(f, []);
        const list = rejects.get(f) ?? [];
        const line = o["line"] === null ? undefined : Number(o["line"]);
        if (line !== undefined && list.some((i) => i.line === line)) continue; // one issue per rejected line
        list.push({ line: o["line"] === null ? undefined : Number(o["line"]), message: `${String(o["type"])}: ${String(o["msg"])}; row skipped` });
      }
    } catch {
      /* no rejects table: nothing was rejected */
    }
    const files: IngestFileResult[] = paths.map((p) => {
      const issues = rejects.get(p) ?? [];
      return { file: p, format: fmt, rows: counts.get(p) ?? 0, rejected: new Set(issues.map((i) => i.line)).size, issues };
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { out, rows: files.reduce((s, f) => s + f.rows, 0), files, seconds, parquetBytes: statSync(out).size };
  } finally {
    if (timer) clearInterval(timer);
    con.closeSync();
  }
}

/**
 * Run SQL over Parquet file(s) written by gwtime, exposed as the view `runs`; rows as plain JS objects
 * (BIGINT → bigint, TIMESTAMP → Date is not applied: timestamps come back as DuckDB values' JS form).
 * @example await queryParquet("runs.parquet", "SELECT task, median(wallS) AS med FROM runs GROUP BY task")
 */
export async function queryParquet(parquet: string | readonly string[], sql: string): Promise<Record<string, unknown>[]> {
  const files = typeof parquet === "string" ? [parquet] : parquet;
  const con = await openDuckdb();
  try {
    await con.run(`CREATE VIEW runs AS SELECT * FROM read_parquet([${files.map(q).join(", ")}])`);
    return (await con.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    con.closeSync();
  }
}

/** `runtimeSummaryByTask`, computed by DuckDB over Parquet (same grouping, same linear quantiles). */
export async function runtimeSummaryParquet(parquet: string | readonly string[]): Promise<TaskRuntimeSummary[]> {
  const rows = await queryParquet(
    parquet,
    `SELECT source, workflow, task, count(wallS) AS n, count(*) - count(wallS) AS nMissing,
       quantile_cont(wallS, 0.5) AS medianS, quantile_cont(wallS, 0.9) AS p90S, quantile_cont(wallS, 0.99) AS p99S, max(wallS) AS maxS
     FROM runs GROUP BY source, workflow, task ORDER BY source, coalesce(workflow, ''), task`,
  );
  return rows.map((r) => ({
    source: String(r["source"]), workflow: r["workflow"] === null ? undefined : String(r["workflow"]), task: String(r["task"]),
    n: Number(r["n"]), nMissing: Number(r["nMissing"]),
    medianS: r["medianS"] === null ? NaN : Number(r["medianS"]), p90S: r["p90S"] === null ? NaN : Number(r["p90S"]),
    p99S: r["p99S"] === null ? NaN : Number(r["p99S"]), maxS: r["maxS"] === null ? NaN : Number(r["maxS"]),
  }));
}

/** Write TS-reader results (any format) to Parquet with the same columns as `ingestToParquet` (`raw` dropped). */
export async function writeRunsParquet(results: readonly TraceReadResult[], out: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "gwt-runs-"));
  try {
    const csv = join(dir, "runs.csv");
    const parts: string[] = [];
    results.forEach((r, i) => {
      const body = runsToCsv(r.runs, false).split("\n").slice(1).filter((l) => l !== "");
      const fileCell = `"${r.file.replace(/"/g, '""')}"`;
      for (const l of body) parts.push(`${fileCell},${l}`);
      void i;
    });
    const header = ["file", ...TASK_RUN_COLUMNS.filter((k) => k !== "raw")].join(",");
    writeFileSync(csv, `${header}\n${parts.join("\n")}${parts.length ? "\n" : ""}`);
    const types: Record<string, string> = {};
    for (const k of PARQUET_COLUMNS) types[k] = "VARCHAR";
    for (const k of ["exitCode", "attempt", "wallS", "cpuS", "cpuPercent", "cpusRequested", "memoryRequestedBytes", "peakRssBytes", "readBytes", "writeBytes", "inputBytes"]) types[k] = "DOUBLE";
    for (const k of ["submitTime", "startTime", "completeTime"]) types[k] = "TIMESTAMP";
    const colSpec = `{${Object.entries(types).map(([k, v]) => `${q(k)}: ${q(v)}`).join(", ")}}`;
    const con = await openDuckdb();
    try {
      const cols = PARQUET_COLUMNS.map((k) => (k === "inputBytesByName" ? `CAST(CAST(${ident(k)} AS JSON) AS MAP(VARCHAR, DOUBLE)) AS ${ident(k)}` : ident(k))).join(", ");
      await con.run(`COPY (SELECT ${cols} FROM read_csv(${q(csv)}, header=true, quote='"', escape='"', columns=${colSpec}, timestampformat='%Y-%m-%dT%H:%M:%S.%gZ')) TO ${q(out)} (FORMAT parquet, COMPRESSION zstd)`);
    } finally {
      con.closeSync();
    }
    return parts.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
