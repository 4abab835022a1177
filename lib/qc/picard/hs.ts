/** CollectHsMetrics (also Sentieon HsMetricAlgo). */
import type { HsMetrics } from "../types";
import { allReads, type PicardClassModule, typed } from "./accessor";
import type { ToolColumn, ToolColumns } from "../vocabulary";

const NUMERIC = ["TOTAL_READS", "PF_UNIQUE_READS", "MEAN_TARGET_COVERAGE", "MEDIAN_TARGET_COVERAGE", "PCT_OFF_BAIT", "FOLD_ENRICHMENT", "ZERO_CVG_TARGETS_PCT", "PCT_TARGET_BASES_20X", "PCT_TARGET_BASES_30X", "AT_DROPOUT", "GC_DROPOUT"];

/** Wide row: the first ALL_READS row (one BAIT_SET per file in practice). */
export const hs: PicardClassModule<HsMetrics> = {
  metricsClass: "HsMetrics",
  rows: (f) => typed<HsMetrics>(f.rows, NUMERIC, ["BAIT_SET"]),
  wide(f) {
    const rows = allReads(this.rows(f));
    const r = rows[0];
    if (!r) return undefined;
    const columns: ToolColumns<"picard"> = {};
    for (const k of NUMERIC) columns[`picard.hs.${k.toLowerCase()}` as ToolColumn<"picard">] = r[k as keyof HsMetrics] as number | null;
    return { columns, note: rows.length > 1 ? `HsMetrics: ${rows.length} rows, wide row takes the first (BAIT_SET=${r.BAIT_SET})` : undefined };
  },
};
