/** Small pure text helpers shared by the QC parsers. */
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
 * as a decimal point; Picard never writes thousands separators. Never a non-finite number: numeric
 * text beyond the double range ("1e309") and "inf"/"Infinity" give null (`cellProblem` says why, for
 * parsers that report it).
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
    if (v === v) return v === Infinity || v === -Infinity ? null : v;
  }
  const s = raw.trim();
  if (s === "" || s === "?" || /^[-+]?nan$/i.test(s) || /^n\/?a$/i.test(s) || s === "null") return null;
  if (NUMERIC.test(s)) return finiteOrNull(Number(s));
  if (/^-?\d+,\d+$/.test(s)) return finiteOrNull(Number(s.replace(",", ".")));
  if (INFINITE.test(s)) return null;
  return s;
}

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const INFINITE = /^[-+]?inf(inity)?$/i;
const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Why `cell(raw)` gave no number for text that looks like one: "not a finite number" for numeric
 * text beyond the double range ("1e309") or "inf"/"Infinity"; undefined otherwise (a number, a
 * missing marker such as "?" or "NaN", or plain text).
 */
export function cellProblem(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (INFINITE.test(s)) return "not a finite number";
  if ((NUMERIC.test(s) || /^-?\d+,\d+$/.test(s)) && !Number.isFinite(Number(s.replace(",", ".")))) return "not a finite number (beyond the double range)";
  return undefined;
}

/**
 * Text as the parsers expect it: a leading UTF-8 byte-order mark dropped, and old-Mac CR-only line
 * ends (a text with CR but no LF) turned into LF. CRLF is left alone (the parsers read it).
 */
export function normalizeText(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.indexOf("\n") < 0 && t.indexOf("\r") >= 0 ? t.replace(/\r/g, "\n") : t;
}

/** A cell that must be numeric → number or null (text → null). */
export function num(raw: Cell | undefined): number | null {
  return typeof raw === "number" && Number.isFinite(raw) ? raw : null;
}

/** True when the bytes look binary (a NUL in the first 8 KiB). */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, Math.min(bytes.length, 8192)).indexOf(0) >= 0;
}

/** Last path component (either separator). */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** True when `s.trim() === ""` (ASCII fast path; other text falls back to `trim`). */
export function isBlankRange(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    if (c < 128) return false;
    return text.slice(i, to).trim() === "";
  }
  return true;
}

/**
 * The lines of a text without splitting it: same lines as `splitLines` (LF or CRLF, one trailing
 * empty line dropped), found with `indexOf`, sliced only when asked for. Cheap tests (`blank`,
 * `startsWith`, `charAt`) read the text in place, so parsers can skip huge sections without
 * allocating a string per line.
 */
export class LineIndex {
  /** Number of lines (as `splitLines(text).length`). */
  readonly length: number;
  /** Line starts, plus a sentinel: line i's LF (or end of text + 1) is at starts[i + 1] - 1. */
  private readonly starts: Int32Array;

  constructor(readonly text: string) {
    const n = text.length;
    let starts = new Int32Array(Math.max(16, (n >> 5) + 1));
    let count = 0;
    let pos = 0;
    while (pos < n) {
      if (count + 1 >= starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = pos;
      const j = text.indexOf("\n", pos);
      pos = j < 0 ? n + 1 : j + 1;
    }
    starts[count] = pos;
    this.starts = starts;
    this.length = count;
  }

  /** Line `i` (0-based), without its line break. */
  line(i: number): string {
    return this.text.slice(this.starts[i], this.end(i));
  }

  /** Offset of line `i`'s first character in the text. */
  start(i: number): number {
    return this.starts[i] as number;
  }

  /** Offset just past line `i`'s last character (before CR/LF). */
  end(i: number): number {
    const s = this.starts[i] as number;
    const e = (this.starts[i + 1] as number) - 1;
    return e > s && this.text.charCodeAt(e - 1) === 13 ? e - 1 : e;
  }

  /** `line(i).startsWith(prefix)`, without slicing. */
  startsWith(i: number, prefix: string): boolean {
    const s = this.starts[i] as number;
    return this.end(i) - s >= prefix.length && this.text.startsWith(prefix, s);
  }

  /** `line(i).trim() === ""`, without slicing. */
  blank(i: number): boolean {
    return isBlankRange(this.text, this.starts[i] as number, this.end(i));
  }

  /** `line(i)` split on tabs. */
  split(i: number): string[] {
    return this.line(i).split("\t");
  }
}

/**
 * Define `key` on `obj` as an enumerable property computed on first read (then stored as a plain
 * value). Keeps the key's position when `obj` already has it, so records look (to `JSON.stringify`,
 * `deepEqual`, spreading) exactly like eagerly built ones, while tables nobody reads are never built.
 */
export function defineLazy<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(obj, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
}
