/** CollectWgsMetrics (also Sentieon WgsMetricsAlgo, Parabricks bammetrics / coverage_metrics). */
import type { WgsMetrics } from "../types";
import { type PicardClassModule, typed } from "./accessor";
import type { ToolColumn, ToolColumns } from "../vocabulary";

const NUMERIC = ["GENOME_TERRITORY", "MEAN_COVERAGE", "SD_COVERAGE", "MEDIAN_COVERAGE", "MAD_COVERAGE", "PCT_EXC_MAPQ", "PCT_EXC_DUPE", "PCT_EXC_UNPAIRED", "PCT_EXC_BASEQ", "PCT_EXC_OVERLAP", "PCT_EXC_CAPPED", "PCT_EXC_TOTAL", "PCT_10X", "PCT_20X", "PCT_30X"];

/** Wide row: the single row (first row when several). `pct_*` are fractions as Picard writes them. */
export const wgs: PicardClassModule<WgsMetrics> = {
  metricsClass: "WgsMetrics",
  rows: (f) => typed<WgsMetrics>(f.rows, NUMERIC, []),
  wide(f) {
    const rows = this.rows(f);
    const r = rows[0];
    if (!r) return undefined;
    const columns: ToolColumns<"picard"> = {};
    for (const k of NUMERIC) columns[`picard.wgs.${k.toLowerCase()}` as ToolColumn<"picard">] = r[k as keyof WgsMetrics];
    return { columns, note: rows.length > 1 ? `WgsMetrics: ${rows.length} rows, wide row takes the first` : undefined };
  },
};
