/** Picard: the generic parser plus one typed accessor per metrics class (MultiQC's TOOLS list). */
import type { PicardMetricsFile } from "../types";
import type { PicardClassModule, PicardWide } from "./accessor";
import { alignmentSummary } from "./alignmentSummary";
import { duplication } from "./duplication";
import { gcBiasDetail, gcBiasSummary } from "./gcBias";
import { hs } from "./hs";
import { insertSize } from "./insertSize";
import { qualityYield } from "./qualityYield";
import { rnaSeq } from "./rnaSeq";
import { wgs } from "./wgs";

export { parse as parsePicard, inferMetricsClass, inputFromCommandLine, type ParseOptions } from "./parse";
export { type PicardClassModule, type PicardWide, typed as typedPicardRows } from "./accessor";
export { CATEGORY_PREFERENCE } from "./alignmentSummary";
export { alignmentSummary, duplication, gcBiasDetail, gcBiasSummary, hs, insertSize, qualityYield, rnaSeq, wgs };

/** Every typed class; a class not listed is still parsed and kept in records, just not widened. */
export const PICARD_CLASSES: readonly PicardClassModule<unknown>[] = [alignmentSummary, duplication, insertSize, wgs, hs, gcBiasSummary, gcBiasDetail, rnaSeq, qualityYield];

/** The typed accessor for a section's class (`CollectWgsMetrics$WgsMetrics` → wgs), if any. */
export function picardClassOf(f: PicardMetricsFile): PicardClassModule<unknown> | undefined {
  const cls = f.metricsClass.replace(/^Collect/, "");
  return PICARD_CLASSES.find((c) => cls === c.metricsClass || cls.endsWith(c.metricsClass) || (c.metricsClass === "WgsMetrics" && /WgsMetrics/.test(cls)));
}

/** Wide columns of one section (undefined for classes gwtime does not widen, or empty sections). */
export function picardWide(f: PicardMetricsFile): PicardWide | undefined {
  return picardClassOf(f)?.wide(f);
}
