/**
 * Which files belong to which parser: ONE declarative table (MultiQC's `search_patterns.yaml`).
 * Entries are tried in order; the first whose filename globs AND content strings all match wins.
 * Callers override or extend it via `collectQc(..., { searchPatterns })`.
 */

/** One detection rule. */
export interface SearchPattern {
  /** Parser key (`fastqc`, `picard`, `samtools/stats`, ...) or a skip key (`skip/...`). */
  readonly key: string;
  /** Filename globs (`*` / `?` / `[...]`), matched against the basename; any may match. */
  readonly fn?: readonly string[];
  /** Strings that must ALL occur within the first `numLines` lines. */
  readonly contents?: readonly string[];
  /** Alternative to `contents`: a regex tested line by line within the first `numLines` lines. */
  readonly contentsRe?: RegExp;
  /** How many leading lines `contents` is searched in (default `DEFAULT_NUM_LINES`). */
  readonly numLines?: number;
  /** For skip keys: why such files are not parsed (goes into the report). */
  readonly reason?: string;
}

/** Default number of leading lines content strings are looked for in. */
export const DEFAULT_NUM_LINES = 40;

/** The default table. Order matters: specific before generic; skips next to what they shadow. */
export const DEFAULT_SEARCH_PATTERNS: readonly SearchPattern[] = [
  // FastQC
  { key: "fastqc", fn: ["*_fastqc.zip"] },
  { key: "fastqc", fn: ["*fastqc_data.txt"], contents: ["##FastQC"], numLines: 2 },
  { key: "skip/fastqc_theoretical_gc", fn: ["*fastqc_theoretical_gc*"], reason: "FastQC theoretical GC reference curve, not a per-sample report" },
  { key: "skip/fastqc_html", fn: ["*_fastqc.html"], reason: "FastQC HTML report: the numbers are read from the sibling *_fastqc.zip" },
  // fastp
  { key: "fastp", fn: ["*.json"], contents: ['"before_filtering"'], numLines: 50 },
  { key: "fastp", fn: ["*fastp*.json"] },
  { key: "skip/fastp_html", fn: ["*fastp*.html"], reason: "fastp HTML report: the numbers are read from the fastp JSON" },
  // samtools
  { key: "samtools/stats", contents: ["This file was produced by samtools stats"], numLines: 5 },
  { key: "samtools/flagstat", contents: ["in total (QC-passed reads + QC-failed reads)"], numLines: 5 },
  { key: "samtools/flagstat", fn: ["*.json"], contents: ['"QC-passed reads"'], numLines: 5 },
  { key: "samtools/markdup", contents: ["COMMAND:", "samtools markdup"], numLines: 2 },
  { key: "samtools/markdup", contents: ['"COMMAND":', "samtools markdup"], numLines: 10 },
  { key: "samtools/ampliconclip", contents: ["COMMAND:", "samtools ampliconclip"], numLines: 11 },
  { key: "samtools/rmdup", contents: ["[bam_rmdup"], numLines: 10 },
  { key: "samtools/coverage", contents: ["#rname\tstartpos\tendpos\tnumreads\tcovbases\tcoverage\tmeandepth"], numLines: 10 },
  { key: "samtools/idxstats", fn: ["*idxstat*"] },
  // GATK
  { key: "gatk/report", contents: ["#:GATKReport."], numLines: 1 },
  { key: "gatk/report", contents: ["#:SENTIEON_QCAL_TABLE"], numLines: 1 },
  { key: "gatk/depthofcoverage", fn: ["*.sample_summary*"], contents: ["sample_id,total,mean"], numLines: 1 },
  { key: "skip/gatk_depthofcoverage_detail", contentsRe: /^(Locus,Total_Depth|Target,total_coverage|Source_of_reads,from_0_to_1|Source_of_reads,at_least_1|Source_of_reads,gte_0|Source_of_reads,cov_)/, numLines: 1, reason: "GATK DepthOfCoverage per-locus/interval/histogram table: the per-sample numbers come from its .sample_summary" },
  { key: "skip/gatk_depthofcoverage_detail", fn: ["*.sample_interval_statistics*", "*.sample_cumulative_coverage_*", "*.sample_statistics*"], numLines: 1, reason: "GATK DepthOfCoverage histogram table: the per-sample numbers come from its .sample_summary" },
  { key: "gatk/analyze_saturation_mutagenesis", fn: ["*.readCounts"], contents: [">>Reads in disjoint pairs evaluated separately:"], numLines: 10 },
  // Picard and its Sentieon / Parabricks / GATK4 look-alikes: one generic parser for all classes
  { key: "picard", contentsRe: /^## METRICS CLASS\s/, numLines: 20 },
  { key: "picard", contents: ["#SentieonCommandLine:", "--algo"], numLines: 2 },
  { key: "picard", contents: ["## htsjdk.samtools.metrics.StringHeader"], numLines: 2 },
  { key: "skip/picard_validatesamfile", fn: ["*[Vv]alidate[Ss]am[Ff]ile*"], reason: "Picard ValidateSamFile error/warning summary: validation counts, not QC metrics used by gwtime" },
  { key: "skip/picard_validatesamfile", fn: ["overview_errors.csv", "overview_warnings.csv"], reason: "ValidateSamFile overview table (not a tool output): not QC metrics used by gwtime" },
  // MultiQC's own outputs
  { key: "multiqc/general_stats", fn: ["multiqc_general_stats.txt"] },
  { key: "multiqc/fastqc", fn: ["multiqc_fastqc.txt"] },
  { key: "multiqc/fastp", fn: ["multiqc_fastp.txt"] },
  { key: "multiqc/data_json", fn: ["multiqc_data.json"] },
  { key: "skip/multiqc_config", fn: ["multiqc_config.y*ml", "*.yaml", "*.yml"], reason: "configuration file, not a QC output" },
];

/** Compile a filename glob (`*`, `?`, `[...]`) to an anchored regex. */
export function globToRegExp(glob: string): RegExp {
  let re = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const j = glob.indexOf("]", i + 1);
      if (j < 0) re += "\\[";
      else {
        re += `[${glob.slice(i + 1, j).replace(/\\/g, "\\\\")}]`;
        i = j;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`${re}$`);
}
