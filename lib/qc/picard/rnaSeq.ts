/** CollectRnaSeqMetrics. */
import type { RnaSeqMetrics } from "../types";
import { type PicardClassModule, typed } from "./accessor";
import type { ToolColumn, ToolColumns } from "../vocabulary";

const NUMERIC = ["PF_BASES", "PF_ALIGNED_BASES", "PCT_RIBOSOMAL_BASES", "PCT_CODING_BASES", "PCT_UTR_BASES", "PCT_INTRONIC_BASES", "PCT_INTERGENIC_BASES", "PCT_MRNA_BASES", "MEDIAN_CV_COVERAGE", "MEDIAN_5PRIME_TO_3PRIME_BIAS"];

/** Wide row: the first (ALL_READS) row. */
export const rnaSeq: PicardClassModule<RnaSeqMetrics> = {
  metricsClass: "RnaSeqMetrics",
  rows: (f) => typed<RnaSeqMetrics>(f.rows, NUMERIC, []),
  wide(f) {
    const r = this.rows(f)[0];
    if (!r) return undefined;
    const columns: ToolColumns<"picard"> = {};
    for (const k of NUMERIC) columns[`picard.rnaseq.${k.toLowerCase()}` as ToolColumn<"picard">] = r[k as keyof RnaSeqMetrics];
    return { columns };
  },
};
