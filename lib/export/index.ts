/** Export predictions to the files operators' tools read: Nextflow config, Snakemake profile, Galaxy TPV rules, MultiQC custom content. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { multiqcFiles } from "./multiqc";
import { nextflowConfig } from "./nextflow";
import type { ExportBatch } from "./predictions";
import { snakemakeFiles } from "./snakemake";
import { tpvFiles } from "./tpv";

export { DEFAULT_EXPORT_OPTIONS, normalQuantile, checkQuantile, quantileLimit, parseDurationS, parseBins, binFor, ceilS, ceilMin, type QueueBin } from "./quantile";
export { groovyString, yamlString, commentText } from "./escape";
export { buildExport, parseModelSpec, stepOfModelFile, provenanceLines, DEFAULT_SIZE, type StepLimits, type ExportBatch } from "./predictions";
export { nextflowConfig } from "./nextflow";
export { snakemakeFiles } from "./snakemake";
export { tpvFiles, tpvSizeModel } from "./tpv";
export { multiqcFiles } from "./multiqc";

/** The export targets. */
export const EXPORT_TARGETS = ["nextflow", "snakemake", "tpv", "multiqc"] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

/**
 * The files of one target (name -> content).
 * @example exportFiles(batch, "nextflow", { maxRetries: 2 }) // { "gwtime.config": "..." }
 */
export function exportFiles(batch: ExportBatch, to: ExportTarget, opts: { maxRetries: number }): Record<string, string> {
  switch (to) {
    case "nextflow":
      return { "gwtime.config": nextflowConfig(batch, opts) };
    case "snakemake":
      return { ...snakemakeFiles(batch) };
    case "tpv":
      return { ...tpvFiles(batch, opts) };
    case "multiqc":
      return { ...multiqcFiles(batch) };
  }
}

/** Write `files` into `dir` (created); returns the written paths. */
export function writeExport(dir: string, files: Readonly<Record<string, string>>): string[] {
  mkdirSync(dir, { recursive: true });
  return Object.entries(files).map(([name, text]) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  });
}
