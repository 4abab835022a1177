/**
 * The generic Picard metrics format: `## METRICS CLASS` table (+ optional `## HISTOGRAM`), for any
 * class, and the Sentieon (`#SentieonCommandLine: ... --algo X`) and Parabricks look-alikes. A file
 * may hold several sections (concatenated outputs); each becomes one `PicardMetricsFile`. Pure.
 */
import { GwtInputError } from "../../util/errors";
import { cleanSampleName, type SampleNameOptions } from "../sampleName";
import { LineIndex, baseName, cell, defineLazy } from "../text";
import type { Cell, MetricsRow, PicardMetricsFile } from "../types";


/** Options shared by the parsers: sample-name source and cleaning. */
export interface ParseOptions extends SampleNameOptions {
  /** Take the sample name from the file name instead of the tool's INPUT / Filename field. */
  readonly sampleNameFromFilename?: boolean;
}

/** Class names written with their canonical case (some tools write e.g. `rnaseqmetrics`). */
const KNOWN_CLASSES = ["AlignmentSummaryMetrics", "DuplicationMetrics", "InsertSizeMetrics", "WgsMetrics", "HsMetrics", "GcBiasSummaryMetrics", "GcBiasDetailMetrics", "RnaSeqMetrics", "QualityYieldMetrics"];

/** Infer a metrics class from a header, for Sentieon files that do not name one. */
export function inferMetricsClass(header: readonly string[], algo: string | null): string {
  const h = new Set(header);
  if (h.has("CATEGORY") && h.has("PF_READS_ALIGNED")) return "AlignmentSummaryMetrics";
  if (h.has("PERCENT_DUPLICATION")) return "DuplicationMetrics";
  if (h.has("MEDIAN_INSERT_SIZE")) return "InsertSizeMetrics";
  if (h.has("BAIT_SET")) return "HsMetrics";
  if (h.has("GENOME_TERRITORY") && h.has("MEAN_COVERAGE")) return "WgsMetrics";
  if (h.has("AT_DROPOUT")) return "GcBiasSummaryMetrics";
  if (h.has("GC") && h.has("NORMALIZED_COVERAGE")) return "GcBiasDetailMetrics";
  if (h.has("PCT_MRNA_BASES")) return "RnaSeqMetrics";
  if (h.has("Q30_BASES") && h.has("TOTAL_BASES")) return "QualityYieldMetrics";
  if (h.has("CYCLE") && h.has("MEAN_QUALITY")) return "MeanQualityByCycle";
  if (h.has("QUALITY") && (h.has("COUNT_OF_Q") || h.has("COUNT_OF_ORIGINAL_Q"))) return "QualityScoreDistribution";
  if (h.has("QUALITY") && h.has("COUNT_OF_Q")) return "QualityScoreDistribution";
  if (h.has("READ_END") && h.has("PCT_A")) return "BaseDistributionByCycleMetrics";
  return algo ?? "Unknown";
}

/** The BAM/SAM input named on a Picard / GATK4 / Sentieon command line, if any. */
export function inputFromCommandLine(cmd: string): string | undefined {
  const m =
    /(?:^|\s)(?:INPUT|I)=\[?([^\s\],]+)/.exec(cmd) ??
    /(?:^|\s)(?:--INPUT|-I|--input)[ =]\[?([^\s\],]+)/.exec(cmd) ??
    /(?:^|\s)-i\s+(\S+)/.exec(cmd);
  return m?.[1];
}

function program(cmd: string | null, sentieonAlgo: string | null): string | null {
  if (sentieonAlgo) return sentieonAlgo;
  if (!cmd) return null;
  const first = cmd.trim().split(/\s+/)[0] ?? "";
  const p = first.split(".").pop() ?? first;
  return p === "" ? null : p;
}

function splitRow(line: string): string[] {
  const cells = line.split("\t");
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

/**
 * Parse Picard-format metrics text.
 * @param text the whole file
 * @param file path (for messages and the fallback sample name)
 * @param options sample-name options
 * @returns one record per metrics section; a header without any section throws GwtInputError
 */
export function parse(text: string, file: string, options: ParseOptions = {}): PicardMetricsFile[] {
  const lines = new LineIndex(text);
  const out: PicardMetricsFile[] = [];
  let commandLine: string | null = null;
  let sentieonAlgo: string | null = null;
  let flavour: "picard" | "sentieon" = "picard";
  let sawStringHeader = false;
  let expectCmd = false;
  let i = 0;

  const readTable = (start: number, what: string): { header: string[]; rows: string[][]; next: number; line: number } => {
    let j = start;
    while (j < lines.length && lines.blank(j)) j++;
    if (j >= lines.length || lines.startsWith(j, "#"))
      throw new GwtInputError(`${what} has no header row (file truncated?)`, { file, line: start });
    const header = splitRow(lines.line(j)).map((h) => h.trim());
    const headerLine = j + 1;
    const rows: string[][] = [];
    for (j++; j < lines.length; j++) {
      const l = lines.line(j);
      if ((l.trim() === "" && !l.includes("\t")) || l.startsWith("#")) break;
      const r = splitRow(l);
      if (r.length === header.length && r.every((c, k) => c.trim() === header[k])) continue; // repeated header (merged files)
      if (r.length > header.length)
        throw new GwtInputError(`row has ${r.length} cells but the header has ${header.length}`, { file, line: j + 1 });
      rows.push(r);
    }
    return { header, rows, next: j, line: headerLine };
  };

  while (i < lines.length) {
    // Only '#' lines start or name sections; data lines outside a section are skipped unread.
    if (!lines.startsWith(i, "#")) {
      i++;
      continue;
    }
    const l = lines.line(i);
    if (l.startsWith("## htsjdk.samtools.metrics.StringHeader")) {
      sawStringHeader = true;
      expectCmd = true;
      i++;
      continue;
    }
    if (l.startsWith("#SentieonCommandLine:")) {
      commandLine = l.slice("#SentieonCommandLine:".length).trim();
      sentieonAlgo = /--algo\s+(\S+)/.exec(commandLine)?.[1] ?? null;
      flavour = "sentieon";
      const t = readTable(i + 1, `Sentieon ${sentieonAlgo ?? "metrics"} section`);
      const metricsClass = inferMetricsClass(t.header, sentieonAlgo);
      i = t.next;
      const section = build(metricsClass, t, i);
      out.push(section.rec);
      i = section.next;
      continue;
    }
    if (/^## HISTOGRAM/.test(l)) {
      // A histogram-only output (MeanQualityByCycle, QualityScoreDistribution, MarkIlluminaAdapters).
      const prog = program(commandLine, null);
      let h = i + 1;
      while (h < lines.length && lines.blank(h)) h++;
      const hh = splitRow(h < lines.length ? lines.line(h) : "");
      const inferred = inferMetricsClass(hh, null);
      const cls = inferred !== "Unknown" ? inferred : hh.includes("clipped_bases") ? "MarkIlluminaAdapters" : (prog ?? "Unknown");
      const section = build(`${cls}Histogram`, { header: [], rows: [], line: i + 1 }, i);
      out.push(section.rec);
      i = section.next;
      continue;
    }
    if (l.startsWith("## METRICS CLASS")) {
      const cls = l.slice("## METRICS CLASS".length).trim();
      const bare = cls.split(/\s+/)[0]?.split(".").pop()?.split("$").pop() ?? cls;
      const metricsClass = KNOWN_CLASSES.find((k) => k.toLowerCase() === bare.toLowerCase()) ?? bare;
      if (metricsClass === "") throw new GwtInputError("'## METRICS CLASS' names no class", { file, line: i + 1 });
      const t = readTable(i + 1, `metrics class ${metricsClass}`);
      const section = build(metricsClass, t, t.next);
      out.push(section.rec);
      i = section.next;
      continue;
    }
    if (l.startsWith("# ") && !l.startsWith("# Started on") && (expectCmd || commandLine === null)) {
      commandLine = l.slice(2).trim();
      expectCmd = false;
    }
    i++;
  }
  if (out.length === 0) {
    if (lines.length === 0) throw new GwtInputError("empty file", { file });
    throw new GwtInputError(
      sawStringHeader ? "Picard header but no '## METRICS CLASS' section (tool wrote no metrics; truncated?)" : "no Picard '## METRICS CLASS' section",
      { file, line: 1 },
    );
  }
  return out;

  function build(metricsClass: string, t: { header: string[]; rows: string[][]; line: number }, from: number): { rec: PicardMetricsFile; next: number } {
    const rows: MetricsRow[] = t.rows.map((r) => {
      const o: MetricsRow = {};
      t.header.forEach((h, k) => {
        if (h !== "") o[h] = cell(r[k]);
      });
      return o;
    });
    // An optional histogram right after the table.
    let j = from;
    while (j < lines.length && lines.blank(j)) j++;
    let histogram: { from: number; to: number } | undefined;
    const marked = j < lines.length && lines.startsWith(j, "#") && /^##? ?HISTOGRAM/.test(lines.line(j));
    // Sentieon writes its histogram straight after a blank line, without a HISTOGRAM marker.
    const bare = !marked && flavour === "sentieon" && j < lines.length && !lines.startsWith(j, "#");
    if (marked || bare) {
      let k = marked ? j + 1 : j;
      while (k < lines.length && lines.blank(k)) k++;
      if (k < lines.length && !lines.startsWith(k, "#")) {
        // Histograms can be 100k lines (HsMetrics per-base coverage): find the end by scanning
        // in place; the rows are split and converted only when `histogram` is read.
        const from = k;
        for (k++; k < lines.length; k++) if (lines.blank(k) || lines.startsWith(k, "#")) break;
        histogram = { from, to: k };
      }
      j = k;
    }
    const input = commandLine ? inputFromCommandLine(commandLine) : undefined;
    const sampleRaw = !options.sampleNameFromFilename && input ? baseName(input) : baseName(file);
    const rec: PicardMetricsFile = {
      kind: `picard/${metricsClass}`,
      file,
      sampleRaw,
      sample: cleanSampleName(sampleRaw, options),
      program: program(commandLine, flavour === "sentieon" ? sentieonAlgo : null),
      metricsClass,
      commandLine,
      flavour,
      header: t.header.filter((h) => h !== ""),
      rows,
      line: t.line,
      ...(histogram ? { histogram: undefined } : {}),
    };
    if (histogram) {
      const { from, to } = histogram;
      defineLazy(rec, "histogram", () => {
        const header = splitRow(lines.line(from)).map((h) => h.trim());
        const rows: Cell[][] = [];
        for (let k = from + 1; k < to; k++) rows.push(splitRow(lines.line(k)).map(cell));
        return { header, rows };
      });
    }
    return { rec, next: j };
  }
}
