/** GATK DepthOfCoverage `.sample_summary` and AnalyzeSaturationMutagenesis `.readCounts`. Pure. */
import { GwtInputError } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import { cleanSampleName } from "../sampleName";
import { IssueSink } from "../issues";
import { splitLines } from "../text";
import type { DepthOfCoverageSummary, SaturationMutagenesisCounts } from "../types";
import { baseName } from "../text";
import type { ToolColumns } from "../vocabulary";


/** One record per sample row (the "Total" row is dropped). Sample name = `sample_id`. */
export function parseSampleSummary(text: string, file: string, options: ParseOptions = {}): DepthOfCoverageSummary[] {
  const lines = splitLines(text);
  const header = (lines[0] ?? "").split(",");
  if (header[0] !== "sample_id") throw new GwtInputError("expected a 'sample_id,...' header", { file, line: 1 });
  const out: DepthOfCoverageSummary[] = [];
  for (let i = 1; i < lines.length; i++) {
    const p = (lines[i] as string).split(",");
    if (p.length === 1 && p[0] === "") continue;
    if (p.length !== header.length) throw new GwtInputError(`row has ${p.length} cells, header ${header.length}`, { file, line: i + 1 });
    if (p[0] === "Total") continue;
    // Depths, totals and percentages: a negative or non-finite one is left missing and reported.
    const sink = new IssueSink();
    const row = new Map(header.map((h, k) => [h, k === 0 ? null : sink.num(p[k], h, i + 1, "count")]));
    const pctBasesAbove: Record<string, number | null> = {};
    for (const h of header) {
      const m = /^%_bases_above_(\d+)$/.exec(h);
      if (m) pctBasesAbove[m[1] as string] = row.get(h) ?? null;
    }
    const sampleRaw = options.sampleNameFromFilename ? baseName(file) : (p[0] as string);
    out.push({ kind: "gatk/depthofcoverage", file, sampleRaw, sample: cleanSampleName(sampleRaw, options), total: row.get("total") ?? null, mean: row.get("mean") ?? null, granularMedian: row.get("granular_median") ?? null, pctBasesAbove, ...sink.field() });
  }
  if (out.length === 0) throw new GwtInputError("no sample rows", { file });
  return out;
}

/** Wide columns: mean depth and the highest `%_bases_above_N` threshold present. */
export function wideDoc(r: DepthOfCoverageSummary): ToolColumns<"gatk"> & { [k: `gatk.doc.pct_bases_above_${string}`]: number | null } {
  const cols: ToolColumns<"gatk"> & { [k: `gatk.doc.pct_bases_above_${string}`]: number | null } = { "gatk.doc.mean_coverage": r.mean, "gatk.doc.total_bases": r.total, "gatk.doc.granular_median": r.granularMedian };
  for (const [k, v] of Object.entries(r.pctBasesAbove)) cols[`gatk.doc.pct_bases_above_${k}`] = v;
  return cols;
}

/** AnalyzeSaturationMutagenesis `.readCounts`: `>`-indented `label:<TAB>count<TAB>pct%` lines. */
export function parseReadCounts(text: string, file: string, options: ParseOptions = {}): SaturationMutagenesisCounts {
  const counts: { label: string; depth: number; count: number; pct: number | null }[] = [];
  splitLines(text).forEach((l, i) => {
    if (l.trim() === "") return;
    const m = /^(>*)([^\t]+):\t(\d+)\t([\d.]+)%?$/.exec(l);
    if (!m) throw new GwtInputError(`expected 'label:<TAB>count<TAB>pct%', got '${l.slice(0, 60)}'`, { file, line: i + 1 });
    counts.push({ label: (m[2] as string).trim(), depth: (m[1] as string).length, count: Number(m[3]), pct: Number(m[4]) });
  });
  if (counts.length === 0) throw new GwtInputError("empty file", { file });
  const sampleRaw = baseName(file);
  return { kind: "gatk/analyze_saturation_mutagenesis", file, sampleRaw, sample: cleanSampleName(sampleRaw, options), counts };
}
