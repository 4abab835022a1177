/**
 * Which sample a task ran on and which sample a QC row describes, by the naming conventions of the
 * workflow systems and QC tools (declared here, in one place). Pure: names in, candidate keys out;
 * the join (./join.ts) picks the first candidate that exists on the other side.
 */
import type { TaskRun } from "../traces/schema";

/** A candidate sample key and the convention that produced it (shown in the join report). */
export interface NameCandidate {
  readonly key: string;
  readonly rule: string;
}

/**
 * The tag of a Nextflow task name, `PROC (TAG)`: the last parenthesised group, as nf-core prints
 * `meta.id` (e.g. `NFCORE_SAREK:SAREK:FASTQ_ALIGN_BWAMEM:BWAMEM1_MEM (patient1_tumor)` → `patient1_tumor`).
 * @example nextflowTag("NFCORE_X:X:FASTQC (LD1A1)") // "LD1A1"
 */
export function nextflowTag(name: string): string | undefined {
  const m = /\(([^()]*)\)\s*$/.exec(name);
  const t = m?.[1]?.trim();
  return t ? t : undefined;
}

/** Path parts of a file, split at folders and at the `.`, `_`, `-` separators Snakemake wildcards sit between. */
function tokenRuns(path: string): string[] {
  const out: string[] = [];
  for (const seg of path.split(/[\\/]+/).filter((s) => s !== "")) {
    const stem = seg.replace(/\.(tsv|txt|benchmark)$/i, "");
    out.push(stem);
    // every contiguous run of separator-delimited tokens: "bwa_mem.S1_L001" → "S1_L001", "S1", ...
    const parts = stem.split(/([._-])/);
    const tokens: number[] = [];
    for (let i = 0; i < parts.length; i += 2) tokens.push(i);
    for (let a = 0; a < tokens.length; a++) {
      for (let b = a; b < tokens.length; b++) {
        const s = parts.slice(tokens[a], (tokens[b] as number) + 1).join("");
        if (s !== "" && s !== stem) out.push(s);
      }
    }
  }
  return out;
}

/**
 * Candidate sample keys of one task, best first:
 * 1. the trace's own sample field (Nextflow `tag`, Snakemake benchmark `wildcards`, the harness
 *    run folder `runs/<id>/benchmarks/`);
 * 2. the Nextflow name's `(TAG)`;
 * 3. for Snakemake benchmark files without a `wildcards` column: the parts of the file path
 *    (`benchmarks/bwa/{sample}.tsv`, `benchmarks/{sample}.bwa.txt`) — the join keeps the part
 *    that is a QC sample name.
 * `file` is the trace file the task came from.
 */
export function taskCandidates(run: Pick<TaskRun, "sample" | "raw" | "source">, file: string): NameCandidate[] {
  const out: NameCandidate[] = [];
  const seen = new Set<string>();
  const add = (key: string | undefined, rule: string): void => {
    const k = key?.trim();
    if (!k || seen.has(k)) return;
    seen.add(k);
    out.push({ key: k, rule });
  };
  add(run.sample, run.source === "snakemake" ? "trace sample (wildcards / run folder)" : "trace tag");
  const name = run.raw["name"];
  if (name !== undefined) add(nextflowTag(name), "task name (TAG)");
  if (run.source === "snakemake" && out.length === 0) for (const t of tokenRuns(file)) add(t, "benchmark file name");
  return out;
}

/**
 * Suffixes QC tools add to a sample name, stripped one at a time from the right (declared, in order):
 * FastQC/fastp mates `_1`/`_2`/`_R1`/`_R2`, nf-core BAM stages `.md`, `.recal`, `.sorted`, `.dedup`,
 * and any other `.x` (e.g. `.haplotypecaller.filtered`). A QC row joins the first of its name's
 * candidates that is a task's sample; a mate suffix marks the row as one mate (mates are averaged).
 */
export const QC_SUFFIX_RULES: ReadonlyArray<{ readonly re: RegExp; readonly rule: string; readonly mate?: boolean }> = [
  { re: /[._]R?[12](?:_001)?$/, rule: "mate suffix", mate: true },
  { re: /\.(md|recal|sorted|dedup|markdup|mdup)$/, rule: "BAM stage suffix" },
  { re: /\.[^.]+$/, rule: "dotted suffix" },
];

/** Candidate keys of one QC sample name, best first (the name, then with suffixes stripped); `mate` when a mate suffix was cut. */
export function qcCandidates(name: string): Array<NameCandidate & { readonly mate: boolean }> {
  const out: Array<NameCandidate & { mate: boolean }> = [{ key: name, rule: "exact", mate: false }];
  let cur = name;
  let mate = false;
  const rules: string[] = [];
  for (let guard = 0; guard < 8; guard++) {
    const r = QC_SUFFIX_RULES.find((x) => x.re.test(cur) && cur.replace(x.re, "") !== "");
    if (!r) break;
    const m = r.re.exec(cur)?.[0] ?? "";
    cur = cur.slice(0, cur.length - m.length);
    mate = mate || r.mate === true;
    rules.push(`${r.rule} '${m}'`);
    out.push({ key: cur, rule: rules.join(" + "), mate });
  }
  return out;
}
