/** MarkDuplicates DuplicationMetrics (Picard, GATK4, MarkDuplicatesSpark, Sentieon Dedup, Parabricks). */
import type { DuplicationMetrics } from "../types";
import { type PicardClassModule, typed } from "./accessor";

const NUMERIC = ["UNPAIRED_READS_EXAMINED", "READ_PAIRS_EXAMINED", "SECONDARY_OR_SUPPLEMENTARY_RDS", "UNMAPPED_READS", "UNPAIRED_READ_DUPLICATES", "READ_PAIR_DUPLICATES", "READ_PAIR_OPTICAL_DUPLICATES", "PERCENT_DUPLICATION", "ESTIMATED_LIBRARY_SIZE"];

/**
 * Wide row: libraries are pooled (sums of examined / duplicate counts, PERCENT_DUPLICATION
 * recomputed as Picard does: (unpaired dups + 2*pair dups) / (unpaired + 2*pairs)); rows with no
 * reads examined (empty libraries) are ignored. One library → its own numbers verbatim.
 */
export const duplication: PicardClassModule<DuplicationMetrics> = {
  metricsClass: "DuplicationMetrics",
  rows: (f) => typed<DuplicationMetrics>(f.rows, NUMERIC, ["LIBRARY"]),
  wide(f) {
    const rows = this.rows(f).filter((r) => (r.UNPAIRED_READS_EXAMINED ?? 0) + (r.READ_PAIRS_EXAMINED ?? 0) > 0);
    if (rows.length === 0) return undefined;
    if (rows.length === 1) {
      const r = rows[0] as DuplicationMetrics;
      return { columns: { "picard.dup.percent_duplication": r.PERCENT_DUPLICATION, "picard.dup.read_pairs_examined": r.READ_PAIRS_EXAMINED, "picard.dup.unpaired_reads_examined": r.UNPAIRED_READS_EXAMINED, "picard.dup.estimated_library_size": r.ESTIMATED_LIBRARY_SIZE, "picard.dup.read_pair_optical_duplicates": r.READ_PAIR_OPTICAL_DUPLICATES } };
    }
    const s = (k: keyof DuplicationMetrics) => rows.reduce((a, r) => a + ((r[k] as number | null) ?? 0), 0);
    const examined = s("UNPAIRED_READS_EXAMINED") + 2 * s("READ_PAIRS_EXAMINED");
    const dups = s("UNPAIRED_READ_DUPLICATES") + 2 * s("READ_PAIR_DUPLICATES");
    return {
      columns: { "picard.dup.percent_duplication": examined > 0 ? dups / examined : null, "picard.dup.read_pairs_examined": s("READ_PAIRS_EXAMINED"), "picard.dup.unpaired_reads_examined": s("UNPAIRED_READS_EXAMINED"), "picard.dup.estimated_library_size": s("ESTIMATED_LIBRARY_SIZE"), "picard.dup.read_pair_optical_duplicates": s("READ_PAIR_OPTICAL_DUPLICATES") },
      note: `DuplicationMetrics: ${rows.length} libraries pooled in the wide row`,
    };
  },
};
