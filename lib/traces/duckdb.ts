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
  /**
   * Parquet format version (default 2: DELTA / BYTE_STREAM_SPLIT encodings, ~25% faster to write and
   * ~15% smaller here; same values). Use 1 for readers that predate Parquet 2 pages.
   */
  readonly parquetVersion?: 1 | 2;
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
  return `read_csv(${q(path)}, delim=${q(delim)}, quote='"', escape='"', header=true, auto_detect=false, columns=${cols}, store_rejects=true)`;
}

/** Column reference or NULL when the files lack it. */
const colOr = (cols: Set<string>) => (name: string): string => (cols.has(name) ? ident(name) : "NULL::VARCHAR");

/**
 * The SQL of one format, in three stages so each field is parsed once per row:
 * `stage1` (per file, over its own header) renames raw columns to fixed names (`x_*` = raw text of a
 * numeric field, `t_*` = trimmed text of a text field); the per-file stage-1 SELECTs share one column
 * order and are glued with UNION ALL; `numeric` lists the `x_*` fields that get `n_* = gwt_num_x(x_*)`
 * once; `final` turns `t_*` / `n_*` into TaskRun columns (`trim(x_*)` only in non-numeric branches).
 */
interface FormatSql {
  stage1(cols: Set<string>, header: readonly string[], path: string, src: string): string;
  readonly numeric: readonly string[];
  final(workflow: string | undefined): string;
}

/** `expr AS name` for every [name, source column] pair: the column (trimmed when `trimmed`) or NULL. */
function fieldsSql(cols: Set<string>, fields: Record<string, string>, prefix: "t" | "x"): string {
  return Object.entries(fields)
    .map(([k, col]) => `${!cols.has(col) ? "NULL::VARCHAR" : prefix === "t" ? `trim(${ident(col)})` : ident(col)} AS ${prefix}_${k}`)
    .join(", ");
}

const NEXTFLOW_TEXT: Record<string, string> = { tool_version: "tool_version", tag: "tag", status: "status", hostname: "hostname", host: "host" };
const NEXTFLOW_RAW: Record<string, string> = {
  exit: "exit", attempt: "attempt", submit: "submit", start: "start", complete: "complete", realtime: "realtime", pcpu: "%cpu",
  cpus: "cpus", threads: "threads", memory: "memory", peak_rss: "peak_rss", rchar: "rchar", wchar: "wchar", input_bytes: "input_bytes",
  user_s: "user_s", sys_s: "sys_s", cpu_s: "cpu_s",
};

const nextflowSql: FormatSql = {
  stage1(cols, _header, path, src) {
    const proc = cols.has("process") ? ident("process") : `regexp_replace(${colOr(cols)("name")}, '\\s*\\(.*\\)$', '')`;
    // constant per file (DuckDB folds it): the workflow name a trace_<name>.csv file gives
    const wfFile = `nullif(regexp_extract(${q(path)}, '(?:^|/)trace_([A-Za-z][A-Za-z0-9-]*)\\.(?:csv|tsv|txt)$', 1), '')`;
    return `SELECT ${q(path)} AS file, ${proc} AS proc, ${wfFile} AS _wf_file, ${cols.has("user_s") && cols.has("sys_s")} AS _cpu_split,
    ${fieldsSql(cols, NEXTFLOW_TEXT, "t")}, ${fieldsSql(cols, NEXTFLOW_RAW, "x")}
  FROM ${src} WHERE NOT gwt_missing(${proc})`;
  },
  numeric: ["exit", "attempt", "submit", "start", "complete", "realtime", "cpus", "threads", "memory", "peak_rss", "rchar", "wchar", "input_bytes", "user_s", "sys_s", "cpu_s"],
  final(workflow) {
    const wf = workflow ? q(workflow) : `coalesce('nf-core/' || lower(nullif(regexp_extract(proc, '^NFCORE_([A-Z0-9]+)[:.]', 1), '')), _wf_file)`;
    return `SELECT file, 'nextflow' AS source, ${wf} AS workflow, NULL::VARCHAR AS workflowRunId,
    trim(split_part(split_part(proc, ':', -1), '.', -1)) AS task, nullif(t_tool_version, '') AS toolVersion,
    CASE WHEN gwt_miss_t(t_tag) THEN NULL ELSE t_tag END AS sample,
    CASE WHEN gwt_miss_t(t_status) THEN NULL ELSE t_status END AS status,
    n_exit AS exitCode, gwt_nn(n_attempt) AS attempt,
    gwt_epoch_ms_tn(trim(x_submit), n_submit) AS submitTime, gwt_epoch_ms_tn(trim(x_start), n_start) AS startTime,
    gwt_epoch_ms_tn(trim(x_complete), n_complete) AS completeTime, gwt_duration_tn(trim(x_realtime), n_realtime) AS wallS,
    CASE WHEN _cpu_split THEN gwt_nn(n_user_s) + gwt_nn(n_sys_s) ELSE gwt_nn(n_cpu_s) END AS cpuS,
    gwt_nn(gwt_percent_x(x_pcpu)) AS cpuPercent, coalesce(gwt_nn(n_cpus), gwt_nn(n_threads)) AS cpusRequested,
    gwt_bytes_tn(trim(x_memory), n_memory) AS memoryRequestedBytes, gwt_bytes_tn(trim(x_peak_rss), n_peak_rss) AS peakRssBytes,
    gwt_bytes_tn(trim(x_rchar), n_rchar) AS readBytes, gwt_bytes_tn(trim(x_wchar), n_wchar) AS writeBytes,
    gwt_bytes_tn(trim(x_input_bytes), n_input_bytes) AS inputBytes, NULL::MAP(VARCHAR, DOUBLE) AS inputBytesByName,
    CASE WHEN NOT gwt_miss_t(t_hostname) THEN t_hostname WHEN NOT gwt_miss_t(t_host) THEN t_host ELSE NULL END AS machine`;
  },
};

const LOTARU_TEXT: Record<string, string> = { workflow: "Workflow", task: "Task", machine: "Machine" };
const LOTARU_RAW: Record<string, string> = {
  realtime: "Realtime", pcpu: "%cpu", cpus: "cpus", memory: "memory", peak_rss: "peak_rss", rchar: "rchar", wchar: "wchar", input: "TaskInputSize",
};

const lotaruSql: FormatSql = {
  stage1(cols, _header, path, src) {
    return `SELECT ${q(path)} AS file, ${fieldsSql(cols, LOTARU_TEXT, "t")}, ${fieldsSql(cols, LOTARU_RAW, "x")}
  FROM ${src} WHERE NOT gwt_missing(${colOr(cols)("Task")})`;
  },
  numeric: ["realtime", "cpus", "memory", "peak_rss", "rchar", "wchar", "input"],
  final(workflow) {
    return `SELECT file, 'lotaru' AS source, ${workflow ? q(workflow) : `'nf-core/' || t_workflow`} AS workflow, NULL::VARCHAR AS workflowRunId,
    t_task AS task, NULL::VARCHAR AS toolVersion, NULL::VARCHAR AS sample, NULL::VARCHAR AS status,
    NULL::DOUBLE AS exitCode, NULL::DOUBLE AS attempt, NULL::TIMESTAMP AS submitTime, NULL::TIMESTAMP AS startTime, NULL::TIMESTAMP AS completeTime,
    gwt_duration_tn(trim(x_realtime), n_realtime) AS wallS, NULL::DOUBLE AS cpuS, gwt_nn(gwt_percent_x(x_pcpu)) AS cpuPercent,
    gwt_nn(n_cpus) AS cpusRequested, gwt_nn(n_memory) AS memoryRequestedBytes, gwt_nn(n_peak_rss) AS peakRssBytes,
    gwt_nn(n_rchar) AS readBytes, gwt_nn(n_wchar) AS writeBytes, gwt_nn(n_input) AS inputBytes,
    CASE WHEN gwt_nn(n_input) IS NULL THEN NULL ELSE MAP {'TaskInputSize': gwt_nn(n_input)} END AS inputBytesByName,
    t_machine AS machine`;
  },
};

const GALAXY_TEXT: Record<string, string> = { state: "state", dest: "destination_id" };
const GALAXY_RAW: Record<string, string> = {
  create_time: "create_time", exit: "exit_code", start: "start_epoch", end: "end_epoch", runtime: "runtime", slots: "galaxy_slots", mem_mb: "galaxy_memory_mb",
};

const galaxySql: FormatSql = {
  stage1(cols, header, path, src) {
    const c = colOr(cols);
    const name = galaxyToolFromFileName(basename(path));
    const inputs = galaxyInputColumns(header);
    // Input sizes: cast once per column into a list of {k, v}, keep present non-negative ones (summed / mapped later).
    const list = inputs.length ? `[${inputs.map((k) => `{'k': ${q(k)}, 'v': TRY_CAST(${ident(k)} AS DOUBLE)}`).join(", ")}]` : "[]::STRUCT(k VARCHAR, v DOUBLE)[]";
    const task = name ? q(name.tool) : `regexp_replace(regexp_replace(${c("tool_id")}, '^.*/repos/', ''), '/[^/]+$', '')`;
    return `SELECT ${q(path)} AS file, ${task} AS task, ${name ? q(name.version) : c("tool_version")} AS toolVersion,
    ${fieldsSql(cols, GALAXY_TEXT, "t")}, ${fieldsSql(cols, GALAXY_RAW, "x")},
    list_filter(${list}, e -> e.v IS NOT NULL AND e.v >= 0) AS _ok FROM ${src}`;
  },
  numeric: ["exit", "start", "end", "runtime", "slots", "mem_mb"],
  final(workflow) {
    return `SELECT file, 'galaxy' AS source, ${q(workflow ?? "galaxy")} AS workflow, NULL::VARCHAR AS workflowRunId,
    task, toolVersion, NULL::VARCHAR AS sample, nullif(t_state, '') AS status, n_exit AS exitCode, NULL::DOUBLE AS attempt,
    TRY_CAST(x_create_time AS TIMESTAMP) AS submitTime,
    make_timestamp(CAST(n_start * 1000000 AS BIGINT)) AS startTime, make_timestamp(CAST(n_end * 1000000 AS BIGINT)) AS completeTime,
    gwt_nn(n_runtime) AS wallS, NULL::DOUBLE AS cpuS, NULL::DOUBLE AS cpuPercent,
    gwt_nn(n_slots) AS cpusRequested, gwt_mib_bytes(gwt_nn(n_mem_mb)) AS memoryRequestedBytes,
    NULL::DOUBLE AS peakRssBytes, NULL::DOUBLE AS readBytes, NULL::DOUBLE AS writeBytes,
    CASE WHEN len(_ok) = 0 THEN NULL ELSE list_sum(list_transform(_ok, e -> e.v)) END AS inputBytes,
    CASE WHEN len(_ok) = 0 THEN NULL ELSE map_from_entries(_ok) END AS inputBytesByName,
    nullif(t_dest, '') AS machine`;
  },
};

const FORMAT_SQL: Record<DuckdbFormat, FormatSql> = { nextflow: nextflowSql, lotaru: lotaruSql, galaxy: galaxySql };

/** A file's header fields, trimmed: the first line when it has no quotes, else the first record of the first MiB. */
function headerOf(path: string, delim: string): string[] {
  const head = readHead(path, 65536);
  const nl = head.indexOf("\n");
  const text = nl >= 0 && !head.slice(0, nl).includes('"') ? head.slice(0, nl + 1) : readHead(path, 1 << 20);
  return (parseDelimited(text, delim)[0]?.fields ?? []).map((h) => h.trim());
}

/**
 * The whole normalising SELECT over `paths` (one stage-1 SELECT per file, then `n_*` casts, then TaskRun
 * columns in `PARQUET_COLUMNS` order); needs a connection from `openDuckdb` (unit macros).
 * @example await con.run(`CREATE TABLE runs AS ${ingestSelectSql(["trace.tsv"], "nextflow")}`)
 */
export function ingestSelectSql(paths: readonly string[], fmt: DuckdbFormat, workflow?: string): string {
  const f = FORMAT_SQL[fmt];
  const parts = paths.map((p) => {
    const delim = fmt === "galaxy" ? "," : (readHead(p, 8192).split("\n", 1)[0] ?? "").includes("\t") ? "\t" : ",";
    const header = headerOf(p, delim);
    return f.stage1(new Set(header), header, p, readCsvSql(p, delim, header));
  });
  const numeric = f.numeric.map((k) => `gwt_num_x(x_${k}) AS n_${k}`).join(", ");
  const cols = PARQUET_COLUMNS.map((k) => (k === "exitCode" || k === "attempt" ? `CAST(${ident(k)} AS DOUBLE) AS ${ident(k)}` : ident(k))).join(", ");
  return `SELECT ${cols} FROM (${f.final(workflow)}
  FROM (SELECT *, ${numeric} FROM (
${parts.join("\nUNION ALL\n")})))`;
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
    // One stage-1 SELECT per file (headers differ between files), glued with UNION ALL: one streaming COPY.
    const version = opts.parquetVersion === 1 ? "V1" : "V2";
    await con.run(`COPY (${ingestSelectSql(paths, fmt, opts.workflow)}) TO ${q(out)} (FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION ${version})`);
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
