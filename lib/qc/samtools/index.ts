/** samtools: stats, flagstat, idxstats, markdup, rmdup, coverage, ampliconclip. */
export { parse as parseSamtoolsStats, wide as samtoolsStatsWide } from "./stats";
export { parse as parseFlagstat, wide as flagstatWide } from "./flagstat";
export { parse as parseIdxstats, wide as idxstatsWide } from "./idxstats";
export { parseAmpliconclip, parseCoverage as parseSamtoolsCoverage, parseMarkdup as parseSamtoolsMarkdup, parseRmdup as parseSamtoolsRmdup, wideCoverage as samtoolsCoverageWide, wideMarkdup as samtoolsMarkdupWide } from "./misc";
