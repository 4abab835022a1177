/** CollectInsertSizeMetrics (also Sentieon InsertSizeMetricAlgo, Parabricks). */
import type { InsertSizeMetrics } from "../types";
import { allReads, type PicardClassModule, typed } from "./accessor";

const NUMERIC = ["MEDIAN_INSERT_SIZE", "MEDIAN_ABSOLUTE_DEVIATION", "MIN_INSERT_SIZE", "MAX_INSERT_SIZE", "MEAN_INSERT_SIZE", "STANDARD_DEVIATION", "READ_PAIRS"];

/** Wide row: the ALL_READS row with the most READ_PAIRS (FR for standard libraries). */
export const insertSize: PicardClassModule<InsertSizeMetrics> = {
  metricsClass: "InsertSizeMetrics",
  rows: (f) => typed<InsertSizeMetrics>(f.rows, NUMERIC, ["PAIR_ORIENTATION", "SAMPLE", "LIBRARY", "READ_GROUP"]),
  wide(f) {
    const rows = allReads(this.rows(f));
    if (rows.length === 0) return undefined;
    const r = rows.reduce((a, b) => ((b.READ_PAIRS ?? 0) > (a.READ_PAIRS ?? 0) ? b : a));
    return {
      columns: {
        "picard.insert.pair_orientation": r.PAIR_ORIENTATION,
        "picard.insert.median_insert_size": r.MEDIAN_INSERT_SIZE,
        "picard.insert.mean_insert_size": r.MEAN_INSERT_SIZE,
        "picard.insert.standard_deviation": r.STANDARD_DEVIATION,
        "picard.insert.read_pairs": r.READ_PAIRS,
      },
      note: rows.length > 1 ? `InsertSizeMetrics: ${rows.length} orientations, wide row takes PAIR_ORIENTATION=${r.PAIR_ORIENTATION} (most read pairs)` : undefined,
    };
  },
};
