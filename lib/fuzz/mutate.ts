/**
 * Seeded mutators for fuzzing parsers: byte-level (flip, insert, delete, duplicate, truncate) and
 * token-level (numbers, markers, control characters, formula starters, huge lines). Same seed, same cases.
 */
import { rng } from "../util/stats";

/** Values hostile input likes to put into cells. */
export const HOSTILE_TOKENS = [
  "1e400", "-1e400", "1e309", "NaN", "nan", "Infinity", "-Infinity", "inf", "-1", "-0", "0x10", "1_000", "+5", ".5", "5.", "",
  "-", "NA", "null", "\u0000", "\ufeff", "\r", "\n", "\r\n", "\t", "\"", "'", "=1+1", "@SUM(A1)", "\u001b]0;x\u0007", "\u202e",
  "\ud800", "é", "\u00ff\u00fe", "1h 1h", "-5s", "soon", "1.2 GB", "12.5 MB", "180.5%", "%", "1%%", " 7 ", "99999999999999999999999",
  "9007199254740993", "1e-400", "{", "}", "[", "]", ":", ",", "##", ">>END_MODULE", "## METRICS CLASS", "#", "x".repeat(10_000),
] as const;

/** A seeded case generator: `next(seedText)` gives a mutated copy. */
export class Mutator {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.r() * n);
  }

  /** One of `xs`. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }

  /** 1-4 mutations of `text` (token and line level), as text. */
  text(src: string): string {
    let s = src;
    const k = 1 + this.int(4);
    for (let i = 0; i < k; i++) s = this.once(s);
    return s;
  }

  /** 1-4 byte-level mutations of `src`. */
  bytes(src: Uint8Array): Uint8Array {
    let b = Buffer.from(src);
    const k = 1 + this.int(4);
    for (let i = 0; i < k; i++) {
      const at = this.int(b.length + 1);
      switch (this.int(5)) {
        case 0: if (b.length) b[Math.min(at, b.length - 1)] ^= 1 << this.int(8); break;
        case 1: b = Buffer.concat([b.subarray(0, at), Buffer.from([this.int(256)]), b.subarray(at)]); break;
        case 2: b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + this.int(64)))]); break;
        case 3: b = b.subarray(0, at); break;
        default: b = Buffer.concat([b.subarray(0, at), b.subarray(at, at + this.int(256)), b.subarray(at)]);
      }
    }
    return b;
  }

  private once(s: string): string {
    const lines = s.split("\n");
    const li = this.int(lines.length);
    const line = lines[li] ?? "";
    switch (this.int(9)) {
      case 0: { // replace a number in a line with a hostile token
        const m = [...line.matchAll(/-?[0-9][0-9.eE+-]*/g)];
        const hit = m.length ? m[this.int(m.length)] : undefined;
        if (hit?.index !== undefined) lines[li] = line.slice(0, hit.index) + this.pick(HOSTILE_TOKENS) + line.slice(hit.index + hit[0].length);
        return lines.join("\n");
      }
      case 1: { // replace a tab/comma-separated cell
        const sep = line.includes("\t") ? "\t" : ",";
        const cells = line.split(sep);
        cells[this.int(cells.length)] = this.pick(HOSTILE_TOKENS);
        lines[li] = cells.join(sep);
        return lines.join("\n");
      }
      case 2: lines.splice(li, 1); return lines.join("\n"); // drop a line
      case 3: lines.splice(li, 0, line); return lines.join("\n"); // duplicate a line
      case 4: return s.slice(0, this.int(s.length + 1)); // truncate mid-line
      case 5: { // insert a token anywhere
        const at = this.int(s.length + 1);
        return s.slice(0, at) + this.pick(HOSTILE_TOKENS) + s.slice(at);
      }
      case 6: { // drop or add a cell (short / long rows)
        const sep = line.includes("\t") ? "\t" : ",";
        const cells = line.split(sep);
        if (this.int(2)) cells.pop();
        else cells.push(this.pick(HOSTILE_TOKENS));
        lines[li] = cells.join(sep);
        return lines.join("\n");
      }
      case 7: return this.int(2) ? s.replace(/\n/g, "\r") : s.replace(/\n/g, "\r\n"); // line endings
      default: { // swap two lines
        const lj = this.int(lines.length);
        [lines[li], lines[lj]] = [lines[lj] ?? "", line];
        return lines.join("\n");
      }
    }
  }
}
