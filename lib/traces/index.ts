/** Execution traces from workflow systems → one `TaskRun` schema (one reader per format; DuckDB for scale). */
export * from "./schema";
export { TASK_RUN_COLUMNS, makeRun, isMissing } from "./build";
export type { TaskRunFields } from "./build";
export { parseDelimited, sniffDelimiter } from "./csv";
export type { CsvRecord } from "./csv";
export * from "./readers";
export { detectFormat, expandTracePaths, readHead, readTrace, readTraces } from "./read";
export type { ReadTraceOptions } from "./read";
export { runtimeSummaryByTask } from "./summary";
export type { TaskRuntimeSummary } from "./summary";
export { flattenRun, runsToCsv, runsToJsonLines, toTable } from "./table";
export type { FlatTaskRun } from "./table";
export { DUCKDB_FORMATS, PARQUET_COLUMNS, ingestThreads, ingestToParquet, openDuckdb, queryParquet, runtimeSummaryParquet, writeRunsParquet } from "./duckdb";
export type { DuckdbFormat, IngestFileResult, IngestOptions, IngestResult } from "./duckdb";
export { stepsBySample } from "./bySample";
