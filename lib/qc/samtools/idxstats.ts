/** `samtools idxstats`: name, length, mapped, unmapped per reference. Pure. */
import { GwtInputError } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import { cleanSampleName } from "../sampleName";
import { baseName, splitLines } from "../text";
import type { SamtoolsIdxstats } from "../types";
import type { ToolColumns } from "../vocabulary";


/** Parse idxstats; every line must have 4 tab-separated fields with integer counts. */
export function parse(text: string, file: string, options: ParseOptions = {}): SamtoolsIdxstats {
  const refs: { name: string; lengthBp: number; mapped: number; unmapped: number }[] = [];
  splitLines(text).forEach((l, i) => {
    if (l.trim() === "") return;
    const p = l.split("\t");
    if (p.length !== 4 || !p.slice(1).every((x) => /^\d+$/.test(x.trim())))
      throw new GwtInputError(`expected 'name<TAB>length<TAB>mapped<TAB>unmapped', got '${l.slice(0, 60)}'`, { file, line: i + 1 });
    refs.push({ name: p[0] as string, lengthBp: Number(p[1]), mapped: Number(p[2]), unmapped: Number(p[3]) });
  });
  if (refs.length === 0) throw new GwtInputError("empty file", { file });
  const sampleRaw = baseName(file);
  return { kind: "samtools/idxstats", file, sampleRaw, sample: cleanSampleName(sampleRaw, options), refs };
}

/** Wide columns: totals and the share of mapped reads on chrX/chrY/chrM (sex / mito checks). */
export function wide(r: SamtoolsIdxstats): ToolColumns<"samtools"> {
  const mapped = r.refs.reduce((a, x) => a + x.mapped, 0);
  const share = (re: RegExp) => (mapped > 0 ? (100 * r.refs.filter((x) => re.test(x.name)).reduce((a, x) => a + x.mapped, 0)) / mapped : null);
  return {
    "samtools.idxstats.mapped": mapped,
    "samtools.idxstats.unmapped": r.refs.reduce((a, x) => a + x.unmapped, 0),
    "samtools.idxstats.n_refs": r.refs.length,
    "samtools.idxstats.chrM_mapped_pct": share(/^(chr)?(M|MT)$/i),
  };
}
