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
/** Linux /proc/meminfo kB (KiB) → bytes (Galaxy `memtotal`). */
export const meminfoKbToBytes = (kb: number): number => kibToBytes(kb);

/**
 * DuckDB SQL macros mirroring `parseDurationS` (bare numbers = ms), `parseBytes` (binary multiples)
 * and `parsePercent`, for the DuckDB ingest path. Kept here so every conversion lives in one file;
 * `units.test.ts` / `traces/duckdb.test.ts` check both agree.
 */
export const SQL_UNIT_MACROS = `
CREATE OR REPLACE MACRO gwt_missing(x) AS (x IS NULL OR trim(x) IN ('', '-', 'NA', 'NaN', 'nan', 'null', 'None'));
CREATE OR REPLACE MACRO gwt_num(x) AS (CASE WHEN gwt_missing(x) THEN NULL ELSE TRY_CAST(trim(x) AS DOUBLE) END);
CREATE OR REPLACE MACRO gwt_duration_s(x) AS (
  CASE
    WHEN gwt_missing(x) THEN NULL
    WHEN TRY_CAST(trim(x) AS DOUBLE) IS NOT NULL THEN (CASE WHEN TRY_CAST(trim(x) AS DOUBLE) >= 0 THEN TRY_CAST(trim(x) AS DOUBLE) / 1000 ELSE NULL END)
    WHEN regexp_full_match(trim(x), '(\\s*[0-9]*\\.?[0-9]+\\s*(ms|d|h|m|s)\\s*)+') THEN
        coalesce(TRY_CAST(regexp_extract(x, '([0-9]*\\.?[0-9]+)\\s*d', 1) AS DOUBLE), 0) * 86400
      + coalesce(TRY_CAST(regexp_extract(x, '([0-9]*\\.?[0-9]+)\\s*h', 1) AS DOUBLE), 0) * 3600
      + coalesce(TRY_CAST(regexp_extract(x, '([0-9]*\\.?[0-9]+)\\s*m(\\s|[0-9]|$)', 1) AS DOUBLE), 0) * 60
      + coalesce(TRY_CAST(regexp_extract(x, '(^|[^0-9.])([0-9]*\\.?[0-9]+)\\s*s', 2) AS DOUBLE), 0)
      + coalesce(TRY_CAST(regexp_extract(x, '([0-9]*\\.?[0-9]+)\\s*ms', 1) AS DOUBLE), 0) / 1000
    ELSE NULL
  END);
CREATE OR REPLACE MACRO gwt_bytes(x) AS (
  CASE
    WHEN gwt_missing(x) THEN NULL
    WHEN TRY_CAST(trim(x) AS DOUBLE) IS NOT NULL THEN (CASE WHEN TRY_CAST(trim(x) AS DOUBLE) >= 0 THEN TRY_CAST(trim(x) AS DOUBLE) ELSE NULL END)
    WHEN regexp_full_match(trim(x), '([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*([a-zA-Z]*)') THEN
      CAST(regexp_extract(trim(x), '^([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)', 1) AS DOUBLE) *
      CASE lower(regexp_extract(trim(x), '([a-zA-Z]*)$', 1))
        WHEN '' THEN 1 WHEN 'b' THEN 1 WHEN 'byte' THEN 1 WHEN 'bytes' THEN 1
        WHEN 'k' THEN 1024 WHEN 'kb' THEN 1024 WHEN 'kib' THEN 1024
        WHEN 'm' THEN 1048576 WHEN 'mb' THEN 1048576 WHEN 'mib' THEN 1048576
        WHEN 'g' THEN 1073741824 WHEN 'gb' THEN 1073741824 WHEN 'gib' THEN 1073741824
        WHEN 't' THEN 1099511627776 WHEN 'tb' THEN 1099511627776 WHEN 'tib' THEN 1099511627776
        WHEN 'p' THEN 1125899906842624 WHEN 'pb' THEN 1125899906842624 WHEN 'pib' THEN 1125899906842624
        ELSE NULL END
    ELSE NULL
  END);
CREATE OR REPLACE MACRO gwt_num_nn(x) AS (CASE WHEN gwt_missing(x) THEN NULL WHEN TRY_CAST(trim(x) AS DOUBLE) >= 0 THEN TRY_CAST(trim(x) AS DOUBLE) ELSE NULL END);
CREATE OR REPLACE MACRO gwt_percent_nn(x) AS (CASE WHEN gwt_missing(x) THEN NULL WHEN TRY_CAST(trim(replace(x, '%', '')) AS DOUBLE) >= 0 THEN TRY_CAST(trim(replace(x, '%', '')) AS DOUBLE) ELSE NULL END);
CREATE OR REPLACE MACRO gwt_mib_bytes(v) AS (v * 1048576);
CREATE OR REPLACE MACRO gwt_percent(x) AS (CASE WHEN gwt_missing(x) THEN NULL ELSE TRY_CAST(trim(replace(x, '%', '')) AS DOUBLE) END);
CREATE OR REPLACE MACRO gwt_epoch_ms(x) AS (
  CASE WHEN gwt_missing(x) THEN NULL
       WHEN TRY_CAST(trim(x) AS DOUBLE) IS NOT NULL THEN make_timestamp(CAST(TRY_CAST(trim(x) AS DOUBLE) * 1000 AS BIGINT))
       ELSE TRY_CAST(trim(x) AS TIMESTAMP) END);
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
