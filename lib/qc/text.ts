/** Small pure text helpers shared by the QC parsers. */
import { GwtInputError } from "../util/errors";
import type { Cell } from "./types";

/** Split text into lines (LF or CRLF), dropping one trailing empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (text.includes("\r")) for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.endsWith("\r")) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/**
 * A metrics cell → number when numeric, null when missing ("", "?", "NaN", "N/A", "-nan"), else the
 * trimmed text. A lone decimal comma ("0,307954", as written by Picard under some locales) is read
 * as a decimal point; Picard never writes thousands separators.
 */
export function cell(raw: string | undefined): Cell {
  if (raw === undefined || raw.length === 0) return null;
  // Fast path: only digits, sign, point and exponent (the common case in metrics tables).
  let plain = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43 || c === 101 || c === 69)) {
      plain = false;
      break;
    }
  }
  if (plain) {
    const v = +raw;
    if (v === v) return v;
  }
  const s = raw.trim();
  if (s === "" || s === "?" || /^[-+]?nan$/i.test(s) || /^n\/?a$/i.test(s) || s === "null") return null;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Number(s);
  if (/^-?\d+,\d+$/.test(s)) return Number(s.replace(",", "."));
  if (/^[-+]?inf(inity)?$/i.test(s)) return null;
  return s;
}

/** A cell that must be numeric → number or null (text → null). */
export function num(raw: Cell | undefined): number | null {
  return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
}

/** Numeric text → number, else a GwtInputError naming file, line and field. */
export function requireNumber(raw: string | undefined, file: string, line: number, field: string): number {
  const v = cell(raw);
  if (typeof v !== "number") throw new GwtInputError(`expected a number, got '${raw ?? ""}'`, { file, line, field });
  return v;
}

/** True when the bytes look binary (a NUL in the first 8 KiB). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Last path component (either separator). */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i >= 0 ? path.slice(i + 1) : path;
}
