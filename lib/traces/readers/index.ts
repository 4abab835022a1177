import { reader as cromwell } from "./cromwell";
import { reader as galaxy } from "./galaxy";
import { reader as generic } from "./generic";
import { reader as lotaru } from "./lotaru";
import { reader as nextflow } from "./nextflow";
import { reader as seqera } from "./seqera";
import { reader as snakemake } from "./snakemake";
import type { DetectPattern, TraceReader } from "./types";
import { reader as wfformat } from "./wfformat";

/** Every reader, one per trace format (adding a format = one file + one entry here). */
export const READERS: readonly TraceReader[] = [galaxy, nextflow, lotaru, wfformat, seqera, cromwell, snakemake, generic];

/**
 * The detection table, most specific first: the first pattern that matches a file's head (and name)
 * wins. Declarative and overridable: pass your own table to `detectFormat` / `readTraces`.
 */
export const DETECTION_TABLE: readonly DetectPattern[] = [
  snakemake.pattern,
  lotaru.pattern,
  galaxy.pattern,
  cromwell.pattern,
  seqera.pattern,
  wfformat.pattern,
  nextflow.pattern,
];

/** Names of every known format. */
export const FORMATS: readonly string[] = READERS.map((r) => r.format);

/** The reader for a format name; throws listing the known formats. */
export function readerFor(format: string): TraceReader {
  const r = READERS.find((x) => x.format === format);
  if (!r) throw new Error(`unknown trace format '${format}' (known: ${FORMATS.join(", ")})`);
  return r;
}

export * from "./types";
export { galaxyInputColumns, galaxyToolFromFileName } from "./galaxy";
export { wfTaskName } from "./wfformat";
export { converterFor } from "./generic";
