/** `samtools stats`: SN summary numbers plus the IS and COV histograms. Pure. */
import { GwtInputError } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import { cleanSampleName } from "../sampleName";
import { IssueSink } from "../issues";
import { baseName, cell, cellProblem, splitLines } from "../text";
import type { SamtoolsStats } from "../types";
import type { ToolColumns } from "../vocabulary";


/**
 * Parse `samtools stats` output. Sample name = file name (the command line names the BAM, but
 * MultiQC and gwtime use the file name so outputs of one BAM under several filters stay apart).
 */
export function parse(text: string, file: string, options: ParseOptions = {}): SamtoolsStats {
  const lines = splitLines(text);
  if (lines.length === 0) throw new GwtInputError("empty file", { file });
  const version = /samtools stats \(([^)]+)\)/.exec(lines[0] ?? "")?.[1] ?? null;
  const sn: Record<string, number> = {};
  const insertSizes: [number, number][] = [];
  const coverage: [number, number][] = [];
  const sink = new IssueSink();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.startsWith("SN\t")) {
      const parts = l.split("\t");
      const key = (parts[1] ?? "").replace(/:$/, "").trim();
      // Every SN value is a count, a length, a rate or a quality: a negative or non-finite one is left out and reported.
      if (cellProblem(parts[2]) === undefined && typeof cell(parts[2]) !== "number") throw new GwtInputError(`SN value is not a number: '${parts[2] ?? ""}'`, { file, line: i + 1, field: key });
      const v = sink.num(parts[2], key, i + 1, "count");
      if (v !== null) sn[key] = v;
    } else if (l.startsWith("IS\t")) {
      const p = l.split("\t");
      insertSizes.push([Number(p[1]), Number(p[2])]);
    } else if (l.startsWith("COV\t")) {
      const p = l.split("\t");
      coverage.push([Number(p[2]), Number(p[3])]);
    }
  }
  if (Object.keys(sn).length === 0) throw new GwtInputError("no 'SN' summary lines (file truncated?)", { file });
  const sampleRaw = baseName(file);
  return { kind: "samtools/stats", file, sampleRaw, sample: cleanSampleName(sampleRaw, options), version, sn, insertSizes, coverage, ...sink.field() };
}

const pct = (a: number | undefined, b: number | undefined): number | null => (a !== undefined && b ? (100 * a) / b : null);

/**
 * Wide columns. `soft_clipped_bases_pct` = 100 · (bases mapped − bases mapped (cigar)) / bases
 * mapped: SN "bases mapped" counts whole read lengths of mapped reads, "(cigar)" only M/I/=/X, so
 * the difference is the soft-clipped bases. `error_rate` is SN's (mismatches / bases mapped cigar).
 */
export function wide(r: SamtoolsStats): ToolColumns<"samtools"> {
  const s = r.sn;
  return {
    "samtools.raw_total_sequences": s["raw total sequences"] ?? null,
    "samtools.reads_mapped": s["reads mapped"] ?? null,
    "samtools.reads_mapped_pct": pct(s["reads mapped"], s["sequences"] ?? s["raw total sequences"]),
    "samtools.reads_properly_paired_pct": pct(s["reads properly paired"], s["sequences"] ?? s["raw total sequences"]),
    "samtools.reads_duplicated_pct": pct(s["reads duplicated"], s["sequences"] ?? s["raw total sequences"]),
    "samtools.reads_mq0_pct": pct(s["reads MQ0"], s["reads mapped"]),
    "samtools.error_rate": s["error rate"] ?? null,
    "samtools.average_length": s["average length"] ?? null,
    "samtools.average_quality": s["average quality"] ?? null,
    "samtools.insert_size_average": s["insert size average"] ?? null,
    "samtools.insert_size_standard_deviation": s["insert size standard deviation"] ?? null,
    "samtools.bases_mapped_cigar": s["bases mapped (cigar)"] ?? null,
    "samtools.soft_clipped_bases_pct":
      s["bases mapped"] !== undefined && s["bases mapped (cigar)"] !== undefined && s["bases mapped"] > 0
        ? (100 * Math.max(0, s["bases mapped"] - s["bases mapped (cigar)"])) / s["bases mapped"]
        : null,
  };
}
