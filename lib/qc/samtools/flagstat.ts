/** `samtools flagstat`: text (pre-1.13 "(99.8%:-nan%)" and 1.13+ "(98.82% : N/A)") and `-O json`. Pure. */
import { GwtInputError } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import { cleanSampleName } from "../sampleName";
import { IssueSink } from "../issues";
import { baseName, splitLines } from "../text";
import type { SamtoolsFlagstat } from "../types";
import type { ToolColumns } from "../vocabulary";


const LINE = /^(\d+) \+ (\d+) (.+?)(?:\s*\([^()]*(?:%|N\/A)[^()]*\))?\s*$/;

/** Parse flagstat text or JSON; keys are the text labels ("in total", "mapped", "properly paired", ...). */
export function parse(text: string, file: string, options: ParseOptions = {}): SamtoolsFlagstat {
  const counts: Record<string, readonly [number, number]> = {};
  const sink = new IssueSink();
  const t = text.trimStart();
  if (t.startsWith("{")) {
    let j: Record<string, Record<string, number>>;
    try {
      j = JSON.parse(text) as Record<string, Record<string, number>>;
    } catch (e) {
      throw new GwtInputError(`invalid flagstat JSON: ${(e as Error).message}`, { file });
    }
    const p = j["QC-passed reads"] ?? {};
    const f = j["QC-failed reads"] ?? {};
    for (const k of Object.keys(p)) {
      // "mapped %" etc. are percentages of the counts beside them, not counts (they used to overwrite "mapped").
      if (typeof p[k] !== "number" || / %$/.test(k)) continue;
      // Counts only (JSON.parse turns 1e309 into Infinity): a negative or non-finite one is left out and reported.
      const pass = sink.json(p[k], `QC-passed reads.${k}`, "count");
      const fail = typeof f[k] === "number" ? sink.json(f[k], `QC-failed reads.${k}`, "count") : 0;
      if (pass !== null && fail !== null) counts[k === "total" ? "in total" : k] = [pass, fail];
    }
  } else {
    const lines = splitLines(text);
    lines.forEach((l, i) => {
      if (l.startsWith("==>") || l.trim() === "") return;
      const m = LINE.exec(l);
      if (!m) throw new GwtInputError(`not a flagstat line: '${l.slice(0, 60)}'`, { file, line: i + 1 });
      const key = (m[3] as string).replace(/^in total.*/, "in total").trim();
      const pass = sink.num(m[1], `${key} (QC-passed)`, i + 1);
      const fail = sink.num(m[2], `${key} (QC-failed)`, i + 1);
      if (pass !== null && fail !== null) counts[key] = [pass, fail];
    });
  }
  if (!counts["in total"]) throw new GwtInputError("no 'in total' line", { file });
  const sampleRaw = baseName(file);
  return { kind: "samtools/flagstat", file, sampleRaw, sample: cleanSampleName(sampleRaw, options), counts, ...sink.field() };
}

/** Wide columns: QC-passed totals; percentages of `in total`. */
export function wide(r: SamtoolsFlagstat): ToolColumns<"samtools"> {
  const c = r.counts;
  const total = c["in total"]?.[0] ?? 0;
  const pct = (k: string) => {
    const v = c[k];
    return total > 0 && v ? (100 * v[0]) / total : null;
  };
  return {
    "samtools.flagstat.total": total,
    "samtools.flagstat.mapped_pct": pct("mapped"),
    "samtools.flagstat.properly_paired_pct": pct("properly paired"),
    "samtools.flagstat.duplicates_pct": pct("duplicates"),
    "samtools.flagstat.singletons_pct": pct("singletons"),
    "samtools.flagstat.secondary": c["secondary"]?.[0] ?? null,
    "samtools.flagstat.supplementary": c["supplementary"]?.[0] ?? null,
  };
}
