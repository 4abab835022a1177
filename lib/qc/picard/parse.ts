/**
 * The generic Picard metrics format: `## METRICS CLASS` table (+ optional `## HISTOGRAM`), for any
 * class, and the Sentieon (`#SentieonCommandLine: ... --algo X`) and Parabricks look-alikes. A file
 * may hold several sections (concatenated outputs); each becomes one `PicardMetricsFile`. Pure.
 */
import { GwtInputError } from "../../util/errors";
import { IssueSink } from "../issues";
import { cleanSampleName, type SampleNameOptions } from "../sampleName";
import { LineIndex, baseName, cell, defineLazy, normalizeText } from "../text";
import type { Cell, MetricsRow, PicardMetricsFile } from "../types";


/** Options shared by the parsers: sample-name source and cleaning. */
export interface ParseOptions extends SampleNameOptions {
  /** Take the sample name from the file name instead of the tool's INPUT / Filename field. */
  readonly sampleNameFromFilename?: boolean;
  /** Zip members (FastQC zips) inflating beyond this many bytes are skipped, never inflated (default 256 MiB). */
  readonly maxInflatedBytes?: number;
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

/**
 * Columns that hold a count, a size, a length or a share (never negative in any Picard class): a
 * negative value there is refused with an issue. Signed columns (LOD scores, OXIDATION_Q, lanes,
 * HS_PENALTY_* written as -1) do not match. Checked on every Picard file of multiqc-test-data.
 */
const COUNT_COLUMN = /(^(TOTAL|PF|PCT|PERCENT)_)|((READS|BASES|PAIRS|DUPLICATES|_COUNT|LIBRARY_SIZE|INSERT_SIZE|READ_LENGTH|COVERAGE|TERRITORY)$)/;

/** True when a Picard column can hold only values >= 0 (see `COUNT_COLUMN`). */
function isCountColumn(name: string): boolean {
  return COUNT_COLUMN.test(name);
}

/** Number of tab-separated cells of a line (trailing empty cells included). */
function cellCount(lines: LineIndex, i: number): number {
  const t = lines.text;
  let n = 1;
  for (let k = lines.start(i), e = lines.end(i); k < e; k++) if (t.charCodeAt(k) === 9) n++;
  return n;
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
export function parse(rawText: string, file: string, options: ParseOptions = {}): PicardMetricsFile[] {
  const text = normalizeText(rawText);
  const lines = new LineIndex(text);
  /** Last line (0-based) that is a data row of a table or histogram: a cut there is checked at the end. */
  let lastDataLine = -1;
  const out: PicardMetricsFile[] = [];
  let commandLine: string | null = null;
  let sentieonAlgo: string | null = null;
  let flavour: "picard" | "sentieon" = "picard";
  let sawStringHeader = false;
  let expectCmd = false;
  let i = 0;

  const readTable = (start: number, what: string): { header: string[]; rows: string[][]; rowLines: number[]; next: number; line: number } => {
    let j = start;
    while (j < lines.length && lines.blank(j)) j++;
    if (j >= lines.length || lines.startsWith(j, "#"))
      throw new GwtInputError(`${what} has no header row (file truncated?)`, { file, line: start });
    const header = splitRow(lines.line(j)).map((h) => h.trim());
    const width = cellCount(lines, j);
    const headerLine = j + 1;
    const rows: string[][] = [];
    const rowLines: number[] = [];
    for (j++; j < lines.length; j++) {
      const l = lines.line(j);
      if ((l.trim() === "" && !l.includes("\t")) || l.startsWith("#")) break;
      const r = splitRow(l);
      if (r.length === header.length && r.every((c, k) => c.trim() === header[k])) continue; // repeated header (merged files)
      if (r.length > header.length)
        throw new GwtInputError(`row has ${r.length} cells but the header has ${header.length}`, { file, line: j + 1 });
      // Picard writes every cell of a row, empty ones too (tabs): fewer cells = a row cut short.
      const n = cellCount(lines, j);
      if (n < width) throw new GwtInputError(`row has ${n} of the header's ${width} cells (file cut inside this row?)`, { file, line: j + 1 });
      rows.push(r);
      rowLines.push(j + 1);
      lastDataLine = j;
    }
    return { header, rows, rowLines, next: j, line: headerLine };
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
      const section = build(`${cls}Histogram`, { header: [], rows: [], rowLines: [], line: i + 1 }, i);
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
  // htsjdk ends every row with a newline: a file that stops inside a data row may have lost the end of its last cell.
  if (lastDataLine >= 0 && lastDataLine === lines.length - 1 && !text.endsWith("\n"))
    throw new GwtInputError("file ends inside a table row, without the final newline Picard writes: the row may be cut (file truncated?)", { file, line: lines.length });
  if (out.length === 0) {
    if (lines.length === 0) throw new GwtInputError("empty file", { file });
    throw new GwtInputError(
      sawStringHeader ? "Picard header but no '## METRICS CLASS' section (tool wrote no metrics; truncated?)" : "no Picard '## METRICS CLASS' section",
      { file, line: 1 },
    );
  }
  return out;

  function build(metricsClass: string, t: { header: string[]; rows: string[][]; rowLines: number[]; line: number }, from: number): { rec: PicardMetricsFile; next: number } {
    const sink = new IssueSink();
    const counts = t.header.map(isCountColumn);
    const rows: MetricsRow[] = t.rows.map((r, ri) => {
      const o: MetricsRow = {};
      t.header.forEach((h, k) => {
        if (h !== "") o[h] = sink.cell(r[k], h, t.rowLines[ri], counts[k] ? "count" : "any");
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
        const width = cellCount(lines, from);
        for (k++; k < lines.length; k++) {
          if (lines.blank(k) || lines.startsWith(k, "#")) break;
          if (cellCount(lines, k) < width) throw new GwtInputError(`histogram row has ${cellCount(lines, k)} of the header's ${width} cells (file cut inside this row?)`, { file, line: k + 1 });
        }
        if (k - 1 > from) lastDataLine = Math.max(lastDataLine, k - 1);
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
      ...sink.field(),
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
