/**
 * Trace files that are not UTF-8 (a Latin-1 export): both trace paths read invalid bytes as U+FFFD, keep
 * every row, and say so once per file. DuckDB reads a transcoded copy (its CSV reader mis-handles invalid
 * bytes in later columns: an internal error in 1.5.6), so both paths see the same text.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { isUtf8 } from "node:buffer";

/** The file-level issue both paths report for a file that is not valid UTF-8. */
export const NOT_UTF8 = "not valid UTF-8: invalid bytes read as U+FFFD, rows kept (convert the file, e.g. iconv -f latin1 -t utf-8)";

const CHUNK = 1 << 20;

/** Bytes at the end of `b` that may start an unfinished UTF-8 sequence (0-3). */
function tailLength(b: Buffer, n: number): number {
  for (let k = 1; k <= Math.min(3, n); k++) {
    const c = b[n - k] as number;
    if ((c & 0xc0) !== 0x80) return c >= 0xc0 ? k : 0; // a lead byte k from the end: keep it for the next chunk
  }
  return 0;
}

/** Is the whole file valid UTF-8? Streams it (1 MiB at a time, native check). */
export function isUtf8File(path: string): boolean {
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(CHUNK + 4);
  let carry = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, carry, CHUNK, null);
      const end = carry + n;
      if (n === 0) return carry === 0 || isUtf8(buf.subarray(0, end));
      const keep = tailLength(buf, end);
      if (!isUtf8(buf.subarray(0, end - keep))) return false;
      buf.copy(buf, 0, end - keep, end);
      carry = keep;
    }
  } finally {
    closeSync(fd);
  }
}

/** Write `path` to `out` as UTF-8, invalid bytes as U+FFFD (what `readFileSync(path, "utf8")` gives). */
export function writeUtf8Copy(path: string, out: string): void {
  const fd = openSync(path, "r");
  const wd = openSync(out, "w");
  const dec = new TextDecoder("utf-8", { fatal: false });
  const buf = Buffer.allocUnsafe(CHUNK);
  try {
    for (let n = readSync(fd, buf, 0, CHUNK, null); n > 0; n = readSync(fd, buf, 0, CHUNK, null)) writeSync(wd, dec.decode(buf.subarray(0, n), { stream: true }));
    writeSync(wd, dec.decode());
  } finally {
    closeSync(fd);
    closeSync(wd);
  }
}
