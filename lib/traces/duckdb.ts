import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { idleCores } from "../util/cpu";
import { basename, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { SQL_UNIT_MACROS } from "../util/units";
import { parseDelimited } from "./csv";
import { NOT_UTF8, isUtf8File, writeUtf8Copy } from "./encoding";
import { detectFormat, readHead } from "./read";
import { galaxyInputColumns, galaxyToolFromFileName } from "./readers/galaxy";
import { MISSING_MARKERS, TASK_RUN_COLUMNS } from "./build";
import type { TraceReadResult } from "./schema";
import type { TaskRuntimeSummary } from "./summary";
import { csvCell } from "../util/safeText";
import { flattenRun } from "./table";
import { type TypedRead, sampleRecords, typedColumns } from "./sniff";

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
  /** COPY passes: 1, or more when a typed read failed on a later cell and columns were re-read as text. */
  readonly attempts: number;
}

export interface IngestOptions {
  /** Called with the query's completion fraction (0..1) while DuckDB works. */
  readonly onProgress?: (fraction: number) => void;
  /** DuckDB threads (default: one per 32 MiB of the largest input file, at most one per idle core; see `ingestThreads`). */
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
  /**
   * Report field issues and dropped rows as the TS readers do (default true). Costs a second read of the
   * files (a parallel count; the single-threaded issue pass only when something is wrong): about 2x the
   * ingest time on a clean 500k-row trace. `false` keeps the one-pass speed; rows and values are the same.
   */
  readonly checkFields?: boolean;
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
function uniqueColumnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((h) => {
    const key = h.toLowerCase();
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return k ? `${h}_${k}` : h;
  });
}

/** One input file as the ingest reads it: delimiter, header, and the raw columns read typed (the rest as text). */
interface FileScan {
  readonly path: string;
  /** The file DuckDB reads: `path`, or its UTF-8 copy when `path` is not UTF-8 (see encoding.ts). */
  readonly readPath?: string;
  readonly delim: string;
  readonly header: readonly string[];
  readonly cols: ReadonlySet<string>;
  readonly typed: ReadonlyMap<string, TypedRead>;
  /** The data records of the file's head the types were guessed from. */
  readonly sample: readonly (readonly string[])[];
}

/** Rejects tables of one ingest attempt (a retry reads into fresh ones). */
const rejectsTables = (attempt: number): { errors: string; scans: string } => ({ errors: `gwt_reject_errors_${attempt}`, scans: `gwt_reject_scans_${attempt}` });

/** The missing markers as DuckDB's `nullstr`: exact (unpadded) markers are NULL in every column, typed or text. */
const NULLSTR = `[${MISSING_MARKERS.map(q).join(", ")}]`;

/**
 * read_csv over one file with the header we already parsed: no sniffing, text columns except the typed
 * ones, rejects kept (typed columns: a cell that does not parse is a CAST reject, never a silent NULL).
 * Markers as NULL is what every field's rule does with them anyway (numbers: missing; text: `gwt_text`).
 */
function readCsvSql(scan: FileScan, attempt: number): string {
  const names = uniqueColumnNames(scan.header);
  const cols = `{${scan.header.map((h, i) => `${q(names[i] ?? h)}: ${q(i === scan.header.indexOf(h) ? (scan.typed.get(h) ?? "VARCHAR") : "VARCHAR")}`).join(", ")}}`;
  const rj = rejectsTables(attempt);
  return `read_csv(${q(scan.readPath ?? scan.path)}, delim=${q(scan.delim)}, quote='"', escape='"', header=true, auto_detect=false, columns=${cols}, nullstr=${NULLSTR}, store_rejects=true, rejects_table=${q(rj.errors)}, rejects_scan=${q(rj.scans)})`;
}

/** Column reference or NULL when the files lack it. */
const colOr = (cols: ReadonlySet<string>) => (name: string): string => (cols.has(name) ? ident(name) : "NULL::VARCHAR");

/**
 * A raw field (`x_*`): its column, the typed reads it may take (DOUBLE → `v_*`, TIMESTAMP → `ts_*`) and the
 * macro that turns its text into the number `n_*` (`null`: no number, timestamp text only).
 */
interface RawField {
  readonly col: string;
  readonly reads: readonly TypedRead[];
  readonly parse: "gwt_num_x" | "gwt_percent_x" | null;
}
const num = (col: string): RawField => ({ col, reads: ["DOUBLE"], parse: "gwt_num_x" });
const epoch = (col: string): RawField => ({ col, reads: ["DOUBLE", "TIMESTAMP"], parse: "gwt_num_x" });

/** How the files read one raw field: whether any reads it as text, as DOUBLE, as TIMESTAMP. */
interface FieldModes {
  readonly text: boolean;
  readonly double: boolean;
  readonly timestamp: boolean;
}

/** SQL for a raw field `k` in the final stage, given how the files read it (its number is always `n_k`). */
interface FieldRefs {
  /** Trimmed text (NULL when no file reads it as text). */
  t(k: string): string;
  /** Raw text (NULL when no file reads it as text). */
  x(k: string): string;
  /** `expr` with typed TIMESTAMP cells first. */
  ts(k: string, expr: string): string;
}

/**
 * The SQL of one format, in stages so each field is parsed once per row and the per-file part stays small
 * (binding 126 Galaxy branches cost more than reading them; every macro call there was bound per file):
 * `stage1` (per file, over its own header) only renames columns to fixed names: `x_*` = text of a raw
 * field read as text, `v_*` / `ts_*` = the same field read typed (only the kinds some file uses), `t_*` =
 * text fields; the per-file SELECTs share one column order and are glued with UNION ALL. Then, once:
 * `t_*` trimmed (markers: NULL, the TS readers' rule), `n_*` numbers (typed value or parsed text), the
 * `clean` columns and the `where` filter; then `final` turns them into TaskRun columns (text parsing
 * only in the branches for cells that are not plain numbers).
 */
interface FormatSql {
  readonly raw: Readonly<Record<string, RawField>>;
  /** Text fields: fixed name → column. */
  readonly text: Readonly<Record<string, string>>;
  /** `extra`: more select expressions over the file's own columns (the issue pass's per-file checks). */
  stage1(scan: FileScan, fields: string, src: string, extra?: string): string;
  /** Typed reads wanted beyond `raw` (Galaxy input-size columns). */
  extraTyped?(header: readonly string[]): string[];
  /** Row filter on stage-1 columns (before trimming). */
  readonly where?: string;
  /** Extra columns computed once after the UNION ALL. */
  readonly clean?: string;
  final(workflow: string | undefined, f: FieldRefs, scans: readonly FileScan[]): string;
  /** Field checks the TS reader makes, for the issue pass (`ingestIssuesSql`): same fields, same messages. */
  readonly checks?: readonly FieldCheck[];
  /** Per-file checks over columns only some headers have (Galaxy input sizes): SQL of a VARCHAR[] of messages. */
  fileChecks?(scan: FileScan): string;
  /** Message for a row the `where` filter drops (the TS reader's words). */
  readonly dropped?: string;
}

/**
 * One field check of a TS reader, in SQL: a present cell whose value comes out NULL is "cannot read"
 * (`date`: "cannot read date"), a negative one (kinds `num`/`percent`) "negative value"; `signed` numbers
 * may be negative. `value` is the field's final SQL value (NULL when unreadable).
 */
interface FieldCheck {
  readonly field: string;
  readonly k: string;
  readonly kind: "num" | "signed" | "percent" | "duration" | "bytes" | "date";
  readonly value?: (f: FieldRefs) => string;
}

/** At most this many sampled values get a precomputed branch in `memoSql`. */
const MEMO_MAX = 32;

/** Distinct non-empty values of `col` in the files' samples, most frequent first (ties: first seen). */
function sampledValues(scans: readonly FileScan[], col: string): string[] {
  const n = new Map<string, number>();
  for (const s of scans) {
    const i = s.header.indexOf(col);
    if (i >= 0) for (const r of s.sample) if (!MISSING_MARKERS.includes(r[i] ?? "")) n.set(r[i] ?? "", (n.get(r[i] ?? "") ?? 0) + 1);
  }
  return [...n].sort((a, b) => b[1] - a[1]).slice(0, MEMO_MAX).map(([v]) => v);
}

/**
 * `expr(col)` with the sampled values precomputed: `CASE col WHEN 'v' THEN expr('v') ... ELSE expr(col) END`.
 * DuckDB folds each `expr('v')` to a constant, so a row with a known value costs string comparisons
 * instead of regex / split calls (a trace has few distinct process names); the same expression either
 * way, so the same result.
 */
function memoSql(col: string, values: readonly string[], expr: (v: string) => string): string {
  return values.length ? `CASE ${col} ${values.map((v) => `WHEN ${q(v)} THEN ${expr(q(v))}`).join(" ")} ELSE ${expr(col)} END` : expr(col);
}

/** `col AS t_name` for every [name, source column] pair, NULL when the file lacks the column. */
function textFieldsSql(cols: ReadonlySet<string>, fields: Readonly<Record<string, string>>): string {
  return Object.entries(fields).map(([k, col]) => `${cols.has(col) ? ident(col) : "NULL::VARCHAR"} AS t_${k}`).join(", ");
}

/** `x_*` (text), `v_*` (DOUBLE) and `ts_*` (TIMESTAMP) of every raw field, the kinds `modes` says some file uses. */
function rawFieldsSql(scan: FileScan, raw: Readonly<Record<string, RawField>>, modes: ReadonlyMap<string, FieldModes>): string {
  const parts: string[] = [];
  for (const [k, r] of Object.entries(raw)) {
    const m = modes.get(k);
    const type = scan.cols.has(r.col) ? (scan.typed.get(r.col) ?? "text") : undefined;
    const c = ident(r.col);
    if (m?.text) parts.push(`${type === "text" ? c : "NULL::VARCHAR"} AS x_${k}`);
    if (m?.double) parts.push(`${type === "DOUBLE" ? c : "NULL::DOUBLE"} AS v_${k}`);
    if (m?.timestamp) parts.push(`${type === "TIMESTAMP" ? c : "NULL::TIMESTAMP"} AS ts_${k}`);
  }
  return parts.length ? parts.join(", ") : "NULL AS _no_raw";
}

/** Per raw field, whether any file reads it as text / DOUBLE / TIMESTAMP (absent columns count as nothing). */
function fieldModes(scans: readonly FileScan[], raw: Readonly<Record<string, RawField>>): Map<string, FieldModes> {
  const out = new Map<string, FieldModes>();
  for (const [k, r] of Object.entries(raw)) {
    const types = scans.filter((s) => s.cols.has(r.col)).map((s) => s.typed.get(r.col) ?? "text");
    out.set(k, { text: types.includes("text"), double: types.includes("DOUBLE"), timestamp: types.includes("TIMESTAMP") });
  }
  return out;
}

/** `n_* = typed number (NaN as missing) or parsed text`, once per raw field with a parse macro. */
function numericSql(raw: Readonly<Record<string, RawField>>, modes: ReadonlyMap<string, FieldModes>): string[] {
  return Object.entries(raw)
    .filter(([, r]) => r.parse)
    .map(([k, r]) => {
      const m = modes.get(k);
      const typed = `gwt_nan_null(v_${k})`;
      const parsed = `${r.parse}(x_${k})`;
      const n = m?.text ? (m.double ? `coalesce(${typed}, ${parsed})` : parsed) : m?.double ? typed : "NULL::DOUBLE";
      return `${n} AS n_${k}`;
    });
}

function fieldRefs(modes: ReadonlyMap<string, FieldModes>): FieldRefs {
  const text = (k: string): boolean => modes.get(k)?.text ?? false;
  return {
    t: (k) => (text(k) ? `gwt_trim(x_${k})` : "NULL::VARCHAR"),
    x: (k) => (text(k) ? `x_${k}` : "NULL::VARCHAR"),
    ts: (k, expr) => (!modes.get(k)?.timestamp ? expr : text(k) || modes.get(k)?.double ? `coalesce(ts_${k}, ${expr})` : `ts_${k}`),
  };
}

const NEXTFLOW_TEXT: Record<string, string> = { tool_version: "tool_version", tag: "tag", status: "status", hostname: "hostname", host: "host" };
const NEXTFLOW_RAW: Record<string, RawField> = {
  exit: num("exit"), attempt: num("attempt"), submit: epoch("submit"), start: epoch("start"), complete: epoch("complete"),
  realtime: num("realtime"), duration: num("duration"), pcpu: { col: "%cpu", reads: ["DOUBLE"], parse: "gwt_percent_x" }, cpus: num("cpus"), threads: num("threads"),
  memory: num("memory"), peak_rss: num("peak_rss"), rchar: num("rchar"), wchar: num("wchar"), input_bytes: num("input_bytes"),
  user_s: num("user_s"), sys_s: num("sys_s"), cpu_s: num("cpu_s"),
};

/** The workflow name a `trace_<name>.csv` file gives (the TS reader's rule), as a SQL literal. */
function workflowFromTraceFile(path: string): string {
  const m = /(?:^|\/)trace_([A-Za-z][A-Za-z0-9-]*)\.(?:csv|tsv|txt)$/.exec(path);
  return m?.[1] ? q(m[1]) : "NULL::VARCHAR";
}

const nextflowSql: FormatSql = {
  raw: NEXTFLOW_RAW,
  text: NEXTFLOW_TEXT,
  stage1(scan, fields, src, extra) {
    const cols = scan.cols;
    // The TS reader's rule: `process`, or when it is missing (absent column, `-`, ...) `name` without its `(tag)`.
    const fromName = `regexp_replace(gwt_text(${colOr(cols)("name")}), '\\s*\\(.*\\)$', '')`;
    const proc = cols.has("process") ? `coalesce(gwt_text(${ident("process")}), ${fromName})` : fromName;
    return `SELECT ${q(scan.path)} AS file, ${proc} AS proc, ${workflowFromTraceFile(scan.path)} AS _wf_file, ${cols.has("user_s") && cols.has("sys_s")} AS _cpu_split,
    ${textFieldsSql(cols, NEXTFLOW_TEXT)}, ${fields}${extra ? `, ${extra}` : ""}
  FROM ${src}`;
  },
  where: "NOT gwt_missing(proc)",
  dropped: "no process/name; row skipped",
  checks: [
    { field: "exit", k: "exit", kind: "signed" }, { field: "attempt", k: "attempt", kind: "num" },
    ...(["submit", "start", "complete"] as const).map((k): FieldCheck => ({ field: k, k, kind: "date", value: (f) => f.ts(k, `gwt_epoch_ms_tn(${f.t(k)}, n_${k})`) })),
    ...(["realtime", "duration"] as const).map((k): FieldCheck => ({ field: k, k, kind: "duration", value: (f) => `gwt_duration_tn(${f.t(k)}, n_${k})` })),
    { field: "%cpu", k: "pcpu", kind: "percent" }, { field: "cpus", k: "cpus", kind: "num" }, { field: "threads", k: "threads", kind: "num" },
    ...(["memory", "peak_rss", "rchar", "wchar", "input_bytes"] as const).map((k): FieldCheck => ({ field: k, k, kind: "bytes", value: (f) => `gwt_bytes_tn(${f.t(k)}, n_${k})` })),
    { field: "user_s", k: "user_s", kind: "num" }, { field: "sys_s", k: "sys_s", kind: "num" }, { field: "cpu_s", k: "cpu_s", kind: "num" },
  ],
  final(workflow, f, scans) {
    const procs = sampledValues(scans, "process");
    const nfcore = memoSql("proc", procs, (p) => `'nf-core/' || lower(nullif(regexp_extract(${p}, '^NFCORE_([A-Z0-9]+)[:.]', 1), ''))`);
    const wf = workflow ? q(workflow) : `coalesce(${nfcore}, _wf_file)`;
    const task = memoSql("proc", procs, (p) => `gwt_trim(split_part(split_part(${p}, ':', -1), '.', -1))`);
    const time = (k: string): string => f.ts(k, `gwt_epoch_ms_tn(${f.t(k)}, n_${k})`);
    const bytes = (k: string): string => `gwt_bytes_tn(${f.t(k)}, n_${k})`;
    return `SELECT file, 'nextflow' AS source, ${wf} AS workflow, NULL::VARCHAR AS workflowRunId,
    ${task} AS task, t_tool_version AS toolVersion, t_tag AS sample, t_status AS status,
    n_exit AS exitCode, gwt_nn(n_attempt) AS attempt,
    ${time("submit")} AS submitTime, ${time("start")} AS startTime,
    ${time("complete")} AS completeTime, gwt_duration_tn(${f.t("realtime")}, n_realtime) AS wallS,
    CASE WHEN gwt_nn(n_user_s) IS NOT NULL AND gwt_nn(n_sys_s) IS NOT NULL THEN gwt_nn(n_user_s) + gwt_nn(n_sys_s) ELSE gwt_nn(n_cpu_s) END AS cpuS,
    gwt_nn(n_pcpu) AS cpuPercent, coalesce(gwt_nn(n_cpus), gwt_nn(n_threads)) AS cpusRequested,
    ${bytes("memory")} AS memoryRequestedBytes, ${bytes("peak_rss")} AS peakRssBytes,
    ${bytes("rchar")} AS readBytes, ${bytes("wchar")} AS writeBytes,
    ${bytes("input_bytes")} AS inputBytes, NULL::MAP(VARCHAR, DOUBLE) AS inputBytesByName,
    coalesce(t_hostname, t_host) AS machine`;
  },
};

const LOTARU_TEXT: Record<string, string> = { workflow: "Workflow", task: "Task", machine: "Machine" };
const LOTARU_RAW: Record<string, RawField> = {
  realtime: num("Realtime"), pcpu: { col: "%cpu", reads: ["DOUBLE"], parse: "gwt_percent_x" }, cpus: num("cpus"), memory: num("memory"),
  peak_rss: num("peak_rss"), rchar: num("rchar"), wchar: num("wchar"), input: num("TaskInputSize"),
};

const lotaruSql: FormatSql = {
  raw: LOTARU_RAW,
  text: LOTARU_TEXT,
  stage1(scan, fields, src, extra) {
    return `SELECT ${q(scan.path)} AS file, ${textFieldsSql(scan.cols, LOTARU_TEXT)}, ${fields}${extra ? `, ${extra}` : ""}
  FROM ${src}`;
  },
  where: "NOT gwt_missing(t_task)",
  final(workflow, f) {
    return `SELECT file, 'lotaru' AS source, ${workflow ? q(workflow) : `'nf-core/' || t_workflow`} AS workflow, NULL::VARCHAR AS workflowRunId,
    t_task AS task, NULL::VARCHAR AS toolVersion, NULL::VARCHAR AS sample, NULL::VARCHAR AS status,
    NULL::DOUBLE AS exitCode, NULL::DOUBLE AS attempt, NULL::TIMESTAMP AS submitTime, NULL::TIMESTAMP AS startTime, NULL::TIMESTAMP AS completeTime,
    gwt_duration_tn(${f.t("realtime")}, n_realtime) AS wallS, NULL::DOUBLE AS cpuS, gwt_nn(n_pcpu) AS cpuPercent,
    gwt_nn(n_cpus) AS cpusRequested, gwt_nn(n_memory) AS memoryRequestedBytes, gwt_nn(n_peak_rss) AS peakRssBytes,
    gwt_nn(n_rchar) AS readBytes, gwt_nn(n_wchar) AS writeBytes, gwt_nn(n_input) AS inputBytes,
    CASE WHEN gwt_nn(n_input) IS NULL THEN NULL ELSE MAP {'TaskInputSize': gwt_nn(n_input)} END AS inputBytesByName,
    t_machine AS machine`;
  },
};

const GALAXY_TEXT: Record<string, string> = { state: "state", dest: "destination_id" };
const GALAXY_RAW: Record<string, RawField> = {
  create_time: { col: "create_time", reads: ["TIMESTAMP"], parse: null }, exit: num("exit_code"), start: num("start_epoch"), end: num("end_epoch"),
  runtime: num("runtime"), slots: num("galaxy_slots"), mem_mb: num("galaxy_memory_mb"),
};

const galaxySql: FormatSql = {
  raw: GALAXY_RAW,
  text: GALAXY_TEXT,
  extraTyped: galaxyInputColumns,
  stage1(scan, fields, src, extra) {
    const c = colOr(scan.cols);
    const name = galaxyToolFromFileName(basename(scan.path));
    const inputs = galaxyInputColumns(scan.header);
    // Input sizes: the column names as one constant list, their numbers as a parallel list (zipped, NaN and
    // negatives dropped once after the UNION ALL, in `clean`; a list of structs per file cost more to bind).
    const v = (k: string): string => (scan.typed.get(k) === "DOUBLE" ? ident(k) : `TRY_CAST(${ident(k)} AS DOUBLE)`);
    const names = inputs.length ? `[${inputs.map(q).join(", ")}]` : "[]::VARCHAR[]";
    const values = inputs.length ? `[${inputs.map(v).join(", ")}]::DOUBLE[]` : "[]::DOUBLE[]";
    const task = name ? q(name.tool) : `regexp_replace(regexp_replace(${c("tool_id")}, '^.*/repos/', ''), '/[^/]+$', '')`;
    return `SELECT ${q(scan.path)} AS file, ${task} AS task, ${name ? q(name.version) : c("tool_version")} AS toolVersion,
    ${textFieldsSql(scan.cols, GALAXY_TEXT)}, ${fields}, ${names} AS _in_k, ${values} AS _in_v${extra ? `, ${extra}` : ""} FROM ${src}`;
  },
  clean: "list_filter(list_zip(_in_k, _in_v), e -> isfinite(e[2]) AND e[2] >= 0) AS _ok",
  dropped: "no tool id in file name or row; row skipped",
  checks: [
    { field: "exit_code", k: "exit", kind: "signed" },
    { field: "create_time", k: "create_time", kind: "date", value: (f) => f.ts("create_time", `TRY_CAST(${f.x("create_time")} AS TIMESTAMP)`) },
    { field: "start_epoch", k: "start", kind: "date", value: () => "gwt_epoch_us(n_start * 1000000)" },
    { field: "end_epoch", k: "end", kind: "date", value: () => "gwt_epoch_us(n_end * 1000000)" },
    { field: "runtime", k: "runtime", kind: "num" }, { field: "galaxy_slots", k: "slots", kind: "num" }, { field: "galaxy_memory_mb", k: "mem_mb", kind: "num" },
  ],
  fileChecks(scan) {
    const checks = galaxyInputColumns(scan.header).map((c) => {
      const typed = scan.typed.get(c) === "DOUBLE";
      const raw = typed ? `CAST(${ident(c)} AS VARCHAR)` : ident(c);
      const v = typed ? `gwt_nan_null(${ident(c)})` : `gwt_num_x(${ident(c)})`;
      const present = typed ? `${ident(c)} IS NOT NULL` : `NOT gwt_missing(${ident(c)})`;
      return `CASE WHEN ${present} THEN CASE WHEN ${v} IS NULL THEN ${issueText(c, "cannot read", raw)} WHEN ${v} < 0 THEN ${issueText(c, "negative value", raw)} END END`;
    });
    return checks.length ? `[${checks.join(", ")}]::VARCHAR[]` : "[]::VARCHAR[]";
  },
  final(workflow, f) {
    return `SELECT file, 'galaxy' AS source, ${q(workflow ?? "galaxy")} AS workflow, NULL::VARCHAR AS workflowRunId,
    task, toolVersion, NULL::VARCHAR AS sample, t_state AS status, n_exit AS exitCode, NULL::DOUBLE AS attempt,
    ${f.ts("create_time", `TRY_CAST(${f.x("create_time")} AS TIMESTAMP)`)} AS submitTime,
    gwt_epoch_us(n_start * 1000000) AS startTime, gwt_epoch_us(n_end * 1000000) AS completeTime,
    gwt_nn(n_runtime) AS wallS, NULL::DOUBLE AS cpuS, NULL::DOUBLE AS cpuPercent,
    gwt_nn(n_slots) AS cpusRequested, gwt_mib_bytes(gwt_nn(n_mem_mb)) AS memoryRequestedBytes,
    NULL::DOUBLE AS peakRssBytes, NULL::DOUBLE AS readBytes, NULL::DOUBLE AS writeBytes,
    CASE WHEN len(_ok) = 0 THEN NULL ELSE list_sum(list_transform(_ok, e -> e[2])) END AS inputBytes,
    CASE WHEN len(_ok) = 0 THEN NULL ELSE map_from_entries(_ok) END AS inputBytesByName,
    t_dest AS machine`;
  },
};

const FORMAT_SQL: Record<DuckdbFormat, FormatSql> = { nextflow: nextflowSql, lotaru: lotaruSql, galaxy: galaxySql };

/** Bytes of each file's head used for the header and the type sample (more costs JS parsing per file). */
const HEAD_BYTES = 16384;

/** A file's header fields, trimmed: the first line when it has no quotes, else the first record of the first MiB. */
function headerOf(path: string, delim: string, head: string): string[] {
  const nl = head.indexOf("\n");
  const text = nl >= 0 && !head.slice(0, nl).includes('"') ? head.slice(0, nl + 1) : readHead(path, 1 << 20);
  return (parseDelimited(text, delim)[0]?.fields ?? []).map((h) => h.trim());
}

/**
 * How to read each file: delimiter, header, and which raw columns to read typed (guessed from the rows in
 * the first 16 KiB; `textOnly` forces columns back to text after a failed typed read).
 */
export function planScans(paths: readonly string[], fmt: DuckdbFormat, textOnly: ReadonlyMap<string, ReadonlySet<string>> = new Map(), readPaths: ReadonlyMap<string, string> = new Map()): FileScan[] {
  const f = FORMAT_SQL[fmt];
  return paths.map((path) => {
    const head = readHead(path, HEAD_BYTES);
    const delim = fmt === "galaxy" ? "," : (head.split("\n", 1)[0] ?? "").includes("\t") ? "\t" : ",";
    const header = headerOf(path, delim, head);
    const forced = textOnly.get(path);
    const wanted = new Map<string, readonly TypedRead[]>();
    for (const r of Object.values(f.raw)) wanted.set(r.col, r.reads);
    for (const col of f.extraTyped?.(header) ?? []) wanted.set(col, ["DOUBLE"]);
    for (const col of forced ?? []) wanted.delete(col);
    // header names repeated up to case are read as text under their renamed column (see uniqueColumnNames)
    for (const col of wanted.keys()) if (header.findIndex((h) => h.toLowerCase() === col.toLowerCase()) !== header.indexOf(col)) wanted.delete(col);
    const sample = sampleRecords(head, delim, statSync(path).size > HEAD_BYTES);
    const readPath = readPaths.get(path);
    return { path, ...(readPath ? { readPath } : {}), delim, header, cols: new Set(header), typed: typedColumns(header, sample, wanted), sample };
  });
}

/**
 * The whole normalising SELECT over `paths` (one stage-1 SELECT per file, then `n_*` numbers, then TaskRun
 * columns in `PARQUET_COLUMNS` order); needs a connection from `openDuckdb` (unit macros). `scans` (from
 * `planScans`) may be given to choose the typed reads; rejects go to the tables of `attempt`.
 * @example await con.run(`CREATE TABLE runs AS ${ingestSelectSql(["trace.tsv"], "nextflow")}`)
 */
export function ingestSelectSql(paths: readonly string[], fmt: DuckdbFormat, workflow?: string, scans: readonly FileScan[] = planScans(paths, fmt), attempt = 0): string {
  const f = FORMAT_SQL[fmt];
  const modes = fieldModes(scans, f.raw);
  const parts = scans.map((s) => f.stage1(s, rawFieldsSql(s, f.raw, modes), readCsvSql(s, attempt)));
  const trims = Object.keys(f.text).map((k) => `gwt_text(t_${k}) AS t_${k}`).join(", ");
  const once = [...numericSql(f.raw, modes), ...(f.clean ? [f.clean] : [])].join(", ");
  const cols = PARQUET_COLUMNS.map((k) => (k === "exitCode" || k === "attempt" ? `CAST(${ident(k)} AS DOUBLE) AS ${ident(k)}` : ident(k))).join(", ");
  return `SELECT ${cols} FROM (${f.final(workflow, fieldRefs(modes), scans)}
  FROM (SELECT * REPLACE (${trims}), ${once} FROM (
${parts.join("\nUNION ALL\n")})${f.where ? ` WHERE ${f.where}` : ""}))`;
}

/** One reject of an attempt: file, line, DuckDB error type, column (CAST errors) and message. */
interface Reject {
  readonly file: string;
  readonly line: number | undefined;
  readonly type: string;
  readonly column: string | undefined;
  readonly message: string;
}

async function readRejects(con: DuckDBConnection, attempt: number, original: ReadonlyMap<string, string> = new Map()): Promise<Reject[]> {
  const rj = rejectsTables(attempt);
  try {
    const res = await con.runAndReadAll(
      `SELECT s.file_path AS file, e.line AS line, e.error_type AS type, e.column_name AS col, e.error_message AS msg
       FROM ${rj.errors} e JOIN ${rj.scans} s USING (scan_id, file_id) ORDER BY file, line`,
    );
    return res.getRowObjectsJS().map((o) => ({
      file: original.get(String(o["file"])) ?? String(o["file"]), line: o["line"] === null ? undefined : Number(o["line"]), type: String(o["type"]),
      column: o["col"] === null ? undefined : String(o["col"]), message: String(o["msg"]),
    }));
  } catch {
    return []; // no rejects table: nothing was rejected
  }
}

/** Columns a typed read failed on (CAST rejects), per file: they are read as text on the next attempt. */
function failedTypedReads(rejects: readonly Reject[], scans: readonly FileScan[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const r of rejects) {
    if (r.type !== "CAST" || r.column === undefined) continue;
    const scan = scans.find((s) => s.path === r.file);
    if (!scan?.typed.has(r.column)) continue;
    if (!out.has(r.file)) out.set(r.file, new Set());
    out.get(r.file)?.add(r.column);
  }
  return out;
}

/** SQL text of a field issue, worded as `FieldReader` words it: `field 'F': <what> '<raw>'; left missing`. */
function issueText(field: string, what: string, raw: string): string {
  return `${q(`field '${field}': ${what} '`)} || ${raw} || ${q("'; left missing")}`;
}

/** SQL: is the raw cell of field `k` present (not a missing marker), and its text, over the reads `m` says files use. */
function rawCell(k: string, m: FieldModes | undefined): { present: string; raw: string } {
  const present: string[] = [];
  const raw: string[] = [];
  if (m?.text) present.push(`(x_${k} IS NOT NULL AND NOT gwt_missing(x_${k}))`), raw.push(`x_${k}`);
  if (m?.double) present.push(`v_${k} IS NOT NULL`), raw.push(`CAST(v_${k} AS VARCHAR)`);
  if (m?.timestamp) present.push(`ts_${k} IS NOT NULL`), raw.push(`CAST(ts_${k} AS VARCHAR)`);
  return { present: present.length ? `(${present.join(" OR ")})` : "false", raw: raw.length > 1 ? `coalesce(${raw.join(", ")})` : (raw[0] ?? "''") };
}

/** Pseudo attempt number for the issue pass's read_csv (its rejects are the COPY's, already read). */
const ISSUE_PASS = 1_000_000;

/**
 * The issue pass: one row per input row that the COPY dropped (`where`) or that has a field the TS reader
 * would report, with the row's 1-based ordinal among the rows DuckDB read from its file (`_rec`) and the
 * messages (`iss`), worded as the TS reader words them. Run single-threaded (row order = file order).
 */
function ingestIssuesSql(paths: readonly string[], fmt: DuckdbFormat, scans: readonly FileScan[] = planScans(paths, fmt), countOnly = false): string {
  const f = FORMAT_SQL[fmt];
  const modes = fieldModes(scans, f.raw);
  const refs = fieldRefs(modes);
  const parts = scans.map(
    (s) => `SELECT *, ${countOnly ? "0" : "row_number() OVER ()"} AS _rec, (${f.where ?? "true"}) AS _keep FROM (${f.stage1(s, rawFieldsSql(s, f.raw, modes), readCsvSql(s, ISSUE_PASS + (countOnly ? 1 : 0)), `${f.fileChecks ? f.fileChecks(s) : "[]::VARCHAR[]"} AS _file_iss`)})`,
  );
  const trims = Object.keys(f.text).map((k) => `gwt_text(t_${k}) AS t_${k}`).join(", ");
  const once = [...numericSql(f.raw, modes), ...(f.clean ? [f.clean] : [])].join(", ");
  const checks = (f.checks ?? []).map((c) => {
    const { present, raw } = rawCell(c.k, modes.get(c.k));
    const v = c.value ? c.value(refs) : `n_${c.k}`;
    const neg = c.kind === "num" || c.kind === "percent" ? ` WHEN ${v} < 0 THEN ${issueText(c.field, "negative value", raw)}` : "";
    return `CASE WHEN ${present} THEN CASE WHEN ${v} IS NULL THEN ${issueText(c.field, c.kind === "date" ? "cannot read date" : "cannot read", raw)}${neg} END END`;
  });
  const list = checks.length ? `list_filter([${checks.join(", ")}]::VARCHAR[], x -> x IS NOT NULL)` : "[]::VARCHAR[]";
  return `SELECT ${countOnly ? "count(*) AS n" : "file, _rec, iss"} FROM (
  SELECT file, _rec, CASE WHEN _keep THEN list_concat(list_filter(_file_iss, x -> x IS NOT NULL), ${list}) ELSE [${q(f.dropped ?? "row skipped")}] END AS iss
  FROM (SELECT * REPLACE (${trims}), ${once} FROM (
${parts.join("\nUNION ALL\n")})))
WHERE len(iss) > 0${countOnly ? "" : " ORDER BY file, _rec"}`;
}

/**
 * Where each data record of a delimited file starts (header excluded), by the rules of `parseDelimited`
 * (quoted fields may span lines; empty lines are not records): `physical` 1-based lines, and `duckdb`, the
 * line DuckDB's rejects give the same record (it does not count newlines inside quotes). Streams the file.
 */
function dataRecordLines(path: string): { physical: number[]; duckdb: number[] } {
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(1 << 20);
  const physical: number[] = [];
  const duckdb: number[] = [];
  let line = 1;
  let embedded = 0; // newlines inside quotes so far
  let inQuote = false;
  let atStart = true; // at the first byte of a record
  let startLine = 1;
  let startEmbedded = 0;
  let lineEmpty = true;
  const push = (): void => {
    physical.push(startLine);
    duckdb.push(startLine - startEmbedded);
  };
  try {
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      for (let i = 0; i < n; i++) {
        const c = buf[i] as number;
        if (atStart) {
          startLine = line;
          startEmbedded = embedded;
          atStart = false;
          lineEmpty = true;
        }
        if (c === 34) inQuote = !inQuote;
        if (c === 10) {
          line++;
          if (inQuote) embedded++;
          else {
            if (!lineEmpty) push();
            atStart = true;
          }
        } else if (c !== 13) lineEmpty = false;
      }
    }
    if (!atStart && !lineEmpty) push();
  } finally {
    closeSync(fd);
  }
  return { physical: physical.slice(1), duckdb: duckdb.slice(1) };
}

/** DuckDB reject lines → physical lines (they differ after a quoted field with a newline). */
function physicalRejects(rejects: Reject[]): Reject[] {
  const maps = new Map<string, Map<number, number>>();
  return rejects.map((r) => {
    if (r.line === undefined) return r;
    let m = maps.get(r.file);
    if (!m) {
      const l = dataRecordLines(r.file);
      maps.set(r.file, (m = new Map(l.duckdb.map((d, i) => [d, l.physical[i] as number]))));
    }
    return { ...r, line: m.get(r.line) ?? r.line };
  });
}

/** One issue per rejected line, with DuckDB's reason. */
function issuesByFile(rejects: readonly Reject[]): Map<string, { line: number | undefined; message: string }[]> {
  const out = new Map<string, { line: number | undefined; message: string }[]>();
  for (const r of rejects) {
    const list = out.get(r.file) ?? [];
    out.set(r.file, list);
    if (r.line !== undefined && list.some((i) => i.line === r.line)) continue;
    list.push({ line: r.line, message: `${r.type}: ${r.message}; row skipped` });
  }
  return out;
}

/**
 * Run the issue pass (`ingestIssuesSql`) and place each issue on its file line: the n-th row DuckDB read is
 * the n-th data record that it did not reject. Lines are only computed for files with issues.
 */
async function readFieldIssues(
  con: DuckDBConnection, paths: readonly string[], fmt: DuckdbFormat, scans: readonly FileScan[], rejects: readonly Reject[], threads: number, countScans: readonly FileScan[],
): Promise<Map<string, { issues: { line: number | undefined; message: string }[]; dropped: number }>> {
  const f = FORMAT_SQL[fmt];
  const out = new Map<string, { issues: { line: number | undefined; message: string }[]; dropped: number }>();
  if (!f.checks && !f.where) return out;
  // First a parallel count over the COPY's own (typed) reads: a clean file costs one more read, no more.
  const n = Number((await con.runAndReadAll(ingestIssuesSql(paths, fmt, countScans, true))).getRowObjectsJS()[0]?.["n"] ?? 0);
  if (n === 0) return out;
  await con.run("SET threads = 1");
  let rows: Record<string, unknown>[];
  try {
    rows = (await con.runAndReadAll(ingestIssuesSql(paths, fmt, scans))).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    await con.run(`SET threads = ${threads}`);
  }
  const lineMaps = new Map<string, number[]>();
  const lineOf = (file: string, rec: number): number | undefined => {
    let m = lineMaps.get(file);
    if (!m) {
      const rejected = new Set(rejects.filter((r) => r.file === file).map((r) => r.line));
      lineMaps.set(file, (m = dataRecordLines(file).physical.filter((l) => !rejected.has(l))));
    }
    return m[rec - 1];
  };
  for (const r of rows) {
    const file = String(r["file"]);
    const line = lineOf(file, Number(r["_rec"]));
    const e = out.get(file) ?? { issues: [], dropped: 0 };
    out.set(file, e);
    for (const message of r["iss"] as string[]) {
      e.issues.push({ line, message });
      if (message === f.dropped) e.dropped++;
    }
  }
  return out;
}

/** Bytes of one input file per DuckDB thread: below this a second thread only waits for work (and spins). */
const BYTES_PER_THREAD = 32 * 2 ** 20;

/**
 * Default thread count for an ingest whose largest input file has `maxFileBytes`: one per 32 MiB
 * (rounded), at least 1, at most one per idle core (rounded; `idleCores` samples /proc/stat, so a job
 * that just ended is not counted). The largest file, not the total, decides: DuckDB parallelises within
 * a file, and between the many small pipelines of a multi-file union a second thread mostly spins.
 * Measured on 2 idle cores (medians of 3): one 200 MB Nextflow trace (1M rows) 3.06 s on 1 thread,
 * 2.18 s on 2; 60 MB 1.43 / 0.84 s; 20 MB 0.48 / 0.38 s (+30% CPU); the 126-file Galaxy dump (90 MB, largest
 * file 3.6 MB) 1.72 s on 1 thread, 2.26 s on 2. On a busy core a second thread costs more than it gives
 * (10M rows with a harness running: 20.5-22.9 s on 1 thread, 26.8-27.7 s on 2).
 * @example ingestThreads(2 * 2 ** 30, 8, 7.6) // 8
 */
export function ingestThreads(maxFileBytes: number, cores: number = availableParallelism(), idle: number = idleCores(60, cores)): number {
  const free = Math.round(Math.min(cores, idle));
  return Math.max(1, Math.min(free, Math.round(maxFileBytes / BYTES_PER_THREAD)));
}

/** `ingestThreads` for these input files (the size of the largest one). */
export function ingestThreadsFor(paths: readonly string[]): number {
  return ingestThreads(paths.reduce((m, p) => Math.max(m, statSync(p).size), 0));
}

/**
 * Ingest delimited traces (Nextflow, Galaxy, Lotaru) with DuckDB straight to Parquet, normalising to
 * TaskRun columns in SQL with the same units and missing-value rules as the TS readers (macros in
 * `lib/util/units.ts`); streaming, so memory stays flat as rows grow. `format` "auto" detects per file
 * (all files must share one format). Structurally bad rows are rejected and reported with line numbers.
 * Columns whose first rows are plain numbers / timestamps are read typed by DuckDB's CSV reader (much
 * cheaper than text + macros); if a later cell of such a column does not parse, DuckDB rejects its row,
 * and the whole ingest is redone with that column read as text, so no row is lost to the guess.
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
  const threads = opts.threads ?? ingestThreadsFor(paths);
  // Files that are not UTF-8 are read from a UTF-8 copy (invalid bytes as U+FFFD, as the TS readers read them).
  const notUtf8 = paths.filter((p) => !isUtf8File(p));
  const tmp = notUtf8.length ? mkdtempSync(join(tmpdir(), "gwt-utf8-")) : undefined;
  const readPaths = new Map(notUtf8.map((p, i) => [p, join(tmp as string, `${i}-${basename(p)}`)]));
  for (const [p, copy] of readPaths) writeUtf8Copy(p, copy);
  const original = new Map([...readPaths].map(([p, c]) => [c, p]));
  const con = await openDuckdb({ ...opts, threads });
  const timer = opts.onProgress
    ? setInterval(() => {
        const p = con.progress.percentage;
        if (p >= 0) opts.onProgress?.(Math.min(1, p / 100));
      }, 200)
    : undefined;
  try {
    const version = opts.parquetVersion === 1 ? "V1" : "V2";
    const textOnly = new Map<string, Set<string>>();
    let rejects: Reject[] = [];
    let attempts = 0;
    let copied = 0;
    // Each retry reads at least one more column as text, so this ends (at worst with everything as text).
    for (let attempt = 0; ; attempt++) {
      attempts = attempt + 1;
      const scans = planScans(paths, fmt, textOnly, readPaths);
      // One stage-1 SELECT per file (headers differ between files), glued with UNION ALL: one streaming COPY.
      const copy = await con.runAndReadAll(`COPY (${ingestSelectSql(paths, fmt, opts.workflow, scans, attempt)}) TO ${q(out)} (FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION ${version})`);
      copied = Number(copy.getRows()[0]?.[0] ?? 0);
      rejects = await readRejects(con, attempt, original);
      const failed = failedTypedReads(rejects, scans);
      if (failed.size === 0) break;
      for (const [file, cols] of failed) textOnly.set(file, new Set([...(textOnly.get(file) ?? []), ...cols]));
    }
    // Field issues and dropped rows, as the TS readers report them (a second, single-threaded read).
    // Every raw column read as text there, so messages quote the cell as written ('1e999', not 'inf').
    rejects = physicalRejects(rejects);
    const dfmt = fmt as DuckdbFormat;
    const allText = new Map(planScans(paths, dfmt).map((s) => [s.path, new Set(s.header)]));
    const fieldIssues = opts.checkFields === false ? new Map<string, { issues: { line: number | undefined; message: string }[]; dropped: number }>() : await readFieldIssues(con, paths, dfmt, planScans(paths, dfmt, allText, readPaths), rejects, threads, planScans(paths, dfmt, textOnly, readPaths));
    // rows per file: COPY's count for one file, else one pass over the (dictionary-encoded) file column
    const counts = new Map<string, number>(paths.length === 1 ? [[paths[0] ?? "", copied]] : []);
    if (paths.length > 1) {
      for (const o of (await con.runAndReadAll(`SELECT file, count(*) AS n FROM read_parquet(${q(out)}) GROUP BY file`)).getRowObjectsJS()) counts.set(String(o["file"]), Number(o["n"]));
    }
    const issues = issuesByFile(rejects);
    const files: IngestFileResult[] = paths.map((p) => {
      const list = issues.get(p) ?? [];
      const field = fieldIssues.get(p) ?? { issues: [], dropped: 0 };
      const enc = readPaths.has(p) ? [{ line: undefined, message: NOT_UTF8 }] : [];
      return { file: p, format: fmt, rows: counts.get(p) ?? 0, rejected: new Set(list.map((i) => i.line)).size + field.dropped, issues: [...enc, ...list, ...field.issues] };
    });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    return { out, rows: files.reduce((s, f) => s + f.rows, 0), files, seconds, parquetBytes: statSync(out).size, attempts };
  } finally {
    if (timer) clearInterval(timer);
    con.closeSync();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
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
    // One CSV record per run (not per text line: a quoted value may hold a newline).
    const cols = TASK_RUN_COLUMNS.filter((k) => k !== "raw");
    for (const r of results) {
      const fileCell = csvCell(r.file, true);
      for (const run of r.runs) {
        const flat = flattenRun(run, false);
        parts.push(`${fileCell},${cols.map((k) => csvCell(flat[k], true)).join(",")}`);
      }
    }
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
      await con.run(`COPY (SELECT ${cols} FROM read_csv(${q(csv)}, header=true, delim=',', quote='"', escape='"', auto_detect=false, columns=${colSpec}, timestampformat='%Y-%m-%dT%H:%M:%S.%gZ')) TO ${q(out)} (FORMAT parquet, COMPRESSION zstd)`);
    } finally {
      con.closeSync();
    }
    return parts.length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
