/** fastp `--json` report: before/after filtering summary, filtering result, duplication, adapters, insert size. Pure. */
import { GwtInputError } from "../util/errors";
import { IssueSink } from "./issues";
import type { ParseOptions } from "./picard/parse";
import { cleanSampleName } from "./sampleName";
import { parseTopLevelKeys } from "./jsonScan";
import { baseName } from "./text";
import type { FastpReport, FastpSummary } from "./types";
import type { ToolColumn } from "./vocabulary";


type Json = Record<string, unknown>;
/** The top-level sections `parse` reads. */
const SECTIONS = ["summary", "command", "filtering_result", "insert_size", "adapter_cutting", "duplication"] as const;
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

/** The summary numbers of one stage (`summary.before_filtering` ...): all counts, rates or lengths (never negative). */
function summary(j: Json, path: string, sink: IssueSink): FastpSummary {
  const n = (k: string) => sink.json(j[k], `${path}.${k}`, "count");
  return {
    total_reads: n("total_reads"),
    total_bases: n("total_bases"),
    q20_bases: n("q20_bases"),
    q30_bases: n("q30_bases"),
    q20_rate: n("q20_rate"),
    q30_rate: n("q30_rate"),
    read1_mean_length: n("read1_mean_length"),
    read2_mean_length: n("read2_mean_length"),
    gc_content: n("gc_content"),
  };
}

/** The first input FASTQ on a fastp command line (`-i X` / `--in1 X` / `--in1=X`). */
export function fastpInput(command: string): string | undefined {
  return /(?:^|\s)(?:-i|--in1)(?:\s+|=)(\S+)/.exec(command)?.[1];
}

/**
 * Parse a fastp JSON report. Sample name = basename of the `-i`/`--in1` input on the recorded
 * command, else the file name (MultiQC does the same).
 */
export function parse(text: string, file: string, options: ParseOptions = {}): FastpReport {
  if (text.trim() === "") throw new GwtInputError("empty file", { file });
  // Only the sections read below are built (the per-cycle curves are most of the file); anything
  // but a valid JSON object goes through JSON.parse as a whole, for its exact error or value.
  let j: Json | undefined = parseTopLevelKeys(text, SECTIONS);
  if (!j)
    try {
      j = obj(JSON.parse(text));
    } catch (e) {
      throw new GwtInputError(`invalid JSON: ${(e as Error).message}`, { file });
    }
  const command = typeof j["command"] === "string" ? (j["command"] as string) : null;
  const input = command && !options.sampleNameFromFilename ? fastpInput(command) : undefined;
  return fromSections(j, file, input ? baseName(input) : baseName(file), options);
}

/**
 * A fastp report from its top-level sections (`summary`, `filtering_result`, `duplication`,
 * `insert_size`, `adapter_cutting`, `command`) as fastp's JSON holds them, whoever read them: `parse`
 * (fastp's own JSON) and lib/qc/multiqcTables (MultiQC's `multiqc_fastp.txt`, one row per sample).
 */
export function fromSections(j: Readonly<Record<string, unknown>>, file: string, sampleRaw: string, options: ParseOptions = {}): FastpReport {
  const s = obj(j["summary"]);
  if (!("before_filtering" in s)) throw new GwtInputError("no summary.before_filtering: not a fastp report", { file, field: "summary" });
  const command = typeof j["command"] === "string" ? (j["command"] as string) : null;
  // Every number gwtime reads is a count, rate or size: negative or non-finite (JSON.parse turns 1e309 into
  // Infinity) → left missing and reported with its JSON path.
  const sink = new IssueSink();
  const filtering: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj(j["filtering_result"]))) {
    const x = sink.json(v, `filtering_result.${k}`, "count");
    if (x !== null) filtering[k] = x;
  }
  const ins = obj(j["insert_size"]);
  const ad = obj(j["adapter_cutting"]);
  const n = (o: Json, path: string, k: string) => sink.json(o[k], `${path}.${k}`, "count");
  return {
    kind: "fastp",
    file,
    sampleRaw,
    sample: cleanSampleName(sampleRaw, options),
    command,
    before: summary(obj(s["before_filtering"]), "summary.before_filtering", sink),
    after: summary(obj(s["after_filtering"]), "summary.after_filtering", sink),
    filtering,
    duplicationRate: n(obj(j["duplication"]), "duplication", "rate"),
    insertSizePeak: n(ins, "insert_size", "peak"),
    insertSizeUnknown: n(ins, "insert_size", "unknown"),
    adapterTrimmedReads: n(ad, "adapter_cutting", "adapter_trimmed_reads"),
    adapterTrimmedBases: n(ad, "adapter_cutting", "adapter_trimmed_bases"),
    ...sink.field(),
  };
}

export function wide(r: FastpReport): Record<ToolColumn<"fastp">, number | null> {
  const total = r.before.total_reads;
  const pct = (v: number | null | undefined) => (v !== null && v !== undefined && total ? (100 * v) / total : null);
  return {
    "fastp.before_total_reads": r.before.total_reads,
    "fastp.before_total_bases": r.before.total_bases,
    "fastp.before_q30_rate": r.before.q30_rate,
    "fastp.before_gc_content": r.before.gc_content,
    "fastp.before_read1_mean_length": r.before.read1_mean_length,
    "fastp.after_total_reads": r.after.total_reads,
    "fastp.after_q30_rate": r.after.q30_rate,
    "fastp.passed_filter_pct": pct(r.filtering["passed_filter_reads"]),
    "fastp.low_quality_pct": pct(r.filtering["low_quality_reads"]),
    "fastp.too_many_n_pct": pct(r.filtering["too_many_N_reads"]),
    "fastp.too_short_pct": pct(r.filtering["too_short_reads"]),
    "fastp.duplication_rate_pct": r.duplicationRate === null ? null : 100 * r.duplicationRate,
    "fastp.adapter_trimmed_reads_pct": pct(r.adapterTrimmedReads),
    "fastp.insert_size_peak": r.insertSizePeak,
  };
}
