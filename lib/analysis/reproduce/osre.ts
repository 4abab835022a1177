/**
 * Reproduction of the OSRE 2023 midterm DNA-seq analysis (BWA-MEM → samtools view → Picard SortSam →
 * Picard MarkDuplicates on hg19, 10 SRA inputs): Pearson r of a step's elapsed time with its input
 * size and with its output size, per step, next to the published values.
 */
import type { TaskRun } from "../../traces/schema";
import { pearson } from "../stats/correlation";

/** The four steps of the OSRE pipeline and how to recognise them in a task name. */
export interface OsreStep {
  readonly step: string;
  readonly match: RegExp;
  readonly inputR: number;
  readonly outputR: number;
}

/** Published Pearson r (input size, output size) per step. */
export const OSRE_PUBLISHED: readonly OsreStep[] = [
  { step: "BWA-MEM", match: /bwa[_-]?mem/i, inputR: 0.583, outputR: 0.589 },
  { step: "samtools view", match: /samtools[_-]?view/i, inputR: 0.651, outputR: 0.763 },
  { step: "SortSam", match: /sort[_-]?sam/i, inputR: 0.937, outputR: 0.934 },
  { step: "MarkDuplicates", match: /mark[_-]?duplicates/i, inputR: 0.922, outputR: 0.923 },
];

/** One row of the OSRE table. */
export interface OsreRow {
  readonly step: string;
  readonly inputR_ours: number;
  readonly inputR_published: number;
  readonly outputR_ours: number;
  readonly outputR_published: number;
  /** Runs with a finite elapsed time, input size and output size. */
  readonly n: number;
}

/** Options of `osreCorrelations`. */
export interface OsreOptions {
  /**
   * Output size of a run in bytes. Default: the harness trace's `output_bytes` column from `raw`
   * (TaskRun has no output-size field), else `undefined`.
   */
  readonly outputBytes?: (run: TaskRun) => number | undefined;
  /** Steps and their published values (default `OSRE_PUBLISHED`). */
  readonly steps?: readonly OsreStep[];
}

/** `raw.output_bytes` (harness / extended Nextflow trace), as a number. */
export function rawOutputBytes(run: TaskRun): number | undefined {
  const v = run.raw["output_bytes"];
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Pearson r of wall time (`wallS`) with `inputBytes` and with the output size, per OSRE step. Runs are
 * assigned to a step by task name (e.g. "bwa_mem", "samtools_view", "sortsam", "markduplicates");
 * runs missing a value are left out of that step (n counts complete runs). r is NaN below 3 runs
 * or for zero variance. Inputs are not mutated.
 * @example
 * const { runs } = readTrace("data/harness/trace.tsv");
 * osreCorrelations(runs) // [{ step: "BWA-MEM", inputR_ours: 0.9…, inputR_published: 0.583, … }, …]
 */
export function osreCorrelations(runs: readonly TaskRun[], options: OsreOptions = {}): OsreRow[] {
  const out = options.outputBytes ?? rawOutputBytes;
  return (options.steps ?? OSRE_PUBLISHED).map((s) => {
    const t: number[] = [];
    const inp: number[] = [];
    const outp: number[] = [];
    for (const r of runs) {
      if (!s.match.test(r.task)) continue;
      const o = out(r);
      if (r.wallS === undefined || r.inputBytes === undefined || o === undefined) continue;
      if (![r.wallS, r.inputBytes, o].every(Number.isFinite)) continue;
      t.push(r.wallS);
      inp.push(r.inputBytes);
      outp.push(o);
    }
    return { step: s.step, inputR_ours: pearson(inp, t), inputR_published: s.inputR, outputR_ours: pearson(outp, t), outputR_published: s.outputR, n: t.length };
  });
}
