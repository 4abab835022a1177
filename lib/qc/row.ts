/**
 * The wide per-sample row, as a plain object type, so features/models can use it without arquero.
 * Its columns are the one vocabulary of `./vocabulary.ts` (units and meanings documented there), each
 * possibly absent when no file gave it; numbers are `number | null` (`picard.aln.category` is text).
 */
import type { Cell } from "./types";
import type { WideColumns } from "./vocabulary";

export type QcSampleRow = {
  /** Cleaned sample name (join key). */
  sample: string;
  /** Raw names this sample was seen under, "; "-joined. */
  sample_raw: string;
  /** How many records (files / sections) contributed. */
  n_records: number;
} & WideColumns;

/** Tool order of column groups in the table. */
export const TOOL_ORDER = ["fastqc", "fastp", "picard", "samtools", "gatk", "multiqc"] as const;

/** A row's value by a column name known only at run time (table writers, generic column loops). */
export function cellOf(row: Readonly<QcSampleRow>, column: string): Cell | undefined {
  return (row as unknown as Readonly<Record<string, Cell | undefined>>)[column];
}
