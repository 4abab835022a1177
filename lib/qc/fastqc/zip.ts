/**
 * `*_fastqc.zip`: find `fastqc_data.txt` inside and parse it. Only that entry is inflated. Fast
 * path: read the zip's central directory and inflate the one entry with Node's zlib (native, ~3x
 * faster than a JS inflater), checking size and CRC-32. Anything unusual (zip64, encryption, a
 * method other than stored/deflate, a bad size or CRC, a corrupt stream) goes to fflate, which
 * then gives the same bytes or the same error as before. No shelling out. Neither path inflates
 * beyond the member's declared size, and a declared size over `maxInflatedBytes` (default 256 MiB)
 * is refused before inflating (GwtLimitError: the file is reported as skipped).
 */
import { crc32, inflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";
import { GwtInputError, GwtLimitError, errorMessage } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import type { FastqcReport } from "../types";
import { parse } from "./parse";

const ENTRY = "fastqc_data.txt";

/** Default cap on the inflated size of the one zip member read (`ParseOptions.maxInflatedBytes`). */
const DEFAULT_MAX_INFLATED_BYTES = 256 * 1024 * 1024;

const inflatesBeyond = (cap: number, declared: number, file: string): GwtLimitError =>
  new GwtLimitError(`skipped: ${ENTRY} inflates beyond ${cap} bytes (declares ${declared}; raise maxInflatedBytes / --max-inflated-bytes to read it)`, { file });
const UTF8 = new TextDecoder("utf-8");

/** Little-endian readers. */
const u16 = (b: Uint8Array, i: number): number => (b[i] as number) | ((b[i + 1] as number) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

/**
 * The `fastqc_data.txt` bytes via the central directory + native inflate, or undefined when the
 * zip is anything but a plain one (then the caller uses fflate). Picks the entry as fflate's path
 * does: names decoded the same way (UTF-8 when flagged, else Latin-1), shortest matching name.
 */
function fastEntry(bytes: Uint8Array, file: string, cap: number): Uint8Array | undefined {
  const n = bytes.length;
  let e = n - 22;
  const stop = Math.max(0, n - 22 - 65535);
  while (e >= stop && u32(bytes, e) !== 0x06054b50) e--;
  if (e < stop) return undefined;
  const count = u16(bytes, e + 10);
  let p = u32(bytes, e + 16);
  if (count === 0xffff || p === 0xffffffff) return undefined; // zip64
  const found = new Map<string, { method: number; crc: number; csize: number; size: number; local: number; flags: number }>();
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(bytes, p) !== 0x02014b50) return undefined;
    const nameLen = u16(bytes, p + 28);
    const next = p + 46 + nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
    if (next > n) return undefined;
    const flags = u16(bytes, p + 8);
    const raw = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 2048 ? Buffer.from(raw).toString("utf8") : Buffer.from(raw).toString("latin1");
    if (name.endsWith(ENTRY)) found.set(name, { method: u16(bytes, p + 10), crc: u32(bytes, p + 16), csize: u32(bytes, p + 20), size: u32(bytes, p + 24), local: u32(bytes, p + 42), flags });
    p = next;
  }
  const names = [...found.keys()].sort((a, b) => a.length - b.length);
  const f = names[0] === undefined ? undefined : found.get(names[0]);
  if (!f || f.flags & 1 || f.csize === 0xffffffff || f.size === 0xffffffff) return undefined;
  if (f.size > cap) throw inflatesBeyond(cap, f.size, file);
  const h = f.local;
  if (h + 30 > n || u32(bytes, h) !== 0x04034b50) return undefined;
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  if (start + f.csize > n) return undefined;
  const data = bytes.subarray(start, start + f.csize);
  let out: Uint8Array;
  try {
    if (f.method === 0) out = data;
    // One output chunk of the declared size (capped: sizes are only checked after): half the
    // time of zlib's default 16 KB chunks, which are then concatenated.
    // Never more than the declared size (itself within the cap): a member that lies about its size
    // stops there (ERR_BUFFER_TOO_LARGE) and the file fails; fflate (unusual zips) is bounded by it too.
    else if (f.method === 8) out = inflateRawSync(data, { chunkSize: Math.max(64, Math.min(f.size, 1032 * f.csize + 64, 64 * 1024 * 1024)), maxOutputLength: Math.max(1, f.size) });
    else return undefined;
  } catch (e) {
    // More bytes than the member declares: corrupt or crafted (a zip bomb that lies about its size).
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new GwtInputError(`${ENTRY} inflates past its declared ${f.size} bytes: corrupt or crafted zip, not read further`, { file });
    return undefined;
  }
  return out.length === f.size && crc32(out) === f.crc ? out : undefined;
}

/**
 * The text of the `fastqc_data.txt` inside a FastQC zip.
 * @throws GwtInputError for a 0-byte file, a corrupt zip, or a zip without `fastqc_data.txt`
 */
export function fastqcDataFromZip(bytes: Uint8Array, file: string, maxInflatedBytes: number = DEFAULT_MAX_INFLATED_BYTES): string {
  if (bytes.length === 0) throw new GwtInputError("0-byte file: not a zip (FastQC did not finish?)", { file });
  const cap = maxInflatedBytes;
  const fast = fastEntry(bytes, file, cap);
  if (fast) return UTF8.decode(fast);
  let entries: Record<string, Uint8Array>;
  let over: number | undefined;
  try {
    // fflate inflates into a buffer of the declared size (never beyond it): refuse declared sizes over the cap.
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (!f.name.endsWith(ENTRY)) return false;
        if (f.originalSize > cap) over = Math.max(over ?? 0, f.originalSize);
        return f.originalSize <= cap;
      },
    });
  } catch (e) {
    throw new GwtInputError(`not a readable zip: ${errorMessage(e)}`, { file });
  }
  const names = Object.keys(entries).sort((a, b) => a.length - b.length);
  const name = names[0];
  if (name === undefined && over !== undefined) throw inflatesBeyond(cap, over, file);
  if (name === undefined) throw new GwtInputError("zip holds no fastqc_data.txt", { file });
  return UTF8.decode(entries[name]);
}

/** Parse a `*_fastqc.zip` (bytes) into a FastqcReport. */
export function parseZip(bytes: Uint8Array, file: string, options: ParseOptions = {}): FastqcReport {
  return parse(fastqcDataFromZip(bytes, file, options.maxInflatedBytes), file, options);
}
