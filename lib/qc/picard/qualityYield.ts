/** CollectQualityYieldMetrics. */
import type { QualityYieldMetrics } from "../types";
import { type PicardClassModule, typed } from "./accessor";

const NUMERIC = ["TOTAL_READS", "PF_READS", "READ_LENGTH", "TOTAL_BASES", "PF_BASES", "Q20_BASES", "PF_Q20_BASES", "Q30_BASES", "PF_Q30_BASES"];

/** Wide row: totals plus `picard.qy.pct_q30_bases` = 100 · Q30_BASES / TOTAL_BASES (percent). */
export const qualityYield: PicardClassModule<QualityYieldMetrics> = {
  metricsClass: "QualityYieldMetrics",
  rows: (f) => typed<QualityYieldMetrics>(f.rows, NUMERIC, []),
  wide(f) {
    const r = this.rows(f)[0];
    if (!r) return undefined;
    const pct = r.Q30_BASES !== null && r.TOTAL_BASES ? (100 * r.Q30_BASES) / r.TOTAL_BASES : null;
    return { columns: { "picard.qy.total_reads": r.TOTAL_READS, "picard.qy.total_bases": r.TOTAL_BASES, "picard.qy.read_length": r.READ_LENGTH, "picard.qy.pct_q30_bases": pct } };
  },
};
