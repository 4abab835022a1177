/** GATK: GATKReport tables (BaseRecalibrator, VariantEval), DepthOfCoverage, AnalyzeSaturationMutagenesis. */
export { parse as parseGatkReport, table as gatkTable, wide as gatkReportWide } from "./report";
export { parseReadCounts as parseSaturationMutagenesis, parseSampleSummary as parseDepthOfCoverageSummary, wideDoc as depthOfCoverageWide } from "./depthOfCoverage";
