import { collectQc } from "../qc/collect";
import type { QcRecord } from "../qc/types";
import { deriveMetrics } from "./derive";

/** Per-sample numeric feature records from QC outputs: the wide QC row plus derived metrics. */
export interface QcFeatureRecords {
  readonly ids: string[];
  readonly records: Array<Record<string, number>>;
  /** Files that failed to parse (file: reason): reported, never silently dropped. */
  readonly failed: Array<{ file: string; reason: string }>;
  /** Files that parsed (the inputs of the records, for provenance). */
  readonly files: string[];
}

/** Options of `qcFeatureRecords`. */
export interface QcFeatureOptions {
  /**
   * One sample per folder (`collectQc`'s `sampleFromDir`): all of a run's outputs — FastQC of the
   * reads, Picard of the BAM — describe one input, as in the harness layout. Default false.
   */
  readonly sampleFromDir?: boolean;
  /** @deprecated old name of `sampleFromDir` (kept as an alias). */
  readonly groupByDir?: boolean;
}

/**
 * Collect QC files and return one numeric record per sample: the wide row `collectQc` built, plus
 * the derived metrics the feature registry uses.
 * @example qcFeatureRecords(["runs/a/qc", "runs/b/qc"], { sampleFromDir: true })
 */
export function qcFeatureRecords(paths: string | readonly string[], opts: QcFeatureOptions = {}): QcFeatureRecords {
  const col = collectQc(paths, { requireSamples: true, sampleFromDir: opts.sampleFromDir ?? opts.groupByDir ?? false });
  const failed = col.report.files.filter((f) => f.status === "failed").map((f) => ({ file: f.file, reason: f.reason ?? "unknown" }));
  const files = col.report.files.filter((f) => f.status === "parsed").map((f) => f.file);
  const out: Array<Record<string, number>> = [];
  for (const row of col.rows) {
    const rec: Record<string, number> = {};
    for (const [k, v] of Object.entries(row)) if (typeof v === "number" && Number.isFinite(v) && k !== "n_records") rec[k] = v;
    const records: readonly QcRecord[] = col.records.get(row.sample) ?? [];
    for (const [k, v] of Object.entries(deriveMetrics(records, row))) if (typeof v === "number" && Number.isFinite(v)) rec[k] = v;
    out.push(rec);
  }
  return { ids: col.rows.map((r) => r.sample), records: out, failed, files };
}
