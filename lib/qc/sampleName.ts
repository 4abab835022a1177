/**
 * Sample-name cleaning, in one place (MultiQC's `fn_clean_exts` / `fn_clean_trim`, simplified).
 * Every parser keeps the raw name and calls `cleanSampleName` once; override the rules via options.
 */
import { basename, dirname } from "node:path";
import { baseName } from "./text";

/** One cleaning rule: a literal suffix/substring to cut at, or a regex whose match is removed. */
export type SampleNameRule = { readonly truncateAt: string } | { readonly remove: RegExp };

/**
 * Default rules, applied in order until none changes the name. Literal `truncateAt` rules cut the
 * name at the first occurrence (as MultiQC does for `.gz`, `.fastq`, `_fastqc`, ...).
 */
export const DEFAULT_SAMPLE_NAME_RULES: readonly SampleNameRule[] = [
  { truncateAt: ".gz" },
  { truncateAt: ".fastq" },
  { truncateAt: ".fq" },
  { truncateAt: ".bam" },
  { truncateAt: ".cram" },
  { truncateAt: ".sam" },
  { truncateAt: "_fastqc" },
  { truncateAt: ".fastp" },
  { truncateAt: "_fastp" },
  { truncateAt: ".sorted" },
  { truncateAt: "_sorted" },
  { truncateAt: "_srtd" },
  { truncateAt: ".dedup" },
  { truncateAt: ".mdup" },
  { truncateAt: "_val_1" },
  { truncateAt: "_val_2" },
  { truncateAt: "_trimmed" },
  { truncateAt: ".trimmed" },
  { truncateAt: "_bismark" },
  { truncateAt: "_bowtie" },
  { truncateAt: "_star_aligned" },
  { truncateAt: "_samtools_stats" },
  { remove: /\.(txt|tsv|csv|json|log|metrics|table|zip|html)$/i },
  { remove: /\.(varianteval|eval|vcf|readCounts|recal_data|sample_summary)$/i },
  { remove: /\.(flagstat|idxstats|stats|markdup|insert_size_metrics|alignment_summary_metrics|wgs_metrics|gc_bias_metrics|dup_metrics|hs_metrics)$/i },
  { remove: /_001$/ },
  { remove: /_R[12]$/ },
];

/** Options for `cleanSampleName`. */
export interface SampleNameOptions {
  /** Replace the default rules. */
  readonly rules?: readonly SampleNameRule[];
  /** Keep the directory part of a path-like name (default false: basename only). */
  readonly keepDirs?: boolean;
}

/**
 * Clean a raw sample name: basename, then the rules until a fixpoint. Never returns "": a name
 * that would clean to nothing stays as its basename. Pure.
 * @example cleanSampleName("SRR1067503_1.fastq.gz") // "SRR1067503"
 */
export function cleanSampleName(raw: string, options: SampleNameOptions = {}): string {
  const rules = options.rules ?? DEFAULT_SAMPLE_NAME_RULES;
  const start = (options.keepDirs ? raw : baseName(raw.replace(/[\\/]+$/, ""))).trim();
  let name = start;
  for (let guard = 0; guard < 20; guard++) {
    const before = name;
    for (const r of rules) {
      if ("truncateAt" in r) {
        const i = name.indexOf(r.truncateAt);
        if (i > 0) name = name.slice(0, i);
      } else {
        const next = name.replace(r.remove, "");
        if (next !== "") name = next;
      }
    }
    if (name === before) break;
  }
  return name === "" ? start : name;
}

/** Mate (read 1/2) suffix of a raw name, if any: `_R1`, `_1`, `_R2_001`, `_val_2`. */
export function mateOf(raw: string): 1 | 2 | undefined {
  const m = /[._](?:R|val_)?([12])(?:_001)?(?:[._]|$)/.exec(baseName(raw));
  return m ? (m[1] === "1" ? 1 : 2) : undefined;
}

/**
 * The sample a file belongs to when every folder is one sample (the harness layout
 * `runs/<run>/qc/<file>`): the file's folder, or its parent when the folder is named `qc` / `metrics`.
 * @example sampleDirName("runs/r0001/qc/reads_R1_fastqc.zip") // "r0001"
 */
export function sampleDirName(file: string): string {
  const d = dirname(file);
  const b = basename(d);
  return b === "qc" || b === "metrics" ? basename(dirname(d)) : b;
}

const MATE = /^(.*?)_R?([12])$/;

/**
 * Mate names of one table: `X_1`/`X_2` (or `X_R1`/`X_R2`) whose partner is among `names` map to their
 * stem `X` (the read files of one sample, as MultiQC's FastQC and general-statistics tables list them);
 * other names are not in the map.
 * @example mateStems(["A_1", "A_2", "B_1"]) // Map { "A_1" => "A", "A_2" => "A" }
 */
export function mateStems(names: Iterable<string>): Map<string, string> {
  const all = new Set(names);
  const out = new Map<string, string>();
  for (const n of all) {
    const m = MATE.exec(n);
    if (m && all.has(`${n.slice(0, -1)}${m[2] === "1" ? "2" : "1"}`)) out.set(n, m[1] as string);
  }
  return out;
}
