import { collectQc, toWideRows } from "../qc/collect";
import { sampleDirName } from "../qc/sampleName";
import type { QcRecord } from "../qc/types";
import { deriveMetrics } from "./derive";

/** Per-sample numeric feature records from QC outputs: the wide QC row plus derived metrics. */
export interface QcFeatureRecords {
  readonly ids: string[];
  readonly records: Array<Record<string, number>>;
  /** Files that failed to parse (file: reason): reported, never silently dropped. */
  readonly failed: Array<{ file: string; reason: string }>;
}

/**
 * Collect QC files and return one numeric record per sample, with the derived metrics the feature
 * registry uses. `groupByDir: true` treats every folder as one sample (all of a run's outputs —
 * FastQC of the reads, Picard of the BAM — describe one input), as in the harness layout.
 */
export function qcFeatureRecords(paths: string | readonly string[], opts: { groupByDir?: boolean } = {}): QcFeatureRecords {
  const col = collectQc(paths, { requireSamples: true });
  const failed = col.report.files.filter((f) => f.status === "failed").map((f) => ({ file: f.file, reason: f.reason ?? "unknown" }));
  let records: QcRecord[] = [...col.records.values()].flat();
  if (opts.groupByDir) records = records.map((r) => ({ ...r, sample: sampleDirName(r.file) }));
  const { rows } = toWideRows(records);
  const bySample = new Map<string, QcRecord[]>();
  for (const r of records) bySample.set(r.sample, [...(bySample.get(r.sample) ?? []), r]);
  const out: Array<Record<string, number>> = [];
  for (const row of rows) {
    const rec: Record<string, number> = {};
    for (const [k, v] of Object.entries(row)) if (typeof v === "number" && Number.isFinite(v) && k !== "n_records") rec[k] = v;
    for (const [k, v] of Object.entries(deriveMetrics(bySample.get(row.sample) ?? [], row))) if (typeof v === "number" && Number.isFinite(v)) rec[k] = v;
    out.push(rec);
  }
  return { ids: rows.map((r) => r.sample), records: out, failed };
}
