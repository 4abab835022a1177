import { GwtInputError } from "../../util/errors";

/** JSON.parse that names the file on failure (a GwtInputError, caught per file by readTraces). */
export function parseJsonFile(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GwtInputError(`not valid JSON (${e instanceof Error ? e.message : String(e)})`, { file });
  }
}

/** A plain object, or undefined. */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A finite number (numbers or numeric strings), or undefined; negative → undefined when `nonNegative`. */
export function jnum(v: unknown, nonNegative = true): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!Number.isFinite(n)) return undefined;
  return nonNegative && n < 0 ? undefined : n;
}

/** A non-empty string (numbers stringified), or undefined. */
export function jstr(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() === "" || v.trim() === "-" ? undefined : v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

/** Scalar fields of an object as strings (nested objects as JSON), for `raw`. */
export function rawOfObject(o: Record<string, unknown>, skip: readonly string[] = []): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) {
    if (skip.includes(k) || v === null || v === undefined) continue;
    raw[k] = typeof v === "object" ? JSON.stringify(v) : String(v);
  }
  return raw;
}
