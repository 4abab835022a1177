/**
 * Every unit conversion in gwtime lives here (WfCommons' inline `/1000` vs `/1024` bugs are the
 * cautionary tale). Field names carry the unit (`wallS`, `peakRssBytes`); parsers call these helpers.
 */

const BYTE_UNITS: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  k: 1024, kb: 1024, kib: 1024,
  m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2,
  g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3,
  t: 1024 ** 4, tb: 1024 ** 4, tib: 1024 ** 4,
  p: 1024 ** 5, pb: 1024 ** 5, pib: 1024 ** 5,
};

/** Nextflow-style memory ("1.2 GB", "512 MB", "100 B", "2048") → bytes; "-" / "" → undefined. Nextflow uses binary multiples. */
export function parseBytes(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  const s = text.trim();
  if (s === "" || s === "-" || s.toLowerCase() === "null" || s.toLowerCase() === "nan") return undefined;
  const m = /^([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)$/.exec(s);
  if (!m) return undefined;
  const value = Number(m[1]);
  const unit = (m[2] ?? "").toLowerCase();
  const mult = unit === "" ? 1 : BYTE_UNITS[unit];
  return mult === undefined ? undefined : value * mult;
}

const DURATION_UNITS: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * Nextflow durations ("1h 2m 3s", "4.5s", "120ms", "1d 2h") → seconds. A bare number is taken as
 * `bareUnit` (Nextflow raw traces store milliseconds). "-" / "" → undefined.
 */
export function parseDurationS(text: string | number | null | undefined, bareUnit: "ms" | "s" = "ms"): number | undefined {
  if (text === null || text === undefined) return undefined;
  if (typeof text === "number") return Number.isFinite(text) ? (bareUnit === "ms" ? text / 1000 : text) : undefined;
  const s = text.trim();
  if (s === "" || s === "-") return undefined;
  if (/^[0-9]*\.?[0-9]+$/.test(s)) return bareUnit === "ms" ? Number(s) / 1000 : Number(s);
  const re = /([0-9]*\.?[0-9]+)\s*(ms|d|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += Number(m[1]) * (DURATION_UNITS[m[2] ?? "s"] ?? 1);
    consumed += m[0].length;
  }
  return consumed > 0 && consumed >= s.replace(/\s+/g, "").length ? total : undefined;
}

/** "180.5%" or "180.5" → 180.5 (percent of one core). */
export function parsePercent(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  const s = text.trim().replace(/%$/, "");
  if (s === "" || s === "-") return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

export const msToS = (ms: number): number => ms / 1000;
export const kibToBytes = (kib: number): number => kib * 1024;
export const mibToBytes = (mib: number): number => mib * 1024 * 1024;
export const gibToBytes = (gib: number): number => gib * 1024 ** 3;

/** Plain number ("42", "1.5e3", "69415268.0") → number; "-" / "" / "NaN" / "NA" → undefined. */
export function parseNumber(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  const s = text.trim();
  if (s === "" || s === "-" || /^(nan|na|null|none)$/i.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * Python `str(timedelta)` / Snakemake `h:m:s` ("0:01:02", "12:00:00.5", "1 day, 2:03:04") → seconds.
 */
export function parseHmsS(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  const s = text.trim();
  const m = /^(?:(\d+) days?, )?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(s);
  if (!m) return undefined;
  return Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}

/**
 * A timestamp → Date. Bare numbers are epoch `bareUnit` (Nextflow raw traces: ms; Galaxy epochs: s).
 * Text is ISO 8601 or "YYYY-MM-DD HH:MM:SS[.ffffff]"; without a zone it is read as UTC.
 */
export function parseTimestamp(text: string | number | null | undefined, bareUnit: "ms" | "s" = "ms"): Date | undefined {
  if (text === null || text === undefined) return undefined;
  const n = typeof text === "number" ? text : /^\s*-?[0-9]*\.?[0-9]+\s*$/.test(text) ? Number(text) : undefined;
  if (n !== undefined) return Number.isFinite(n) ? new Date(bareUnit === "ms" ? n : n * 1000) : undefined;
  const s = (text as string).trim();
  if (s === "" || s === "-") return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) {
    if (!/^\d{4}-\d{2}-\d{2}/.test(s)) return undefined;
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const frac = m[3] ? m[3].slice(0, 4) : "";
  const d = new Date(`${m[1]}T${m[2]}${frac}${m[4] ?? "Z"}`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Snakemake benchmark / psutil megabytes (MiB: bytes / 1024 / 1024) → bytes. */
export const snakemakeMbToBytes = (mb: number): number => mibToBytes(mb);
/**
 * DuckDB SQL macros mirroring `parseDurationS` (bare numbers = ms), `parseBytes` (binary multiples)
 * and `parsePercent`, for the DuckDB ingest path. Kept here so every conversion lives in one file;
 * `units.test.ts` / `traces/duckdb.test.ts` check both agree.
 *
 * Fast path: the ingest computes `n = gwt_num_x(x)` once per field in an inner projection, or reads the
 * column typed (DOUBLE) straight from the CSV and applies `gwt_nan_null`: both are `TRY_CAST(x AS DOUBLE)`
 * with NaN as missing (the TS helpers never return NaN; every other missing marker, "-", "NA", "null",
 * ..., fails the cast anyway, so no marker list is needed here). The `*_tn(t, n)` macros then take that
 * number and the trimmed text `t`, which is evaluated only in the branches for cells that are not plain
 * numbers: the regex branch runs on human-readable "1h 2m", "1.2 GB" only. Missing markers are tested with
 * `list_contains`, never `IN (...)` (DuckDB rewrites a constant IN list into a MARK hash join run on every
 * row, outside the CASE that guards it) nor an OR chain (which repeats `trim(x)` once per marker when the
 * macro is given an expression). `gwt_trim` trims only padded cells: DuckDB's `trim` (spaces only, like
 * these macros' markers) copies every string, which cost more than the parsing itself. `gwt_missing(x)`
 * is the marker test on raw text, `gwt_text(x)` a text field (trimmed; markers: NULL, as in
 * `FieldReader.str`). The other one-argument macros (`gwt_duration_s(x)`, ...) are the same rules on raw
 * text, for ad-hoc SQL.
 */
export const SQL_UNIT_MACROS = `
CREATE OR REPLACE MACRO gwt_trim(x) AS (CASE WHEN prefix(x, ' ') OR suffix(x, ' ') THEN trim(x) ELSE x END);
CREATE OR REPLACE MACRO gwt_miss_t(t) AS (t IS NULL OR list_contains(['', '-', 'NA', 'NaN', 'nan', 'null', 'None'], t));
CREATE OR REPLACE MACRO gwt_missing(x) AS (x IS NULL OR gwt_miss_t(gwt_trim(x)));
CREATE OR REPLACE MACRO gwt_text(x) AS (CASE WHEN gwt_missing(x) THEN NULL ELSE gwt_trim(x) END);
CREATE OR REPLACE MACRO gwt_nan_null(v) AS (CASE WHEN isnan(v) THEN NULL ELSE v END);
CREATE OR REPLACE MACRO gwt_num_t(t) AS (gwt_nan_null(TRY_CAST(t AS DOUBLE)));
CREATE OR REPLACE MACRO gwt_num_x(x) AS (gwt_nan_null(TRY_CAST(x AS DOUBLE)));
CREATE OR REPLACE MACRO gwt_nn(v) AS (CASE WHEN v >= 0 THEN v ELSE NULL END);
CREATE OR REPLACE MACRO gwt_duration_text_s(t) AS (
  CASE
    WHEN regexp_full_match(t, '(\\s*[0-9]*\\.?[0-9]+\\s*(ms|d|h|m|s)\\s*)+') THEN
        coalesce(TRY_CAST(regexp_extract(t, '([0-9]*\\.?[0-9]+)\\s*d', 1) AS DOUBLE), 0) * 86400
      + coalesce(TRY_CAST(regexp_extract(t, '([0-9]*\\.?[0-9]+)\\s*h', 1) AS DOUBLE), 0) * 3600
      + coalesce(TRY_CAST(regexp_extract(t, '([0-9]*\\.?[0-9]+)\\s*m(\\s|[0-9]|$)', 1) AS DOUBLE), 0) * 60
      + coalesce(TRY_CAST(regexp_extract(t, '(^|[^0-9.])([0-9]*\\.?[0-9]+)\\s*s', 2) AS DOUBLE), 0)
      + coalesce(TRY_CAST(regexp_extract(t, '([0-9]*\\.?[0-9]+)\\s*ms', 1) AS DOUBLE), 0) / 1000
    ELSE NULL
  END);
CREATE OR REPLACE MACRO gwt_duration_tn(t, n) AS (
  CASE WHEN n IS NOT NULL THEN gwt_nn(n) / 1000 WHEN gwt_miss_t(t) THEN NULL ELSE gwt_duration_text_s(t) END);
CREATE OR REPLACE MACRO gwt_bytes_text(t) AS (
  list_transform([regexp_extract(t, '^([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([a-zA-Z]*)$', ['num', 'unit'])], p -> TRY_CAST(p.num AS DOUBLE) * MAP {
    '': 1, 'b': 1, 'byte': 1, 'bytes': 1, 'k': 1024, 'kb': 1024, 'kib': 1024,
    'm': 1048576, 'mb': 1048576, 'mib': 1048576, 'g': 1073741824, 'gb': 1073741824, 'gib': 1073741824,
    't': 1099511627776, 'tb': 1099511627776, 'tib': 1099511627776,
    'p': 1125899906842624, 'pb': 1125899906842624, 'pib': 1125899906842624}[lower(p.unit)]::DOUBLE)[1]);
CREATE OR REPLACE MACRO gwt_bytes_tn(t, n) AS (
  CASE WHEN n IS NOT NULL THEN gwt_nn(n) WHEN gwt_miss_t(t) THEN NULL ELSE gwt_bytes_text(t) END);
CREATE OR REPLACE MACRO gwt_percent_t(t) AS (gwt_nan_null(TRY_CAST(replace(t, '%', '') AS DOUBLE)));
CREATE OR REPLACE MACRO gwt_percent_x(x) AS (gwt_nan_null(TRY_CAST(replace(x, '%', '') AS DOUBLE)));
CREATE OR REPLACE MACRO gwt_epoch_ms_tn(t, n) AS (
  CASE WHEN n IS NOT NULL THEN make_timestamp(CAST(n * 1000 AS BIGINT)) WHEN gwt_miss_t(t) THEN NULL ELSE TRY_CAST(t AS TIMESTAMP) END);
CREATE OR REPLACE MACRO gwt_num(x) AS (gwt_num_t(trim(x)));
CREATE OR REPLACE MACRO gwt_num_nn(x) AS (gwt_nn(gwt_num_t(trim(x))));
CREATE OR REPLACE MACRO gwt_duration_s(x) AS (gwt_duration_tn(trim(x), gwt_num_t(trim(x))));
CREATE OR REPLACE MACRO gwt_bytes(x) AS (gwt_bytes_tn(trim(x), gwt_num_t(trim(x))));
CREATE OR REPLACE MACRO gwt_percent(x) AS (gwt_percent_t(trim(x)));
CREATE OR REPLACE MACRO gwt_percent_nn(x) AS (gwt_nn(gwt_percent_t(trim(x))));
CREATE OR REPLACE MACRO gwt_mib_bytes(v) AS (v * 1048576);
CREATE OR REPLACE MACRO gwt_epoch_ms(x) AS (gwt_epoch_ms_tn(trim(x), gwt_num_t(trim(x))));
`;

const DECIMAL_UNITS: Record<string, number> = {
  b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12,
  ki: 1024, kib: 1024, mi: 1024 ** 2, mib: 1024 ** 2, gi: 1024 ** 3, gib: 1024 ** 3, ti: 1024 ** 4, tib: 1024 ** 4,
};

/**
 * WDL / Cromwell memory ("14 GB", "7.5 GiB", "2048 MB") → bytes. Unlike Nextflow, WDL units are
 * decimal (KB = 1000) and the `i` forms binary (KiB = 1024). A bare number is bytes.
 */
export function parseBytesWdl(text: string | number | null | undefined): number | undefined {
  if (text === null || text === undefined) return undefined;
  if (typeof text === "number") return Number.isFinite(text) ? text : undefined;
  const m = /^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? "").toLowerCase();
  const mult = unit === "" ? 1 : DECIMAL_UNITS[unit];
  return mult === undefined ? undefined : Number(m[1]) * mult;
}

/** Seconds between two dates (undefined when either is missing). */
export function secondsBetween(a: Date | undefined, b: Date | undefined): number | undefined {
  return a && b ? (b.getTime() - a.getTime()) / 1000 : undefined;
}
