import type { TraceReadResult } from "../schema";

/**
 * How a format is recognised (MultiQC `search_patterns` style): every `contents` pattern must match
 * within the first `numBytes` of the file, and `fileName` (when given) must match its base name.
 * Declared data, not code: the detection table can be overridden by callers.
 */
export interface DetectPattern {
  readonly format: string;
  readonly fileName?: RegExp;
  readonly contents?: readonly RegExp[];
  /** How much of the file head the patterns look at (default 65536). */
  readonly numBytes?: number;
}

/** Column mapping for the generic reader: TaskRun field → source column and unit. */
export interface ColumnSpec {
  readonly column: string;
  /**
   * durations: "s" | "ms" | "min" | "h" | "nextflow" (e.g. "1h 2m 3s") | "hms" ("1:02:03");
   * sizes: "B" | "KiB" | "MiB" | "GiB" | "nextflow" ("1.2 GB"); times: "epoch_s" | "epoch_ms" | "iso".
   */
  readonly unit?: string;
}
export type ColumnMapping = Readonly<Record<string, string | ColumnSpec>>;

/** Options shared by every reader; each ignores what it does not use. */
export interface ReadOptions {
  /** Workflow name to stamp on every row (else derived from the file when possible). */
  readonly workflow?: string;
  readonly workflowRunId?: string;
  /** Sample to stamp on rows that have none (Snakemake benchmark files). */
  readonly sample?: string;
  /** Task name for single-task files (Snakemake benchmark files); default from the file name. */
  readonly task?: string;
  /** Generic reader: the declared column mapping (required for format "generic"). */
  readonly mapping?: ColumnMapping;
  /** Generic reader: field delimiter (default: sniffed). */
  readonly delimiter?: string;
  /**
   * Keep the verbatim source fields in `raw` (default true; the DuckDB path never keeps them); a list
   * keeps only those fields (large traces: a million rows' every column is most of the memory).
   */
  readonly keepRaw?: boolean | readonly string[];
}

/** One trace format: its detection pattern and a pure parser (text in, TaskRuns + issues out). */
export interface TraceReader {
  readonly format: string;
  readonly description: string;
  readonly pattern: DetectPattern;
  detect(head: string, fileName: string): boolean;
  parse(text: string, file: string, options?: ReadOptions): TraceReadResult;
}

/** Does `head` / `fileName` match `pattern`? */
export function matchesPattern(pattern: DetectPattern, head: string, fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (pattern.fileName && !pattern.fileName.test(base)) return false;
  const h = head.length > (pattern.numBytes ?? 65536) ? head.slice(0, pattern.numBytes ?? 65536) : head;
  return (pattern.contents ?? []).every((re) => re.test(h));
}

/** Keep non-empty source fields only (an empty cell carries nothing; keeps wide dumps small). */
export function rawOf(row: Readonly<Record<string, string>>, keep: boolean | readonly string[] = true): Record<string, string> {
  const raw: Record<string, string> = {};
  if (!keep) return raw;
  if (keep !== true) {
    for (const k of keep) {
      const v = row[k];
      if (v !== undefined && v !== "") raw[k] = v;
    }
    return raw;
  }
  for (const k in row) {
    const v = row[k];
    if (v !== undefined && v !== "") raw[k] = v;
  }
  return raw;
}

/** Last segment of a Nextflow process path ("NFCORE_X:X:BWA_MEM" → "BWA_MEM"). */
export function shortProcessName(process: string): string {
  const parts = process.split(/[:.]/);
  return (parts[parts.length - 1] ?? process).trim();
}

/** "NFCORE_CHIPSEQ:CHIPSEQ:..." → "nf-core/chipseq"; undefined when there is no nf-core prefix. */
export function nfcoreWorkflowFromProcess(process: string): string | undefined {
  const m = /^NFCORE_([A-Z0-9]+)[:.]/.exec(process);
  return m ? `nf-core/${(m[1] as string).toLowerCase()}` : undefined;
}
