/**
 * MultiQC's own outputs, so a site that already runs MultiQC can feed gwtime directly:
 * `multiqc_general_stats.txt` (TSV, `Sample` column) and `multiqc_data.json`
 * (`report_general_stats_data`: a list of {sample: {metric: value}} per module). Pure.
 */
import { GwtInputError } from "../util/errors";
import type { ParseOptions } from "./picard/parse";
import { cleanSampleName, mateStems } from "./sampleName";
import { cell, splitLines } from "./text";
import type { Cell, MultiqcGeneralStats } from "./types";


/** `multiqc_general_stats.txt`: one record per sample row. */
export function parseGeneralStats(text: string, file: string, options: ParseOptions = {}): MultiqcGeneralStats[] {
  const lines = splitLines(text);
  const header = (lines[0] ?? "").split("\t");
  if (header[0] !== "Sample") throw new GwtInputError("expected a 'Sample' first column", { file, line: 1 });
  const out: MultiqcGeneralStats[] = [];
  const rows = lines.slice(1).map((l) => l.split("\t")).filter((p) => !(p.length === 1 && p[0] === ""));
  // FastQC's rows are per read file (`X_1`, `X_2`): mates with their partner in the table belong to sample X
  const stems = mateStems(rows.map((p) => p[0] as string));
  for (const p of rows) {
    const values: Record<string, Cell> = {};
    header.slice(1).forEach((h, k) => (values[h] = cell(p[k + 1])));
    const sampleRaw = p[0] as string;
    out.push({ kind: "multiqc", file, sampleRaw, sample: cleanSampleName(stems.get(sampleRaw) ?? sampleRaw, options), values });
  }
  if (out.length === 0) throw new GwtInputError("no sample rows", { file });
  return out;
}

/** `multiqc_data.json`: merge every module's general-stats block into one record per sample. */
export function parseDataJson(text: string, file: string, options: ParseOptions = {}): MultiqcGeneralStats[] {
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new GwtInputError(`invalid JSON: ${(e as Error).message}`, { file });
  }
  const blocks = j["report_general_stats_data"];
  // a list of blocks (prefix: the block's index), or (MultiQC 1.2x and later) an object keyed by module anchor (prefix: the anchor)
  const keyed: Array<[string, unknown]> = Array.isArray(blocks) ? blocks.map((b, k) => [String(k), b]) : typeof blocks === "object" && blocks !== null ? Object.entries(blocks) : [];
  if (!Array.isArray(blocks) && keyed.length === 0) throw new GwtInputError("no report_general_stats_data list or object", { file, field: "report_general_stats_data" });
  const bySample = new Map<string, Record<string, Cell>>();
  keyed.forEach(([k, b]) => {
    for (const [s, metrics] of Object.entries((b ?? {}) as Record<string, unknown>)) {
      const v = bySample.get(s) ?? {};
      // MultiQC ≥1.20 nests by sample group: {group: [{sample, data}]}; older: {sample: {metric: value}}.
      const rows = Array.isArray(metrics) ? (metrics as { sample?: string; data?: Record<string, unknown> }[]) : [{ sample: s, data: metrics as Record<string, unknown> }];
      for (const row of rows) {
        const name = row.sample ?? s;
        const target = bySample.get(name) ?? v;
        for (const [m, x] of Object.entries(row.data ?? {})) target[`${k}.${m}`] = typeof x === "number" || typeof x === "string" ? cell(String(x)) : null;
        bySample.set(name, target);
      }
    }
  });
  const out: MultiqcGeneralStats[] = [];
  for (const [sampleRaw, values] of bySample) out.push({ kind: "multiqc", file, sampleRaw, sample: cleanSampleName(sampleRaw, options), values });
  if (out.length === 0) throw new GwtInputError("no samples in report_general_stats_data", { file });
  return out;
}

/** Wide columns: every general-stats value, prefixed `multiqc.` (column names sanitised). */
export function wide(r: MultiqcGeneralStats): Record<`multiqc.${string}`, Cell> {
  const o: Record<`multiqc.${string}`, Cell> = {};
  for (const [k, v] of Object.entries(r.values)) o[`multiqc.${k.replace(/[^A-Za-z0-9_.%-]+/g, "_")}`] = v;
  return o;
}
