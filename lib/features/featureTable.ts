/** Read a feature table (CSV/TSV or JSON) into feature records plus sample ids. */
import { readFileSync } from "node:fs";
import { parseDelimited } from "../traces/csv";
import { GwtInputError } from "../util/errors";
import type { FeatureRecord } from "../models/features";

/** Sample-id column names tried in order. */
export const ID_COLUMNS = ["sample", "sample_id", "id", "run"] as const;

/** Records and their sample ids (row numbers when the table has no id column). */
export interface FeatureTable {
  readonly ids: string[];
  readonly records: FeatureRecord[];
}

/**
 * A cell's number: undefined for an empty cell (missing: "", NA, null); otherwise the parsed value, kept
 * even when it is NaN or ±Infinity ("NaN", "inf", text) so per-sample checks refuse it by name instead of
 * treating a corrupt value as a missing one.
 */
function parseNumber(s: string): number | undefined {
  const t = s.trim();
  if (t === "" || t === "NA" || t === "null") return undefined;
  const l = t.toLowerCase();
  if (l === "inf" || l === "+inf" || l === "infinity" || l === "+infinity") return Infinity;
  if (l === "-inf" || l === "-infinity") return -Infinity;
  return Number(t);
}

/**
 * Parse a feature table. JSON: an array of objects, or {rows: [...]}; CSV/TSV: header row.
 * Empty cells are left out of the record (missing); other non-numeric cells become NaN (refused by the
 * per-sample checks when a model reads them).
 * @example const { ids, records } = featureTableFromText(readFileSync("features.csv", "utf8"), "features.csv");
 */
export function featureTableFromText(text: string, source: string): FeatureTable {
  const trimmed = text.trimStart();
  let objs: Record<string, unknown>[];
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new GwtInputError(`not valid JSON (${(e as Error).message})`, { file: source });
    }
    const arr = Array.isArray(v) ? v : (v as { rows?: unknown }).rows;
    if (!Array.isArray(arr)) throw new GwtInputError("expected an array of feature objects (or {rows: [...]})", { file: source });
    arr.forEach((o, i) => {
      if (typeof o !== "object" || o === null || Array.isArray(o)) throw new GwtInputError(`row ${i} is not an object`, { file: source });
    });
    objs = arr as Record<string, unknown>[];
  } else {
    const recs = parseDelimited(text);
    const head = recs[0];
    if (!head) throw new GwtInputError("empty feature table", { file: source });
    objs = recs.slice(1).map((r) => {
      if (r.fields.length !== head.fields.length) throw new GwtInputError(`has ${r.fields.length} fields, header has ${head.fields.length}`, { file: source, line: r.line });
      return Object.fromEntries(head.fields.map((h, j) => [h.trim(), r.fields[j] as string]));
    });
  }
  if (objs.length === 0) throw new GwtInputError("feature table has no rows", { file: source });
  const idCol = ID_COLUMNS.find((c) => objs.some((o) => c in o));
  const ids = objs.map((o, i) => (idCol && o[idCol] !== undefined && o[idCol] !== null ? String(o[idCol]) : String(i + 1)));
  const records = objs.map((o) => {
    const r: Record<string, number | undefined> = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === idCol) continue;
      if (typeof v === "number") r[k] = v;
      else if (typeof v === "string") r[k] = parseNumber(v);
      else if (v === null) r[k] = undefined;
    }
    return r;
  });
  return { ids, records };
}

/** Read a feature table file (see featureTableFromText). */
export function readFeatureTable(path: string): FeatureTable {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new GwtInputError(`cannot read (${(e as Error).message})`, { file: path });
  }
  return featureTableFromText(text, path);
}
