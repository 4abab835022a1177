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
