/**
 * MultiQC's own outputs, so a site that already runs MultiQC can feed gwtime directly:
 * `multiqc_general_stats.txt` (TSV, `Sample` column) and `multiqc_data.json`
 * (`report_general_stats_data`: a list of {sample: {metric: value}} per module). Pure.
 */
import { GwtInputError } from "../util/errors";
import type { ParseOptions } from "./picard/parse";
import { cleanSampleName } from "./sampleName";
import { cell, splitLines } from "./text";
import type { Cell, MultiqcGeneralStats } from "./types";


/** `multiqc_general_stats.txt`: one record per sample row. */
export function parseGeneralStats(text: string, file: string, options: ParseOptions = {}): MultiqcGeneralStats[] {
  const lines = splitLines(text);
  const header = (lines[0] ?? "").split("\t");
  if (header[0] !== "Sample") throw new GwtInputError("expected a 'Sample' first column", { file, line: 1 });
  const out: MultiqcGeneralStats[] = [];
  for (let i = 1; i < lines.length; i++) {
    const p = (lines[i] as string).split("\t");
    if (p.length === 1 && p[0] === "") continue;
    const values: Record<string, Cell> = {};
    header.slice(1).forEach((h, k) => (values[h] = cell(p[k + 1])));
    const sampleRaw = p[0] as string;
    out.push({ kind: "multiqc", file, sampleRaw, sample: cleanSampleName(sampleRaw, options), values });
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
  if (!Array.isArray(blocks)) throw new GwtInputError("no report_general_stats_data list", { file, field: "report_general_stats_data" });
  const bySample = new Map<string, Record<string, Cell>>();
  blocks.forEach((b, k) => {
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
export function wide(r: MultiqcGeneralStats): Record<string, Cell> {
  const o: Record<string, Cell> = {};
  for (const [k, v] of Object.entries(r.values)) o[`multiqc.${k.replace(/[^A-Za-z0-9_.%-]+/g, "_")}`] = v;
  return o;
}
