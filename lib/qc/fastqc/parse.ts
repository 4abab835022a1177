/**
 * FastQC `fastqc_data.txt` (versions 0.7 – 0.12): every module, its PASS/WARN/FAIL flag, and the
 * tables gwtime summarises. Pure: text in, one `FastqcReport` out; malformed → GwtInputError.
 */
import { GwtInputError } from "../../util/errors";
import { IssueSink } from "../issues";
import { cleanSampleName } from "../sampleName";
import type { ParseOptions } from "../picard/parse";
import { baseName, cell, defineLazy, isBlankRange, normalizeText, num } from "../text";
import type { Cell, FastqcBasicStats, FastqcReport, FastqcStatus, FastqcTable } from "../types";
import type { ToolColumn } from "../vocabulary";


/** One `>>module` of the file: its flag and where its body is, parsed on demand. */
interface RawModule {
  name: string;
  status: FastqcStatus;
  /** Offset of the `>>name<TAB>flag` line (its 1-based line number via `lineAt`). */
  at: number;
  /** Body: text offsets [from, to) — the lines between the module line and `>>END_MODULE`. */
  from: number;
  to: number;
}

/** A module body: `#` header, `#` comments and tab-split rows (with each row's text offset, for messages). */
interface ModuleBody {
  header: string[];
  rows: string[][];
  rowAt: number[];
  comments: Map<string, string>;
  /** Offset of each comment line, by key. */
  commentAt: Map<string, number>;
}

/** 1-based line number of a text offset (only computed for messages). */
function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Line count as `splitLines` gives it (one trailing empty line dropped). */
function lineCount(text: string): number {
  return lineAt(text, text.length) - (text.endsWith("\n") ? 1 : 0);
}

/** End of the line starting at `s` (before CR/LF) and the start of the next line. */
function lineEnd(text: string, s: number): { end: number; next: number } {
  const j = text.indexOf("\n", s);
  const stop = j < 0 ? text.length : j;
  return { end: stop > s && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop, next: j < 0 ? text.length : j + 1 };
}

/** The first non-blank line in text[from, to), as an offset, or -1. */
function firstNonBlank(text: string, from: number, to: number): number {
  let s = from;
  while (s < to) {
    const { end, next } = lineEnd(text, s);
    if (!isBlankRange(text, s, Math.min(end, to))) return s;
    s = next;
  }
  return -1;
}

/**
 * Find the modules: jump from one `>>` line to the next with `indexOf` (per-tile quality and Kmer
 * tables are most of a file and rarely read); bodies stay unparsed. Structure errors as before.
 */
function splitModules(text: string, bodyStart: number, file: string): RawModule[] {
  const mods: RawModule[] = [];
  const seen = new Map<string, number>();
  let cur: RawModule | undefined;
  let pos = bodyStart; // start of the first line not yet looked at
  for (;;) {
    // pos > 0 always (line 0 is the ##FastQC line), so text[pos - 1] is the LF ending the last line.
    const k = text.indexOf("\n>>", pos - 1);
    const at = k < 0 ? -1 : k + 1;
    const gapEnd = at < 0 ? text.length : at;
    if (!cur) {
      const bad = firstNonBlank(text, pos, gapEnd);
      if (bad >= 0) throw new GwtInputError("text outside any '>>module'", { file, line: lineAt(text, bad) });
    }
    if (at < 0) break;
    const { end, next } = lineEnd(text, at);
    const l = text.slice(at, end);
    if (l.startsWith(">>END_MODULE")) {
      if (!cur) throw new GwtInputError("'>>END_MODULE' without a module", { file, line: lineAt(text, at) });
      cur.to = Math.max(cur.from, at - 1);
      mods.push(cur);
      cur = undefined;
    } else {
      if (cur) throw new GwtInputError(`module '${cur.name}' is not closed by '>>END_MODULE'`, { file, line: lineAt(text, at) });
      const [name, status] = l.slice(2).split("\t");
      const st = (status ?? "").trim().toLowerCase();
      if (st !== "pass" && st !== "warn" && st !== "fail") throw new GwtInputError(`module '${name}' has flag '${status ?? ""}', expected pass/warn/fail`, { file, line: lineAt(text, at) });
      const nm = (name ?? "").trim();
      const first = seen.get(nm);
      // Which copy holds the truth is unknown (concatenated or edited reports): refuse rather than pick one.
      if (first !== undefined) throw new GwtInputError(`module '${nm}' appears twice (first at line ${lineAt(text, first)})`, { file, line: lineAt(text, at), field: nm });
      seen.set(nm, at);
      cur = { name: nm, status: st, at, from: next, to: next };
    }
    pos = next;
    if (pos >= text.length) break;
  }
  if (cur) throw new GwtInputError(`module '${cur.name}' is not closed by '>>END_MODULE' (file truncated?)`, { file, line: lineCount(text) });
  return mods;
}

/** Parse one module's body lines. */
function body(text: string, m: RawModule | undefined): ModuleBody {
  const out: ModuleBody = { header: [], rows: [], rowAt: [], comments: new Map(), commentAt: new Map() };
  if (!m || m.to <= m.from) return out;
  let at = m.from;
  for (let l of text.slice(m.from, m.to).split("\n")) {
    const here = at;
    at += l.length + 1;
    if (l.endsWith("\r")) l = l.slice(0, -1);
    if (l.startsWith("#")) {
      const parts = l.slice(1).split("\t");
      if (out.header.length === 0 && out.rows.length === 0 && parts.length > 1 && !/^Total Deduplicated/.test(parts[0] ?? "")) out.header = parts;
      else out.comments.set((parts[0] ?? "").trim(), (parts[1] ?? "").trim());
      if (/^Total Deduplicated/.test(parts[0] ?? "")) {
        out.comments.set("Total Deduplicated Percentage", (parts[1] ?? "").trim());
        out.commentAt.set("Total Deduplicated Percentage", here);
      }
    } else if (l.trim() !== "") {
      out.rows.push(l.split("\t"));
      out.rowAt.push(here);
    }
  }
  return out;
}

function table(m: ModuleBody | undefined): FastqcTable | null {
  if (!m) return null;
  return { header: m.header, rows: m.rows.map((r) => r.map(cell)) };
}

function lengthRange(s: string | undefined): [number | null, number | null] {
  if (s === undefined) return [null, null];
  const m = /^(\d+)(?:-(\d+))?$/.exec(s.trim());
  if (!m) return [null, null];
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

/** Modules with a typed field of their own; the rest go to `otherModules`. */
const KNOWN_MODULES = new Set(["Basic Statistics", "Per base sequence quality", "Per sequence quality scores", "Per sequence GC content", "Per base N content", "Sequence Length Distribution", "Sequence Duplication Levels", "Overrepresented sequences", "Adapter Content", "Per base sequence content"]);

/**
 * Parse one `fastqc_data.txt`. The modules the wide table needs are parsed at once; the others
 * (per-base quality and content, per-sequence GC, duplication table, per-tile quality, Kmers, ...)
 * on first read of their field — same values, but a batch that only wants the wide table never
 * builds them.
 * @param text the file text
 * @param file path, for messages and (when `sampleNameFromFilename`) the sample name
 * @param options sample-name options
 */
export function parse(rawText: string, file: string, options: ParseOptions = {}): FastqcReport {
  const text = normalizeText(rawText);
  if (text.length === 0) throw new GwtInputError("empty file", { file });
  const { end: firstEnd, next: afterFirst } = lineEnd(text, 0);
  const first = text.slice(0, firstEnd);
  if (!first.startsWith("##FastQC")) throw new GwtInputError(`not a FastQC report: first line is '${first.slice(0, 40)}', expected '##FastQC'`, { file, line: 1 });
  const version = (first.split("\t")[1] ?? "").trim() || null;
  const mods = splitModules(text, afterFirst, file);
  const byName = new Map(mods.map((m) => [m.name, m]));
  const bodies = new Map<RawModule, ModuleBody>();
  const bodyOf = (m: RawModule | undefined): ModuleBody | undefined => {
    if (!m) return undefined;
    let b = bodies.get(m);
    if (!b) bodies.set(m, (b = body(text, m)));
    return b;
  };
  const basicMod = byName.get("Basic Statistics");
  if (!basicMod) throw new GwtInputError("no 'Basic Statistics' module", { file });
  const basicBody = bodyOf(basicMod) as ModuleBody;
  const kv = new Map(basicBody.rows.map((r) => [(r[0] ?? "").trim(), (r[1] ?? "").trim()]));
  const kvAt = new Map(basicBody.rows.map((r, k) => [(r[0] ?? "").trim(), basicBody.rowAt[k] as number]));
  const filename = kv.get("Filename");
  if (filename === undefined) throw new GwtInputError("'Basic Statistics' has no Filename", { file, line: lineAt(text, basicMod.at) });
  // Values the wide table uses: a negative count or a number beyond the double range is left
  // missing and reported (file, line, field); the lazily built tables below just never hold one.
  const sink = new IssueSink();
  const at = (offset: number | undefined) => (): number => lineAt(text, offset ?? 0);
  const basicNum = (key: string) => sink.num(kv.get(key), key, at(kvAt.get(key)), "count");
  const flaggedKey = kv.has("Sequences flagged as poor quality") ? "Sequences flagged as poor quality" : "Filtered Sequences";
  const [lmin, lmax] = lengthRange(kv.get("Sequence length"));
  const basic: FastqcBasicStats = {
    filename,
    fileType: kv.get("File type") ?? null,
    encoding: kv.get("Encoding") ?? null,
    totalSequences: basicNum("Total Sequences"),
    sequencesFlaggedPoorQuality: basicNum(flaggedKey),
    sequenceLengthMin: lmin,
    sequenceLengthMax: lmax,
    percentGc: basicNum("%GC"),
    totalBases: kv.get("Total Bases") ?? null,
  };
  const modules: Record<string, FastqcStatus> = {};
  for (const m of mods) modules[m.name] = m.status;

  const rowsOf = (name: string): string[][] => bodyOf(byName.get(name))?.rows ?? [];
  /** Rows of a module with a checked reader per row: `v(k, field)` is cell k, refused when negative or non-finite. */
  const checkedRows = <T>(name: string, f: (r: string[], v: (k: number, field: string) => number | null) => T): T[] => {
    const b = bodyOf(byName.get(name));
    if (!b) return [];
    return b.rows.map((r, ri) => f(r, (k, field) => sink.num(r[k], `${name}: ${field}`, at(b.rowAt[ri]), "count")));
  };
  const pairs = (name: string): [number, number][] =>
    rowsOf(name)
      .map((r): [Cell, Cell] => [cell(r[0]), cell(r[1])])
      .filter((p): p is [number, number] => typeof p[0] === "number" && typeof p[1] === "number");
  const perSequenceQuality = checkedRows("Per sequence quality scores", (_r, v) => ({ quality: v(0, "Quality"), count: v(1, "Count") }))
    .filter((x): x is { quality: number; count: number } => x.quality !== null && x.count !== null);
  const perBaseN = checkedRows("Per base N content", (r, v) => ({ base: (r[0] ?? "").trim(), nPct: v(1, "N-Count") }));
  const lengthDistribution = checkedRows("Sequence Length Distribution", (r, v) => ({ length: (r[0] ?? "").trim(), count: v(1, "Count") }))
    .filter((x): x is { length: string; count: number } => x.count !== null);
  const dupMod = bodyOf(byName.get("Sequence Duplication Levels"));
  const totalDeduplicatedPct = sink.num(dupMod?.comments.get("Total Deduplicated Percentage"), "Total Deduplicated Percentage", at(dupMod?.commentAt.get("Total Deduplicated Percentage")), "count");
  const overrepresented = checkedRows("Overrepresented sequences", (r, v) => ({
    sequence: (r[0] ?? "").trim(),
    count: v(1, "Count") ?? 0,
    pct: v(2, "Percentage") ?? 0,
    source: (r[3] ?? "").trim(),
  }));
  const adapterBody = bodyOf(byName.get("Adapter Content"));
  const adapterContent: FastqcTable | null = adapterBody
    ? { header: adapterBody.header, rows: checkedRows("Adapter Content", (r, v) => r.map((c, k) => (k === 0 ? cell(c) : v(k, adapterBody.header[k] ?? `column ${k + 1}`)))) }
    : null;

  const sampleRaw = options.sampleNameFromFilename ? baseName(file) : filename;
  const rec: FastqcReport = {
    kind: "fastqc",
    file,
    sampleRaw,
    sample: cleanSampleName(sampleRaw, options),
    version,
    basic,
    modules,
    perBaseQuality: [],
    perSequenceQuality,
    perSequenceGc: [],
    perBaseN,
    lengthDistribution,
    totalDeduplicatedPct,
    duplicationLevels: null,
    perBaseContent: null,
    overrepresented,
    adapterContent,
    otherModules: {},
    ...sink.field(),
  };
  // Built on first read (same values as an eager parse; see `defineLazy`).
  defineLazy(rec, "perBaseQuality", () =>
    rowsOf("Per base sequence quality").map((r) => ({
      base: (r[0] ?? "").trim(),
      mean: num(cell(r[1])),
      median: num(cell(r[2])),
      lowerQuartile: num(cell(r[3])),
      upperQuartile: num(cell(r[4])),
      p10: num(cell(r[5])),
      p90: num(cell(r[6])),
    })),
  );
  defineLazy(rec, "perSequenceGc", () => pairs("Per sequence GC content").map(([gcPct, count]) => ({ gcPct, count })));
  defineLazy(rec, "duplicationLevels", () => table(dupMod));
  defineLazy(rec, "perBaseContent", () => table(bodyOf(byName.get("Per base sequence content"))));
  defineLazy(rec, "otherModules", () => {
    const other: Record<string, FastqcTable> = {};
    for (const m of mods) if (!KNOWN_MODULES.has(m.name)) other[m.name] = table(body(text, m)) as FastqcTable;
    return other;
  });
  return rec;
}

/** Midpoint of a FastQC length / base label ("35-39" → 37, "36" → 36). */
function mid(label: string): number | null {
  const [a, b] = lengthRange(label);
  return a === null || b === null ? null : (a + b) / 2;
}

/**
 * The wide-table columns of a FastQC report (see `QcSampleRow` for units). Derived numbers:
 * `mean_quality` = read-weighted mean of per-sequence mean quality; `pct_q30_bases` = percent of
 * reads whose mean quality ≥ 30 (per-sequence quality; FastQC gives no per-base Q30 count);
 * `adapter_max_pct` = max over positions and adapters of cumulative adapter %; `overrepresented_pct`
 * = sum of overrepresented sequences' %; `n_content_max_pct` = max per-base N %.
 */
export function wide(r: FastqcReport): Record<ToolColumn<"fastqc">, number | null> {
  let qn = 0;
  let qs = 0;
  let q30 = 0;
  for (const { quality, count } of r.perSequenceQuality) {
    qn += count;
    qs += quality * count;
    if (quality >= 30) q30 += count;
  }
  let ln = 0;
  let ls = 0;
  for (const { length, count } of r.lengthDistribution) {
    const m = mid(length);
    if (m !== null) {
      ln += count;
      ls += m * count;
    }
  }
  let adapterMax: number | null = null;
  for (const row of r.adapterContent?.rows ?? []) for (let k = 1; k < row.length; k++) {
    const v = row[k];
    if (typeof v === "number" && (adapterMax === null || v > adapterMax)) adapterMax = v;
  }
  let nMax: number | null = null;
  for (const { nPct } of r.perBaseN) if (nPct !== null && (nMax === null || nPct > nMax)) nMax = nPct;
  const flags = Object.values(r.modules);
  return {
    "fastqc.total_sequences": r.basic.totalSequences,
    "fastqc.sequences_flagged_poor_quality": r.basic.sequencesFlaggedPoorQuality,
    "fastqc.percent_gc": r.basic.percentGc,
    "fastqc.sequence_length_min": r.basic.sequenceLengthMin,
    "fastqc.sequence_length_max": r.basic.sequenceLengthMax,
    "fastqc.avg_sequence_length": ln > 0 ? ls / ln : null,
    "fastqc.mean_quality": qn > 0 ? qs / qn : null,
    "fastqc.pct_q30_bases": qn > 0 ? (100 * q30) / qn : null,
    "fastqc.adapter_max_pct": adapterMax,
    "fastqc.total_deduplicated_pct": r.totalDeduplicatedPct,
    "fastqc.overrepresented_pct": r.overrepresented.reduce((a, o) => a + o.pct, 0),
    "fastqc.n_content_max_pct": nMax,
    "fastqc.n_modules_fail": flags.filter((f) => f === "fail").length,
    "fastqc.n_modules_warn": flags.filter((f) => f === "warn").length,
  };
}
