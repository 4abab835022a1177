/**
 * gwtime QC: parsers for FastQC, Picard (+ Sentieon/Parabricks/GATK4), GATK, samtools, fastp and
 * MultiQC outputs (one module per tool, pure `parse(text, file)`), one declarative detection
 * table, MultiQC-like sample-name cleaning, and `collectQc` → one typed per-sample table.
 */
export * from "./types";
export type { QcSampleRow } from "./row";
export { TOOL_ORDER, cellOf } from "./row";
export { WIDE_COLUMNS, WIDE_COLUMN_FAMILIES, isWideColumn, type WideColumn, type WideColumns, type WideColumnFamily, type WideTool, type ToolColumn, type ToolColumns } from "./vocabulary";
export { parseFastqcTable as parseMultiqcFastqcTable, parseFastpTable as parseMultiqcFastpTable, fastqcTableWide as multiqcFastqcWide, MULTIQC_FASTQC_COLUMNS } from "./multiqcTables";
export { parsePythonLiteral, type PyValue } from "./pythonLiteral";
export { cleanSampleName, mateOf, mateStems, DEFAULT_SAMPLE_NAME_RULES, type SampleNameOptions, type SampleNameRule } from "./sampleName";
export { DEFAULT_SEARCH_PATTERNS, DEFAULT_NUM_LINES, globToRegExp, type SearchPattern } from "./searchPatterns";
export { detect, headLines } from "./detect";
export { cell as parseMetricCell } from "./text";
export { QC_MODULES, wideOf, type QcInput, type QcModule } from "./modules";
export {
  collectQc, collectFile, listFiles, toWideRows, WideFold, wideRecord, rowsToTable, columnOrder, DEFAULT_COLLECT_OPTIONS,
  type WideRecord,
  type CollectOptions, type QcCollection, type QcFileReport, type QcMerge, type QcReport,
} from "./collect";
export { PARALLEL_MIN_FILES, autoWorkers } from "./parallel";
export { writeQcRows, rowsToCsv, formatOfPath, type QcOutputFormat } from "./write";
export * from "./fastqc";
export * from "./picard";
export * from "./gatk";
export * from "./samtools";
export { parse as parseFastp, wide as fastpWide, fastpInput } from "./fastp";
export { parseGeneralStats as parseMultiqcGeneralStats, parseDataJson as parseMultiqcDataJson, wide as multiqcWide } from "./multiqc";
