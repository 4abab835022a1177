/** Small samtools outputs: `markdup` (text / JSON), `rmdup` log, `coverage`, `ampliconclip`. Pure. */
import { GwtInputError } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import { cleanSampleName } from "../sampleName";
import { baseName, cell, splitLines } from "../text";
import type { MetricsRow, SamtoolsAmpliconclip, SamtoolsCoverage, SamtoolsMarkdup, SamtoolsRmdup } from "../types";
import type { ToolColumns } from "../vocabulary";

function names(file: string, options: ParseOptions) {
  const sampleRaw = baseName(file);
  return { file, sampleRaw, sample: cleanSampleName(sampleRaw, options) };
}

function keyValues(text: string, file: string): { command: string | null; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  let command: string | null = null;
  splitLines(text).forEach((l, i) => {
    if (l.trim() === "") return;
    const k = l.indexOf(":");
    if (k < 0) throw new GwtInputError(`expected 'KEY: value', got '${l.slice(0, 60)}'`, { file, line: i + 1 });
    const key = l.slice(0, k).trim();
    const val = l.slice(k + 1).trim();
    if (key === "COMMAND") command = val;
    else {
      const v = cell(val);
      if (typeof v !== "number") throw new GwtInputError(`value is not a number: '${val}'`, { file, line: i + 1, field: key });
      counts[key] = v;
    }
  });
  return { command, counts };
}

/** `samtools markdup -s` report, text or `--json`. */
export function parseMarkdup(text: string, file: string, options: ParseOptions = {}): SamtoolsMarkdup {
  let command: string | null = null;
  let counts: Record<string, number> = {};
  if (text.trimStart().startsWith("{")) {
    let j: Record<string, unknown>;
    try {
      j = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new GwtInputError(`invalid markdup JSON: ${(e as Error).message}`, { file });
    }
    for (const [k, v] of Object.entries(j)) {
      if (k === "COMMAND") command = String(v);
      else if (typeof v === "number") counts[k] = v;
    }
  } else ({ command, counts } = keyValues(text, file));
  if (counts["READ"] === undefined) throw new GwtInputError("no READ count (file truncated?)", { file });
  return { kind: "samtools/markdup", ...names(file, options), command, counts };
}

/** Wide columns of a markdup report: duplicate % of examined reads, optical share, library size. */
export function wideMarkdup(r: SamtoolsMarkdup): ToolColumns<"samtools"> {
  const c = r.counts;
  const examined = c["EXAMINED"] ?? 0;
  // markdup's DUPLICATE PAIR counts reads (DUPLICATE TOTAL = PAIR + SINGLE [+ NON PRIMARY]).
  const total = c["DUPLICATE TOTAL"] ?? (c["DUPLICATE PAIR"] ?? 0) + (c["DUPLICATE SINGLE"] ?? 0);
  return {
    "samtools.markdup.duplicate_pct": examined > 0 ? (100 * total) / examined : null,
    "samtools.markdup.optical_duplicates": (c["DUPLICATE PAIR OPTICAL"] ?? 0) + (c["DUPLICATE SINGLE OPTICAL"] ?? 0),
    "samtools.markdup.estimated_library_size": c["ESTIMATED_LIBRARY_SIZE"] ?? null,
  };
}

/** `samtools rmdup` log: `[bam_rmdup(se)_core] D / T = r in library 'L'` lines, summed. */
export function parseRmdup(text: string, file: string, options: ParseOptions = {}): SamtoolsRmdup {
  let duplicates = 0;
  let total = 0;
  let n = 0;
  for (const l of splitLines(text)) {
    const m = /\[bam_rmdup\w*\]\s+(\d+)\s*\/\s*(\d+)/.exec(l);
    if (m) {
      duplicates += Number(m[1]);
      total += Number(m[2]);
      n++;
    }
  }
  if (n === 0) throw new GwtInputError("no '[bam_rmdup...] D / T' line", { file });
  return { kind: "samtools/rmdup", ...names(file, options), duplicates, total };
}

/** `samtools coverage` table (header line starting `#rname`). */
export function parseCoverage(text: string, file: string, options: ParseOptions = {}): SamtoolsCoverage {
  const lines = splitLines(text);
  const h = lines.findIndex((l) => l.startsWith("#rname"));
  if (h < 0) throw new GwtInputError("no '#rname' header", { file });
  const header = (lines[h] as string).slice(1).split("\t");
  const rows: MetricsRow[] = [];
  for (let i = h + 1; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === "" || l.startsWith("#")) continue;
    const p = l.split("\t");
    if (p.length !== header.length) throw new GwtInputError(`row has ${p.length} cells, header ${header.length}`, { file, line: i + 1 });
    const o: MetricsRow = {};
    header.forEach((k, j) => (o[k] = j === 0 ? (p[0] as string) : cell(p[j])));
    rows.push(o);
  }
  return { kind: "samtools/coverage", ...names(file, options), rows };
}

/** Wide columns of `samtools coverage`: length-weighted mean depth over references. */
export function wideCoverage(r: SamtoolsCoverage): ToolColumns<"samtools"> {
  let len = 0;
  let depth = 0;
  for (const x of r.rows) {
    const l = (x["endpos"] as number) - (x["startpos"] as number) + 1;
    const d = x["meandepth"];
    if (Number.isFinite(l) && typeof d === "number") {
      len += l;
      depth += l * d;
    }
  }
  return { "samtools.coverage.mean_depth": len > 0 ? depth / len : null };
}

/** `samtools ampliconclip --stats`: `KEY: value` lines after a COMMAND line. */
export function parseAmpliconclip(text: string, file: string, options: ParseOptions = {}): SamtoolsAmpliconclip {
  const { counts } = keyValues(text, file);
  if (Object.keys(counts).length === 0) throw new GwtInputError("no counts", { file });
  return { kind: "samtools/ampliconclip", ...names(file, options), counts };
}
