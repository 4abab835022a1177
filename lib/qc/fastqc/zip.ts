/** `*_fastqc.zip`: find `fastqc_data.txt` inside with fflate (no shelling out) and parse it. */
import { unzipSync } from "fflate";
import { GwtInputError, errorMessage } from "../../util/errors";
import type { ParseOptions } from "../picard/parse";
import type { FastqcReport } from "../types";
import { parse } from "./parse";

/**
 * The text of the `fastqc_data.txt` inside a FastQC zip.
 * @throws GwtInputError for a 0-byte file, a corrupt zip, or a zip without `fastqc_data.txt`
 */
export function fastqcDataFromZip(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new GwtInputError("0-byte file: not a zip (FastQC did not finish?)", { file });
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name.endsWith("fastqc_data.txt") });
  } catch (e) {
    throw new GwtInputError(`not a readable zip: ${errorMessage(e)}`, { file });
  }
  const names = Object.keys(entries).sort((a, b) => a.length - b.length);
  const name = names[0];
  if (name === undefined) throw new GwtInputError("zip holds no fastqc_data.txt", { file });
  return new TextDecoder("utf-8").decode(entries[name]);
}

/** Parse a `*_fastqc.zip` (bytes) into a FastqcReport. */
export function parseZip(bytes: Uint8Array, file: string, options: ParseOptions = {}): FastqcReport {
  return parse(fastqcDataFromZip(bytes, file), file, options);
}
