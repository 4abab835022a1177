/** CollectGcBiasMetrics: summary (AT/GC dropout) and detail (per-GC-bin coverage) classes. */
import type { GcBiasDetailMetrics, GcBiasSummaryMetrics } from "../types";
import { type PicardClassModule, typed } from "./accessor";

/** Wide row: the "All Reads" accumulation level (first row otherwise). */
export const gcBiasSummary: PicardClassModule<GcBiasSummaryMetrics> = {
  metricsClass: "GcBiasSummaryMetrics",
  rows: (f) => typed<GcBiasSummaryMetrics>(f.rows, ["WINDOW_SIZE", "TOTAL_CLUSTERS", "ALIGNED_READS", "AT_DROPOUT", "GC_DROPOUT", "GC_NC_0_19", "GC_NC_20_39", "GC_NC_40_59", "GC_NC_60_79", "GC_NC_80_100"], ["ACCUMULATION_LEVEL"]),
  wide(f) {
    const rows = this.rows(f);
    const r = rows.find((x) => x.ACCUMULATION_LEVEL === null || /^all/i.test(x.ACCUMULATION_LEVEL)) ?? rows[0];
    if (!r) return undefined;
    return { columns: { "picard.gcbias.at_dropout": r.AT_DROPOUT, "picard.gcbias.gc_dropout": r.GC_DROPOUT, "picard.gcbias.aligned_reads": r.ALIGNED_READS } };
  },
};

/**
 * Detail: wide row gets the coverage spread across GC bins that have windows (max − min of
 * NORMALIZED_COVERAGE over bins 20..80% GC), a scalar summary of the bias curve.
 */
export const gcBiasDetail: PicardClassModule<GcBiasDetailMetrics> = {
  metricsClass: "GcBiasDetailMetrics",
  rows: (f) => typed<GcBiasDetailMetrics>(f.rows, ["GC", "WINDOWS", "READ_STARTS", "MEAN_BASE_QUALITY", "NORMALIZED_COVERAGE"], []),
  wide(f) {
    const all = f.rows.filter((r) => r["ACCUMULATION_LEVEL"] === undefined || /^all/i.test(String(r["ACCUMULATION_LEVEL"])));
    const rows = typed<GcBiasDetailMetrics>(all, ["GC", "WINDOWS", "NORMALIZED_COVERAGE"], []).filter((r) => (r.GC ?? -1) >= 20 && (r.GC ?? 101) <= 80 && (r.WINDOWS ?? 0) > 0 && r.NORMALIZED_COVERAGE !== null);
    if (rows.length === 0) return undefined;
    const cov = rows.map((r) => r.NORMALIZED_COVERAGE as number);
    return { columns: { "picard.gcbias.normalized_coverage_range_20_80": Math.max(...cov) - Math.min(...cov) } };
  },
};
