/** CollectAlignmentSummaryMetrics (also Sentieon AlignmentStat, Parabricks). */
import type { AlignmentSummaryMetrics, PicardMetricsFile } from "../types";
import { allReads, pick, type PicardClassModule, typed } from "./accessor";

const NUMERIC = ["TOTAL_READS", "PF_READS", "PF_READS_ALIGNED", "PCT_PF_READS_ALIGNED", "PF_ALIGNED_BASES", "PF_MISMATCH_RATE", "PF_HQ_ERROR_RATE", "PF_INDEL_RATE", "MEAN_READ_LENGTH", "PCT_READS_ALIGNED_IN_PAIRS", "STRAND_BALANCE", "PCT_CHIMERAS", "PCT_ADAPTER"];

/** Category preference for the wide row: PAIR, else UNPAIRED, else FIRST_OF_PAIR. */
export const CATEGORY_PREFERENCE = ["PAIR", "UNPAIRED", "FIRST_OF_PAIR"] as const;

export const alignmentSummary: PicardClassModule<AlignmentSummaryMetrics> = {
  metricsClass: "AlignmentSummaryMetrics",
  rows: (f: PicardMetricsFile) => typed<AlignmentSummaryMetrics>(f.rows, NUMERIC, ["CATEGORY", "SAMPLE", "LIBRARY", "READ_GROUP"]),
  wide(f) {
    const rows = allReads(this.rows(f));
    const r = pick(rows, "CATEGORY", CATEGORY_PREFERENCE);
    if (!r) return undefined;
    return {
      columns: {
        "picard.aln.category": r.CATEGORY,
        "picard.aln.total_reads": r.TOTAL_READS,
        "picard.aln.pf_reads_aligned": r.PF_READS_ALIGNED,
        "picard.aln.pct_pf_reads_aligned": r.PCT_PF_READS_ALIGNED,
        "picard.aln.pf_aligned_bases": r.PF_ALIGNED_BASES,
        "picard.aln.pf_mismatch_rate": r.PF_MISMATCH_RATE,
        "picard.aln.pf_hq_error_rate": r.PF_HQ_ERROR_RATE,
        "picard.aln.pf_indel_rate": r.PF_INDEL_RATE,
        "picard.aln.mean_read_length": r.MEAN_READ_LENGTH,
        "picard.aln.pct_chimeras": r.PCT_CHIMERAS,
        "picard.aln.pct_adapter": r.PCT_ADAPTER,
        "picard.aln.strand_balance": r.STRAND_BALANCE,
      },
      note: rows.length > 1 ? `AlignmentSummaryMetrics: ${rows.length} categories, wide row takes CATEGORY=${r.CATEGORY}` : undefined,
    };
  },
};
